// The public portal (reception-contract "Public"): online complaints with
// their privacy notice, validation, attachments and the progress lookup, which
// never shows staff data; the upcoming reception days; the iCalendar and RSS
// feeds, read with independent parsers (Mozilla's ical.js, fast-xml-parser);
// the regions; and the per-address throttle, on a server of its own.
//
// The days here are created by this file, within the feeds' window (from a
// month to ten months ahead) and named after leaders created here, so no other
// file's days are mistaken for them.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import ICAL from 'ical.js'
import {
  admin,
  advance,
  chinaDate,
  chinaTime,
  Client,
  complaintBody,
  createLeader,
  createReceptionDay,
  createRegion,
  DEMO_REGIONS,
  dateZh,
  download,
  expectError,
  expectStatus,
  getPetition,
  lastFour,
  listAll,
  loggedIn,
  maskedName,
  maskedPhone,
  otherFour,
  pdfBytes,
  pngBytes,
  publicGet,
  publicPost,
  schemaProblems,
  startServer,
  unitId,
  uniqInt,
  uploadToComplaint,
  validIdNumber,
  weekdayZh,
  wrongCheckDigit,
  zhMarker,
} from './lib.mjs'

const CODE = /^XF-\d{4}-\d{5}$/

let tiaochu
let zhifa1

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
})

async function expectSchema(name, value) {
  assert.deepEqual(await schemaProblems(name, value), [])
}

// The staff's view of the petitions whose text holds `marker`.
function petitionsWith(marker) {
  return listAll(tiaochu, `/api/v1/petitions?q=${encodeURIComponent(marker)}`)
}

// Submits a valid complaint; returns the receipt, the request body and the
// petition as the staff see it.
async function complain(fields = {}) {
  const body = await complaintBody(tiaochu, fields)
  const res = await publicPost('/complaints', body)
  expectStatus(res, 201, 'online complaint')
  const found = (await petitionsWith(body.summary)).find(
    (p) => p.code === res.json.code,
  )
  assert.ok(found, 'the staff find the complaint')
  return { ...res.json, body, petition: await getPetition(tiaochu, found.id) }
}

function lookup(complaint, last4 = lastFour(complaint.body.phone)) {
  return publicPost('/complaints/lookup', {
    tracking_code: complaint.tracking_code,
    phone_last4: last4,
  })
}

