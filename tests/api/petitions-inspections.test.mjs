// On-site inspections with rectification requirements and follow-ups, and
// uploaded photos and documents (petition-contract "Investigation").
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { before, describe, test } from 'node:test'
import {
  chinaDate,
  download,
  expectError,
  expectStatus,
  getPetition,
  loggedIn,
  pdfBytes,
  petitionIn,
  pngBytes,
  registerPetition,
  regionId,
  upload,
} from './lib.mjs'

let tiaochu
let zhifa1
let sanxing
let shenji

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  shenji = await loggedIn('shenji')
})

function inspectionBody(fields = {}) {
  return {
    inspected_on: chinaDate(0),
    participants: '执法一局 王某、李某',
    findings: '企业夜间生产，未落实隔声措施',
    requirements: [
      { content: '安装隔声屏障', deadline: chinaDate(15) },
      { content: '夜间22时后停止生产', deadline: chinaDate(3) },
    ],
    ...fields,
  }
}

function inspect(client, petition, fields) {
  return client.post(
    `/api/v1/petitions/${petition.id}/inspections`,
    inspectionBody(fields),
  )
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

describe('inspections', () => {
  test('the assigned bureau records one on its petition: 201 with requirements not yet followed up', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    const res = await inspect(zhifa1, p)

    expectStatus(res, 201)
    const ins = res.json
    assert.ok(Number.isInteger(ins.id))
    assert.equal(ins.inspected_on, chinaDate(0))
    assert.equal(ins.participants, '执法一局 王某、李某')
    assert.equal(ins.findings, '企业夜间生产，未落实隔声措施')
    assert.equal(ins.created_by.id, zhifa1.user.id)
    assert.deepEqual(
      ins.requirements.map((r) => [r.content, r.deadline, r.met, r.overdue]),
      [
        ['安装隔声屏障', chinaDate(15), null, false],
        ['夜间22时后停止生产', chinaDate(3), null, false],
      ],
    )
    const detail = await getPetition(tiaochu, p.id)
    assert.deepEqual(
      detail.inspections.map((i) => i.id),
      [ins.id],
    )
  })

  test('the coordinator may record one on a reported petition', async () => {
    const p = await petitionIn(tiaochu, 'reported')

    expectStatus(await inspect(tiaochu, p), 201)
  })

  test('on a registered, accepted or closed petition → 409', async () => {
    for (const status of ['registered', 'accepted', 'closed']) {
      const p = await petitionIn(tiaochu, status)

      expectError(await inspect(tiaochu, p), 409)
      assert.deepEqual((await getPetition(tiaochu, p.id)).inspections, [])
    }
  })

  test('the viewer and the town cannot record one; the bureau not on another unit’s petition', async () => {
    const own = await petitionIn(tiaochu, 'assigned')
    const other = await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )

    expectError(await inspect(shenji, own), 403, 'access.forbidden')
    expectError(await inspect(sanxing, other), 403)
    expectError(await inspect(zhifa1, other), 404, 'not_found')
    assert.deepEqual((await getPetition(tiaochu, own.id)).inspections, [])
    assert.deepEqual((await getPetition(tiaochu, other.id)).inspections, [])
  })

  test('missing findings or a requirement without deadline → 400 naming the field', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    expectError(
      await inspect(zhifa1, p, { findings: '' }),
      400,
      undefined,
      'findings',
    )
    expectError(
      await inspect(zhifa1, p, { inspected_on: '2023-02-30' }),
      400,
      undefined,
      'inspected_on',
    )
    expectError(
      await inspect(zhifa1, p, { requirements: [{ content: '整改' }] }),
      400,
      undefined,
      'requirements[0].deadline',
    )
    assert.deepEqual((await getPetition(tiaochu, p.id)).inspections, [])
  })

  test('a follow-up marks one requirement met and another not met', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const ins = (await inspect(zhifa1, p)).json
    const [barrier, night] = ins.requirements
    const on = chinaDate(0)

    const first = await zhifa1.post(
      `/api/v1/inspections/${ins.id}/requirements/${barrier.id}/follow-up`,
      { met: true, followed_up_on: on, note: '隔声屏障已安装' },
    )
    const second = await zhifa1.post(
      `/api/v1/inspections/${ins.id}/requirements/${night.id}/follow-up`,
      { met: false, followed_up_on: on, note: '仍有夜间生产' },
    )

    expectStatus(first, 200)
    expectStatus(second, 200)
    const byId = Object.fromEntries(
      second.json.requirements.map((r) => [r.id, r]),
    )
    assert.equal(byId[barrier.id].met, true)
    assert.equal(byId[barrier.id].followed_up_on, on)
    assert.equal(byId[barrier.id].followup_note, '隔声屏障已安装')
    assert.equal(byId[night.id].met, false)
    const detail = await getPetition(tiaochu, p.id)
    assert.equal(
      detail.inspections[0].requirements.find((r) => r.id === barrier.id).met,
      true,
    )
  })

  test('a follow-up of an unknown requirement is 404, by the viewer 403', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const ins = (await inspect(zhifa1, p)).json
    const body = { met: true, followed_up_on: chinaDate(0), note: '已整改' }

    expectError(
      await zhifa1.post(
        `/api/v1/inspections/${ins.id}/requirements/987654321/follow-up`,
        body,
      ),
      404,
    )
    expectError(
      await shenji.post(
        `/api/v1/inspections/${ins.id}/requirements/${ins.requirements[0].id}/follow-up`,
        body,
      ),
      403,
    )
    const detail = await getPetition(tiaochu, p.id)
    assert.equal(detail.inspections[0].requirements[0].met, null)
  })
})

