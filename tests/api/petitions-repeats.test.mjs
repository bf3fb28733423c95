// Repeat petitions and a petitioner's history (petition-contract "Repeats" and
// "Petitioners"): candidates of the last 12 months by keyed-hash match of the
// petitioner or by respondent and location, links that set 重复访, and the
// history that only identity-cleared staff may read.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  chinaDate,
  chinaTime,
  expectError,
  expectStatus,
  expectUnchanged,
  getPetition,
  loggedIn,
  maskedName,
  newPetitioner,
  petitionBody,
  randomMobile,
  registerPetition,
  validIdNumber,
  zhMarker,
} from './lib.mjs'

let tiaochu
let leader
let zhifa1
let shenji

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  leader = await loggedIn('liuhuajun')
  zhifa1 = await loggedIn('zhifa1')
  shenji = await loggedIn('shenji')
})

async function candidates(query, client = tiaochu) {
  const res = await client.post('/api/v1/petitions/repeat-candidates', query)
  expectStatus(res, 200, 'repeat candidates')
  return res.json.items
}

const idsOf = (rows) => rows.map((r) => r.id).sort((a, b) => a - b)

describe('repeat candidates', () => {
  test('same phone within 12 months matches as petitioner; a petition older than 12 months does not', async () => {
    const phone = randomMobile()
    const recent = await registerPetition(tiaochu, {
      received_at: chinaTime(chinaDate(-40)),
      petitioners: [newPetitioner({ phone })],
    })
    const old = await registerPetition(tiaochu, {
      received_at: chinaTime(chinaDate(-400)),
      petitioners: [newPetitioner({ phone })],
    })

    const items = await candidates({ phone })

    assert.deepEqual(idsOf(items), [recent.id])
    const [row] = items
    assert.equal(row.match, 'petitioner')
    assert.equal(row.code, recent.code)
    assert.equal(row.summary, recent.summary)
    assert.equal(row.status, 'registered')
    assert.ok(!idsOf(items).includes(old.id))
  })

  test('same ID number matches, whichever other fields differ', async () => {
    const id = validIdNumber()
    const first = await registerPetition(tiaochu, {
      petitioners: [newPetitioner({ id_number: id })],
    })

    const items = await candidates({ id_number: id })

    assert.deepEqual(idsOf(items), [first.id])
    assert.equal(items[0].match, 'petitioner')
  })

  test('same respondent and location match as respondent_location; only one of them does not', async () => {
    const respondent = `${zhMarker()}化工厂`
    const location = `${zhMarker()}村三组`
    const first = await registerPetition(tiaochu, { respondent, location })

    const both = await candidates({ respondent, location })
    const onlyRespondent = await candidates({
      respondent,
      location: `${zhMarker()}村`,
    })

    assert.deepEqual(idsOf(both), [first.id])
    assert.equal(both[0].match, 'respondent_location')
    assert.deepEqual(onlyRespondent, [])
  })

  test('exclude_id leaves out the petition being registered', async () => {
    const phone = randomMobile()
    const a = await registerPetition(tiaochu, {
      petitioners: [newPetitioner({ phone })],
    })
    const b = await registerPetition(tiaochu, {
      petitioners: [newPetitioner({ phone })],
    })

    const items = await candidates({ phone, exclude_id: b.id })

    assert.deepEqual(idsOf(items), [a.id])
  })

  test('an unknown petitioner has no candidates', async () => {
    assert.deepEqual(
      await candidates({ phone: randomMobile(), id_number: validIdNumber() }),
      [],
    )
  })

  test('only those who register may ask: the bureau and the viewer get 403', async () => {
    expectError(
      await zhifa1.post('/api/v1/petitions/repeat-candidates', {
        phone: randomMobile(),
      }),
      403,
      'access.forbidden',
    )
    expectError(
      await shenji.post('/api/v1/petitions/repeat-candidates', {
        phone: randomMobile(),
      }),
      403,
      'access.forbidden',
    )
  })
})