describe('online complaints', () => {
  test('without accepting the privacy notice it is 400 on privacy_accepted and nothing is registered', async () => {
    const body = await complaintBody(tiaochu, { privacy_accepted: false })

    const res = await publicPost('/complaints', body)

    expectError(res, 400, 'validation.required', 'privacy_accepted')
    assert.deepEqual(await petitionsWith(body.summary), [])
  })

  const invalid = [
    ['no summary', { summary: undefined }, 'validation.required', 'summary'],
    ['a landline', { phone: '0513-82212345' }, 'validation.phone', 'phone'],
    [
      'an ID number with a wrong check digit',
      { id_number: wrongCheckDigit(validIdNumber()) },
      'validation.id_number',
      'id_number',
    ],
  ]
  for (const [what, fields, code, field] of invalid) {
    test(`${what}: 400 ${code} on ${field}, nothing registered`, async () => {
      const body = await complaintBody(tiaochu, fields)

      const res = await publicPost('/complaints', body)

      expectError(res, 400, code, field)
      assert.deepEqual(await petitionsWith(body.location), [])
    })
  }

  test('a valid complaint gets a tracking code and is registered as an online petition', async () => {
    const body = await complaintBody(tiaochu, {
      id_number: validIdNumber(),
      address: '海门区海门街道人民路1号',
    })

    const res = await publicPost('/complaints', body)

    expectStatus(res, 201)
    await expectSchema('ComplaintReceipt', res.json)
    assert.equal(typeof res.json.tracking_code, 'string')
    assert.ok(res.json.tracking_code.length >= 8)
    assert.match(res.json.code, CODE)
    const found = (await petitionsWith(body.summary)).find(
      (p) => p.code === res.json.code,
    )
    const petition = await getPetition(tiaochu, found.id)
    assert.equal(petition.code, res.json.code)
    assert.equal(petition.channel, 'online')
    assert.equal(petition.status, 'registered')
    assert.equal(petition.summary, body.summary)
    assert.equal(petition.location, body.location)
    assert.equal(petition.petitioners[0].name, maskedName(body.name))
    assert.equal(petition.petitioners[0].phone, maskedPhone(body.phone))
  })

  test('the lookup of a fresh complaint shows its status, received date and acceptance deadline', async () => {
    const complaint = await complain()

    const res = await lookup(complaint)

    expectStatus(res, 200)
    await expectSchema('ComplaintProgress', res.json)
    assert.equal(res.json.code, complaint.code)
    assert.equal(res.json.status, 'registered')
    assert.match(res.json.status_label, /[\u4e00-\u9fff]/)
    assert.equal(
      Date.parse(res.json.received_at),
      Date.parse(complaint.petition.received_at),
    )
    assert.equal(res.json.accepted_at, null)
    assert.equal(res.json.replied_at, null)
    assert.equal(res.json.reply, null)
    const acceptance = res.json.deadlines.find((d) => d.kind === 'acceptance')
    assert.equal(
      acceptance?.due,
      complaint.petition.deadlines.find((d) => d.kind === 'acceptance').due,
    )
  })

  test('after the staff reply, the lookup shows the dates and the reply but no officer, unit, finding, note or personal data', async () => {
    const complaint = await complain({ id_number: validIdNumber() })
    const marks = {
      requirements: `${zhMarker(6)}交办要求`,
      supervision: `${zhMarker(6)}督办意见`,
      answer: `${zhMarker(6)}督办回复`,
      participants: `${zhMarker(3)}检查员`,
      inspection: `${zhMarker(6)}检查发现`,
      findings: `${zhMarker(6)}调查情况`,
    }
    const reply = `${zhMarker(6)}经调查，已责令企业停止夜间冲压作业`
    let p = complaint.petition
    p = await advance(tiaochu, p, 'accept')
    p = await advance(tiaochu, p, 'assign', {
      unit_id: await unitId(tiaochu, '执法一局'),
      requirements: marks.requirements,
    })
    p = await advance(tiaochu, p, 'supervise', { content: marks.supervision })
    expectStatus(
      await zhifa1.post(`/api/v1/petitions/${p.id}/inspections`, {
        inspected_on: chinaDate(0),
        participants: marks.participants,
        findings: marks.inspection,
        requirements: [{ content: '加装隔声罩', deadline: chinaDate(10) }],
      }),
      201,
    )
    p = await getPetition(zhifa1, p.id)
    p = await advance(zhifa1, p, 'answer_supervision', {
      content: marks.answer,
    })
    p = await advance(zhifa1, p, 'report', { findings: marks.findings })
    p = await advance(tiaochu, p, 'reply', { content: reply, way: 'written' })

    const res = await lookup(complaint)

    expectStatus(res, 200)
    await expectSchema('ComplaintProgress', res.json)
    assert.equal(res.json.status, 'replied')
    const accepted = Date.parse(res.json.accepted_at)
    const replied = Date.parse(res.json.replied_at)
    assert.ok(
      accepted <= replied,
      `${res.json.accepted_at} ${res.json.replied_at}`,
    )
    assert.equal(p.status, 'replied')
    assert.deepEqual(res.json.reply, { content: reply, way: 'written' })
    const text = JSON.stringify(res.json)
    const forbidden = [
      ...Object.values(marks),
      'tiaochu',
      'zhifa1',
      'admin',
      '信访调处科值班员',
      '执法一局联络员',
      '执法一局',
      '第一组',
      '钱向东',
      complaint.body.name,
      maskedName(complaint.body.name),
      complaint.body.phone,
      maskedPhone(complaint.body.phone),
      complaint.body.id_number,
      complaint.body.location,
      complaint.body.respondent,
    ]
    for (const secret of forbidden) {
      assert.ok(!text.includes(secret), `the lookup shows ${secret}: ${text}`)
    }
  })

  describe('wrong keys', () => {
    let complaint

    before(async () => {
      complaint = await complain()
    })

    test('wrong digits and an unknown code get the same 404', async () => {
      const wrong = await lookup(complaint, otherFour(complaint.body.phone))
      const unknown = await publicPost('/complaints/lookup', {
        tracking_code: `${complaint.tracking_code}Z`,
        phone_last4: lastFour(complaint.body.phone),
      })

      expectError(wrong, 404, 'not_found')
      expectError(unknown, 404, 'not_found')
      assert.equal(wrong.json.error.message, unknown.json.error.message)
      assert.ok(!wrong.text.includes(complaint.code))
    })
  })
})