describe('attachments', () => {
  test('a PNG photo: 201 with name, type, size and SHA-256; download returns the same bytes', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const png = pngBytes()

    const res = await upload(zhifa1, p.id, png, 'image/png', '现场照片 1.png')

    expectStatus(res, 201)
    const a = res.json
    assert.equal(a.filename, '现场照片 1.png')
    assert.equal(a.content_type, 'image/png')
    assert.equal(a.size, png.length)
    assert.equal(a.sha256, sha256(png))
    const got = await download(zhifa1, `/api/v1/attachments/${a.id}`)
    assert.equal(got.status, 200)
    assert.match(got.headers.get('content-type'), /^image\/png/)
    assert.ok(got.bytes.equals(png), 'same bytes')
    const detail = await getPetition(tiaochu, p.id)
    assert.deepEqual(
      detail.attachments.map((x) => [x.id, x.sha256]),
      [[a.id, a.sha256]],
    )
  })

  test('a PDF document uploaded by the coordinator comes back byte for byte', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const pdf = pdfBytes()

    const res = await upload(
      tiaochu,
      p.id,
      pdf,
      'application/pdf',
      '整改通知书.pdf',
    )

    expectStatus(res, 201)
    const got = await download(tiaochu, `/api/v1/attachments/${res.json.id}`)
    assert.equal(got.status, 200)
    assert.match(got.headers.get('content-type'), /^application\/pdf/)
    assert.ok(got.bytes.equals(pdf))
  })

  test('an .exe or a zip → 415 upload.unsupported_type', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(100),
    ])

    expectError(
      await upload(zhifa1, p.id, exe, 'application/x-msdownload', 'tool.exe'),
      415,
      'upload.unsupported_type',
    )
    expectError(
      await upload(zhifa1, p.id, zip, 'application/zip', '材料.zip'),
      415,
      'upload.unsupported_type',
    )
    expectError(
      await upload(zhifa1, p.id, exe, 'application/octet-stream', 'tool.exe'),
      415,
      'upload.unsupported_type',
    )
    assert.deepEqual((await getPetition(tiaochu, p.id)).attachments, [])
  })

  test('a PNG declared as PDF, or an exe declared as JPEG → 400 upload.type_mismatch', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])

    expectError(
      await upload(zhifa1, p.id, pngBytes(), 'application/pdf', '伪装.pdf'),
      400,
      'upload.type_mismatch',
    )
    expectError(
      await upload(zhifa1, p.id, exe, 'image/jpeg', '照片.jpg'),
      400,
      'upload.type_mismatch',
    )
    assert.deepEqual((await getPetition(tiaochu, p.id)).attachments, [])
  })

  test('a file over 10 MiB → 413 and nothing is stored', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const png = pngBytes()
    const big = Buffer.concat([
      png,
      Buffer.alloc(10 * 1024 * 1024 + 1 - png.length),
    ])

    const res = await upload(zhifa1, p.id, big, 'image/png', '大图.png')

    assert.equal(res.status, 413, res.text.slice(0, 200))
    assert.deepEqual((await getPetition(tiaochu, p.id)).attachments, [])
  })

  test('a file of nearly 10 MiB is accepted', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const pdf = pdfBytes()
    const big = Buffer.concat([
      pdf,
      Buffer.alloc(10 * 1024 * 1024 - pdf.length - 16, 0x20),
    ])

    const res = await upload(
      tiaochu,
      p.id,
      big,
      'application/pdf',
      '监测报告.pdf',
    )

    expectStatus(res, 201)
    assert.equal(res.json.size, big.length)
  })

  test('uploads need the right role and scope, and the CSRF header', async () => {
    const own = await petitionIn(tiaochu, 'assigned')
    const other = await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )

    expectError(
      await upload(shenji, own.id, pngBytes(), 'image/png', 'a.png'),
      403,
    )
    expectError(
      await upload(sanxing, other.id, pngBytes(), 'image/png', 'a.png'),
      403,
    )
    expectError(
      await upload(zhifa1, other.id, pngBytes(), 'image/png', 'a.png'),
      404,
    )
    const noCsrf = await zhifa1.request(
      'POST',
      `/api/v1/petitions/${own.id}/attachments`,
      {
        body: pngBytes(),
        headers: { 'content-type': 'image/png', 'x-filename': 'a.png' },
        csrf: false,
      },
    )
    expectError(noCsrf, 403, 'csrf.invalid')
    assert.deepEqual((await getPetition(tiaochu, own.id)).attachments, [])
  })

  test('an attachment is downloadable only within its petition’s scope', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const a = (await upload(tiaochu, p.id, pngBytes(), 'image/png', 'b.png'))
      .json

    assert.equal(
      (await download(sanxing, `/api/v1/attachments/${a.id}`)).status,
      404,
    )
    assert.equal(
      (await download(shenji, `/api/v1/attachments/${a.id}`)).status,
      200,
    )
    assert.equal(
      (await download(zhifa1, `/api/v1/attachments/987654321`)).status,
      404,
    )
  })

  test('a registered petition of the bureau’s region is out of its scope for uploads', async () => {
    const p = await registerPetition(tiaochu)

    expectError(
      await upload(zhifa1, p.id, pngBytes(), 'image/png', 'c.png'),
      404,
    )
  })
})