describe('links', () => {
  test('linking an earlier petition sets repeat and lists the link', async () => {
    const earlier = await registerPetition(tiaochu)
    const later = await registerPetition(tiaochu)
    assert.ok(!later.flags.includes('repeat'))

    const res = await tiaochu.post(`/api/v1/petitions/${later.id}/links`, {
      petition_id: earlier.id,
      version: later.version,
    })

    expectStatus(res, 200)
    assert.ok(res.json.flags.includes('repeat'))
    assert.deepEqual(res.json.links, [
      { id: earlier.id, code: earlier.code, summary: earlier.summary },
    ])
    assert.ok(res.json.version > later.version)
    const step = res.json.timeline.at(-1)
    assert.equal(step.action, 'link')
    assert.equal(step.details.linked_code, earlier.code)
  })

  test('links chosen at registration set repeat at once', async () => {
    const earlier = await registerPetition(tiaochu)

    const p = await registerPetition(tiaochu, {
      linked_petition_ids: [earlier.id],
    })

    assert.ok(p.flags.includes('repeat'))
    assert.deepEqual(
      p.links.map((l) => l.id),
      [earlier.id],
    )
  })

  test('a stale version → 409 conflict.stale_version; an unknown petition → 400 or 404; nothing changed', async () => {
    const earlier = await registerPetition(tiaochu)
    const later = await registerPetition(tiaochu)

    expectError(
      await tiaochu.post(`/api/v1/petitions/${later.id}/links`, {
        petition_id: earlier.id,
        version: later.version + 1,
      }),
      409,
      'conflict.stale_version',
    )
    const unknown = await tiaochu.post(`/api/v1/petitions/${later.id}/links`, {
      petition_id: 987654321,
      version: later.version,
    })
    assert.ok([400, 404].includes(unknown.status), unknown.text)
    const self = await tiaochu.post(`/api/v1/petitions/${later.id}/links`, {
      petition_id: later.id,
      version: later.version,
    })
    expectError(self, 400)
    const after = await expectUnchanged(tiaochu, later)
    assert.deepEqual(after.links, [])
    assert.ok(!after.flags.includes('repeat'))
  })

  test('an unknown linked id at registration → 400 on linked_petition_ids', async () => {
    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu, { linked_petition_ids: [987654321] }),
    )

    expectError(res, 400)
    assert.match(res.json.error.field ?? '', /^linked_petition_ids/)
  })

  test('the bureau cannot link', async () => {
    const a = await registerPetition(tiaochu)
    const b = await registerPetition(tiaochu)

    const res = await zhifa1.post(`/api/v1/petitions/${b.id}/links`, {
      petition_id: a.id,
      version: b.version,
    })

    assert.ok([403, 404].includes(res.status), res.text)
    assert.deepEqual((await getPetition(tiaochu, b.id)).links, [])
  })
})

describe('level skipping', () => {
  for (const level of [
    'national',
    'ministry',
    'provincial_inspection',
    'provincial',
    'municipal',
  ]) {
    test(`level ${level} carries level_skipping`, async () => {
      const p = await registerPetition(tiaochu, { level })

      assert.ok(p.flags.includes('level_skipping'), p.flags.join())
    })
  }
})

describe('petitioner history', () => {
  test('the coordinator finds every petition of an ID number across years and channels', async () => {
    const person = newPetitioner()
    const first = await registerPetition(tiaochu, {
      channel: 'letter',
      received_at: '2023-06-12T10:00:00+08:00',
      petitioners: [person],
    })
    const second = await registerPetition(tiaochu, {
      channel: 'hotline_12369',
      petitioners: [newPetitioner({ ...person, phone: randomMobile() })],
    })
    const stranger = await registerPetition(tiaochu)

    const res = await tiaochu.post('/api/v1/petitioners/history', {
      id_number: person.id_number,
    })

    expectStatus(res, 200)
    assert.deepEqual(idsOf(res.json.petitions), idsOf([first, second]))
    assert.ok(!idsOf(res.json.petitions).includes(stranger.id))
    assert.deepEqual(res.json.appointments, [])
    assert.deepEqual(res.json.key_cases, [])
    assert.equal(res.json.petitions[0].petitioner, maskedName(person.name))
    assert.ok(!res.text.includes(person.id_number))
  })

  test('by phone, and for the leader too', async () => {
    const phone = randomMobile()
    const p = await registerPetition(tiaochu, {
      petitioners: [newPetitioner({ phone })],
    })

    for (const client of [tiaochu, leader]) {
      const res = await client.post('/api/v1/petitioners/history', { phone })
      expectStatus(res, 200, client.user.username)
      assert.deepEqual(idsOf(res.json.petitions), [p.id])
    }
  })

  test('by phone it also lists the bookings made with that phone', async () => {
    const phone = randomMobile()
    const leaders = (await tiaochu.get('/api/v1/leaders')).json.items
    // A day of its own, far enough ahead to be open for booking whatever runs before.
    const date = `2040-${String(1 + (Date.now() % 12)).padStart(2, '0')}-${String(
      1 + (Date.now() % 27),
    ).padStart(2, '0')}`
    const day = await tiaochu.post('/api/v1/reception-days', {
      date,
      leader_ids: [leaders[0].id],
      published: true,
    })
    expectStatus(day, 201, 'reception day')
    const booking = await tiaochu.post('/api/public/appointments', {
      reception_day_id: day.json.id,
      name: '陈立新',
      phone,
      region: '三星镇',
      topic: '夜间噪声扰民',
    })
    expectStatus(booking, 201, 'booking')

    const res = await tiaochu.post('/api/v1/petitioners/history', { phone })
    expectStatus(res, 200)
    assert.equal(res.json.appointments.length, 1)
    assert.equal(res.json.appointments[0].code, booking.json.code)
    assert.equal(res.json.appointments[0].date, date)
    assert.equal(res.json.appointments[0].status, 'booked')
    assert.ok(!res.text.includes(phone))
  })

  test('the bureau and the viewer get 403', async () => {
    const person = newPetitioner()
    await registerPetition(tiaochu, { petitioners: [person] })

    for (const client of [zhifa1, shenji]) {
      const res = await client.post('/api/v1/petitioners/history', {
        id_number: person.id_number,
      })
      expectError(res, 403, 'access.forbidden')
      assert.ok(!res.text.includes(person.id_number))
    }
  })

  test('neither an ID number nor a phone → 400', async () => {
    expectError(await tiaochu.post('/api/v1/petitioners/history', {}), 400)
  })
})