describe('correcting how an online complaint is classified', () => {
  function reclassify(client, petition, fields) {
    return client.patch(`/api/v1/petitions/${petition.id}`, {
      version: petition.version,
      ...fields,
    })
  }

  test('the coordinator corrects content type, legal category and level while it is registered', async () => {
    const { petition } = await complain()
    assert.equal(petition.content_type, 'violation')

    const res = await reclassify(tiaochu, petition, {
      content_type: 'suggestion',
      legal_category: 'suggestion',
      level: 'municipal',
    })

    expectStatus(res, 200)
    await expectSchema('Petition', res.json)
    assert.equal(res.json.content_type, 'suggestion')
    assert.equal(res.json.legal_category, 'suggestion')
    assert.equal(res.json.level, 'municipal')
    assert.ok(res.json.flags.includes('level_skipping'))
    assert.equal(res.json.version, petition.version + 1)
    const entry = res.json.timeline.find((e) => e.action === 'reclassify')
    assert.ok(entry, JSON.stringify(res.json.timeline))
    assert.deepEqual(entry.details.level, ['district', 'municipal'])
    assert.equal(entry.to_status, 'registered')
    const audit = await listAll(
      await admin(),
      `/api/v1/audit?entity=petition&entity_id=${petition.id}`,
    )
    const row = audit.find((r) => r.action === 'reclassify')
    assert.ok(row, JSON.stringify(audit))
    assert.deepEqual(row.changes.content_type, ['violation', 'suggestion'])

    const back = await reclassify(tiaochu, res.json, { level: 'district' })
    expectStatus(back, 200)
    assert.ok(!back.json.flags.includes('level_skipping'))
  })

  test('a stale version is 409 and changes nothing', async () => {
    const { petition } = await complain()
    expectStatus(
      await reclassify(tiaochu, petition, { content_type: 'suggestion' }),
      200,
    )

    const res = await reclassify(tiaochu, petition, { level: 'municipal' })

    expectError(res, 409, 'conflict.stale_version', 'version')
    const after = await getPetition(tiaochu, petition.id)
    assert.equal(after.level, 'district')
  })

  test('bad codes or no field are 400 naming the field', async () => {
    const { petition } = await complain()

    expectError(
      await reclassify(tiaochu, petition, { level: 'galactic' }),
      400,
      'validation.invalid',
      'level',
    )
    expectError(
      await reclassify(tiaochu, petition, {}),
      400,
      'validation.required',
      'content_type',
    )
    expectError(
      await tiaochu.patch(`/api/v1/petitions/${petition.id}`, {
        content_type: 'suggestion',
      }),
      400,
      'validation.required',
      'version',
    )
  })

  test('once accepted the classification is locked (409 petition.classification_locked)', async () => {
    const { petition } = await complain()
    const accepted = await advance(tiaochu, petition, 'accept')

    const res = await reclassify(tiaochu, accepted, {
      content_type: 'suggestion',
    })

    expectError(res, 409, 'petition.classification_locked')
    assert.equal(
      (await getPetition(tiaochu, petition.id)).content_type,
      'violation',
    )
  })

  for (const user of ['liuhuajun', 'zhifa1', 'shenji']) {
    test(`${user} may not correct it (403)`, async () => {
      const { petition } = await complain()
      const client = await loggedIn(user)

      expectError(
        await reclassify(client, petition, { content_type: 'suggestion' }),
        403,
        'access.forbidden',
      )
    })
  }
})