describe('dates and attachments of inspections and steps', () => {
  test('an inspection dated before the assignment is 400 on inspected_on', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    const res = await inspect(zhifa1, p, { inspected_on: chinaDate(-400) })

    expectError(res, 400, 'validation.invalid', 'inspected_on')
    assert.deepEqual((await getPetition(tiaochu, p.id)).inspections, [])
  })

  test('a requirement due before the inspection is 400 on its deadline', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    const res = await inspect(zhifa1, p, {
      requirements: [{ content: '安装隔声屏障', deadline: chinaDate(-1) }],
    })

    expectError(res, 400, 'validation.invalid', 'requirements[0].deadline')
  })

  test('a follow-up dated before its inspection is 400 on followed_up_on', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const ins = (await inspect(zhifa1, p)).json
    const rid = ins.requirements[0].id

    const res = await zhifa1.post(
      `/api/v1/inspections/${ins.id}/requirements/${rid}/follow-up`,
      { met: true, followed_up_on: chinaDate(-1) },
    )

    expectError(res, 400, 'validation.invalid', 'followed_up_on')
  })

  test('a report names its photos: the timeline entry lists them', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const photo = await upload(zhifa1, p.id, pngBytes(), 'image/png', '整改后.png')
    expectStatus(photo, 201)
    const fresh = await getPetition(zhifa1, p.id)

    const res = await zhifa1.post(`/api/v1/petitions/${p.id}/transitions`, {
      action: 'report',
      version: fresh.version,
      findings: '企业已加装隔声屏障',
      attachment_ids: [photo.json.id],
    })

    expectStatus(res, 200)
    const step = res.json.timeline.at(-1)
    assert.equal(step.action, 'report')
    assert.deepEqual(step.details.attachments, [
      { id: photo.json.id, filename: '整改后.png' },
    ])
  })

  test("another petition's attachment is 400 on attachment_ids and changes nothing", async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const other = await petitionIn(tiaochu, 'assigned')
    const photo = await upload(zhifa1, other.id, pngBytes(), 'image/png', 'a.png')
    expectStatus(photo, 201)

    const res = await zhifa1.post(`/api/v1/petitions/${p.id}/transitions`, {
      action: 'report',
      version: p.version,
      findings: '已整改',
      attachment_ids: [photo.json.id],
    })

    expectError(res, 400, 'validation.invalid', 'attachment_ids')
    assert.equal((await getPetition(tiaochu, p.id)).status, 'assigned')
  })
})