describe('complaint attachments', () => {
  let complaint

  before(async () => {
    complaint = await complain()
  })

  function attach(target, bytes, type, name, last4) {
    return uploadToComplaint(
      target.tracking_code,
      last4 ?? lastFour(target.body.phone),
      bytes,
      type,
      name,
    )
  }

  test('a PNG is accepted and the staff see it on the petition', async () => {
    const png = pngBytes()

    const res = await attach(complaint, png, 'image/png', '现场照片.png')

    expectStatus(res, 201)
    await expectSchema('ComplaintAttachment', res.json)
    assert.deepEqual(res.json, {
      filename: '现场照片.png',
      content_type: 'image/png',
      size: png.length,
    })
    const petition = await getPetition(tiaochu, complaint.petition.id)
    const file = petition.attachments.find((a) => a.filename === '现场照片.png')
    assert.ok(file, JSON.stringify(petition.attachments))
    const got = await download(tiaochu, `/api/v1/attachments/${file.id}`)
    assert.deepEqual(got.bytes, png)
  })

  test('a text file is 415 upload.unsupported_type', async () => {
    const res = await attach(
      complaint,
      Buffer.from('不是图片'),
      'text/plain',
      '说明.txt',
    )

    expectError(res, 415, 'upload.unsupported_type')
  })

  test('a PNG sent as PDF is 400 upload.type_mismatch', async () => {
    const res = await attach(
      complaint,
      pngBytes(),
      'application/pdf',
      '材料.pdf',
    )

    expectError(res, 400, 'upload.type_mismatch')
  })

  test('wrong digits are 404 and attach nothing', async () => {
    const res = await attach(
      complaint,
      pdfBytes(),
      'application/pdf',
      '错误.pdf',
      otherFour(complaint.body.phone),
    )

    expectError(res, 404, 'not_found')
    const petition = await getPetition(tiaochu, complaint.petition.id)
    assert.ok(!petition.attachments.some((a) => a.filename === '错误.pdf'))
  })

  test('five files are accepted; the sixth is 409 complaint.attachments_closed', async () => {
    const mine = await complain()
    for (let i = 1; i <= 5; i++) {
      const res = await attach(mine, pdfBytes(), 'application/pdf', `${i}.pdf`)
      expectStatus(res, 201, `file ${i}`)
    }

    const sixth = await attach(mine, pngBytes(), 'image/png', '6.png')

    expectError(sixth, 409, 'complaint.attachments_closed')
    const petition = await getPetition(tiaochu, mine.petition.id)
    assert.equal(petition.attachments.length, 5)
  })

  test('once the staff have accepted the complaint it is 409 complaint.attachments_closed', async () => {
    const mine = await complain()
    await advance(tiaochu, mine.petition, 'accept')

    const res = await attach(mine, pngBytes(), 'image/png', '晚到.png')

    expectError(res, 409, 'complaint.attachments_closed')
  })
})

describe('upcoming reception days', () => {
  let published
  let hidden
  let past
  const note = `${zhMarker(6)}内部备注`

  before(async () => {
    published = await createReceptionDay(tiaochu, {
      date: chinaDate(uniqInt(35, 300)),
      capacity: 9,
      note,
    })
    hidden = await createReceptionDay(tiaochu, {
      date: chinaDate(uniqInt(35, 300)),
      published: false,
    })
    past = await createReceptionDay(tiaochu, { date: chinaDate(-3) })
  })

  test('list published days from today on, with what a citizen needs and nothing internal', async () => {
    const res = await publicGet('/reception-days')

    expectStatus(res, 200)
    await expectSchema('PublicReceptionDayList', res.json)
    const day = res.json.items.find((d) => d.id === published.id)
    assert.deepEqual(day, {
      id: published.id,
      date: published.date,
      weekday: weekdayZh(published.date),
      start_time: published.start_time,
      end_time: published.end_time,
      leaders: published.leaders.map(({ name }) => ({ name })),
      place: published.place,
      phone: published.phone,
      free: 9,
      booking_open: true,
    })
    const ids = res.json.items.map((d) => d.id)
    assert.ok(!ids.includes(hidden.id), 'unpublished day listed')
    assert.ok(!ids.includes(past.id), 'past day listed')
    assert.ok(res.json.items.every((d) => d.date >= chinaDate(0)))
    const dates = res.json.items.map((d) => d.date)
    assert.deepEqual(dates, [...dates].sort())
    assert.ok(!res.text.includes(note), 'the internal note')
  })

  test('needs no login and sets no session', async () => {
    const res = await new Client().get('/api/public/reception-days')

    expectStatus(res, 200)
    assert.equal(
      res.headers.getSetCookie().some((c) => c.startsWith('xf_session=')),
      false,
    )
  })
})

describe('regions for the public forms', () => {
  test('lists the active regions by id and name only', async () => {
    const client = await admin()
    const active = await createRegion(client)
    const inactive = await createRegion(client)
    expectStatus(
      await client.patch(`/api/v1/regions/${inactive.id}`, { active: false }),
      200,
    )

    const res = await publicGet('/regions')

    expectStatus(res, 200)
    await expectSchema('PublicRegionList', res.json)
    const names = res.json.items.map((r) => r.name)
    for (const name of DEMO_REGIONS) assert.ok(names.includes(name), name)
    assert.ok(names.includes(active.name))
    assert.ok(!names.includes(inactive.name), 'an inactive region')
    for (const region of res.json.items) {
      assert.deepEqual(Object.keys(region).sort(), ['id', 'name'])
    }
  })
})

describe('feeds', () => {
  let shown
  let shownLeader
  let hiddenLeader

  before(async () => {
    const client = await admin()
    shownLeader = await createLeader(client, { name: `接访${zhMarker(4)}` })
    hiddenLeader = await createLeader(client, { name: `接访${zhMarker(4)}` })
    shown = await createReceptionDay(tiaochu, {
      date: chinaDate(uniqInt(35, 300)),
      leader_ids: [shownLeader.id],
      place: `海门区${zhMarker(3)}接待室`,
      phone: '0513-82219316',
    })
    await createReceptionDay(tiaochu, {
      date: chinaDate(uniqInt(35, 300)),
      leader_ids: [hiddenLeader.id],
      published: false,
    })
  })

  async function ics() {
    const res = await publicGet('/reception-days.ics')
    expectStatus(res, 200)
    return res
  }

  async function rss() {
    const res = await publicGet('/reception-days.rss')
    expectStatus(res, 200)
    return res
  }

  test('the iCalendar is text/calendar with CRLF lines of at most 75 octets', async () => {
    const res = await ics()

    assert.match(res.headers.get('content-type'), /^text\/calendar/)
    assert.ok(res.text.endsWith('\r\n'))
    const lines = res.text.slice(0, -2).split('\r\n')
    for (const line of lines) {
      assert.ok(!line.includes('\n'), `bare LF in ${JSON.stringify(line)}`)
      assert.ok(Buffer.byteLength(line) <= 75, `long line ${line}`)
    }
  })

  test('ical.js reads a VCALENDAR 2.0 with the Asia/Shanghai zone and one event per published day', async () => {
    const calendar = new ICAL.Component(ICAL.parse((await ics()).text))

    assert.equal(calendar.name, 'vcalendar')
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0')
    assert.ok(calendar.getFirstPropertyValue('prodid'))
    const zones = calendar
      .getAllSubcomponents('vtimezone')
      .map((z) => z.getFirstPropertyValue('tzid'))
    assert.ok(zones.includes('Asia/Shanghai'), JSON.stringify(zones))
    const events = calendar.getAllSubcomponents('vevent')
    const uids = events.map((e) => e.getFirstPropertyValue('uid'))
    assert.equal(new Set(uids).size, events.length, 'UIDs are unique')
    for (const event of events) {
      assert.ok(event.getFirstPropertyValue('uid'))
      assert.ok(event.getFirstProperty('dtstamp'), 'DTSTAMP')
      const start = event.getFirstProperty('dtstart')
      assert.equal(start.getParameter('tzid'), 'Asia/Shanghai')
    }
  })

  test('a published day is an event at 08:30 Asia/Shanghai with its leader, place and phone', async () => {
    const calendar = new ICAL.Component(ICAL.parse((await ics()).text))
    for (const zone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(zone)
    }

    const matches = calendar
      .getAllSubcomponents('vevent')
      .filter((e) =>
        e.getFirstPropertyValue('summary').includes(shownLeader.name),
      )

    assert.equal(matches.length, 1)
    const event = new ICAL.Event(matches[0])
    const dtstart = matches[0].getFirstProperty('dtstart')
    assert.equal(dtstart.getParameter('tzid'), 'Asia/Shanghai')
    assert.equal(event.startDate.toString(), `${shown.date}T08:30:00`)
    assert.equal(
      event.startDate.toUnixTime() * 1000,
      Date.parse(chinaTime(shown.date, '08:30')),
    )
    assert.equal(
      event.endDate.toUnixTime() * 1000,
      Date.parse(chinaTime(shown.date, '11:30')),
    )
    assert.equal(event.location, shown.place)
    assert.ok(event.description.includes('0513-82219316'), event.description)
    assert.ok(event.description.includes(shownLeader.name))
  })

  test('an unpublished day is in neither feed', async () => {
    const [calendar, feed] = [(await ics()).text, (await rss()).text]

    for (const text of [calendar, feed]) {
      assert.ok(!text.includes(hiddenLeader.name), 'unpublished day shown')
    }
  })

  test('the RSS is well-formed RSS 2.0 with a channel title, link and description', async () => {
    const res = await rss()

    assert.match(res.headers.get('content-type'), /^application\/rss\+xml/)
    assert.equal(XMLValidator.validate(res.text), true)
    const doc = new XMLParser({ ignoreAttributes: false }).parse(res.text)
    assert.equal(doc.rss['@_version'], '2.0')
    const channel = doc.rss.channel
    assert.ok(channel.title)
    assert.ok(channel.description)
    assert.match(new URL(channel.link).pathname, /^\/public\//)
  })

  test('a published day is an item titled with its date and leader, linking to its booking page', async () => {
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => name === 'item',
    }).parse((await rss()).text)
    const items = doc.rss.channel.item

    const mine = items.filter((i) => String(i.title).includes(shownLeader.name))

    assert.equal(mine.length, 1)
    const [item] = mine
    assert.ok(item.title.includes(dateZh(shown.date)), item.title)
    const link = new URL(item.link)
    assert.match(link.protocol, /^https?:$/)
    // The booking page is the one that opens with ?day= chosen.
    assert.equal(link.pathname, '/public/book')
    assert.equal(link.searchParams.get('day'), String(shown.id))
    assert.ok(item.guid, 'guid')
    assert.ok(!Number.isNaN(Date.parse(item.pubDate)), item.pubDate)
    assert.ok(String(item.description).includes(shown.place))
    const links = items.map((i) => i.link)
    assert.equal(new Set(links).size, links.length, 'one link per day')
  })
})

describe('throttling per address', () => {
  test(
    'after N public requests the next is 429 public.too_many_requests (--public-requests-per-hour 3)',
    { timeout: 60_000 },
    async () => {
      const server = await startServer(['--public-requests-per-hour', '3'])
      try {
        const probe = () =>
          publicPost(
            '/appointments/lookup',
            { code: 'NOSUCHCODE', phone_last4: '0000' },
            server.url,
          )
        for (let i = 1; i <= 3; i++) {
          expectError(await probe(), 404, 'not_found')
        }

        const res = await probe()
        const booking = await publicPost(
          '/complaints',
          await complaintBody(tiaochu),
          server.url,
        )

        expectError(res, 429, 'public.too_many_requests')
        expectError(booking, 429, 'public.too_many_requests')
      } finally {
        await server.stop()
      }
    },
  )
})
