// GET /api/v1/stats against a hand-counted fixture (issue 6): four petitions in
// a region of their own, with steps recorded at chosen past times, so the
// counts and rates are known exactly on either engine whatever else the suite
// writes meanwhile.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import {
  advance,
  createRegion,
  download,
  expectError,
  getPetition,
  loggedIn,
  registerPetition,
  schemaProblems,
  unitId,
} from './lib.mjs'
import { readXlsx } from './xlsx.mjs'

const at = (date, clock = '09:00:00') => `${date}T${clock}+08:00`

let tiaochu
let region
const petitions = []

// P1 noise/visit, received Mon 2024-03-04, accepted 03-10 (in time), replied
// 04-10 (in time), satisfied. P2 air/letter, received 03-05, accepted 03-25
// (the 15 days ended 03-20: late). P3 noise/visit, received 04-02, never
// decided. P4 air/visit, received 04-02, declined 04-30 (late).
before(async () => {
  tiaochu = await loggedIn('tiaochu')
  region = await createRegion(await loggedIn('admin'))
  const unit = await unitId(tiaochu, '执法一局')
  const register = (fields) =>
    registerPetition(tiaochu, { region_id: region.id, ...fields })

  let p1 = await register({ pollution_type: 'noise', channel: 'visit', received_at: at('2024-03-04') })
  p1 = await advance(tiaochu, p1, 'accept', { at: at('2024-03-10') })
  p1 = await advance(tiaochu, p1, 'assign', {
    at: at('2024-03-11'),
    unit_id: unit,
    deadline: '2024-04-01',
  })
  p1 = await advance(tiaochu, p1, 'report', { at: at('2024-03-20') })
  p1 = await advance(tiaochu, p1, 'reply', { at: at('2024-04-10') })
  p1 = await advance(tiaochu, p1, 'record_satisfaction', { at: at('2024-04-11') })

  let p2 = await register({ pollution_type: 'air', channel: 'letter', received_at: at('2024-03-05') })
  p2 = await advance(tiaochu, p2, 'accept', { at: at('2024-03-25') })

  const p3 = await register({ pollution_type: 'noise', channel: 'visit', received_at: at('2024-04-02') })

  let p4 = await register({ pollution_type: 'air', channel: 'visit', received_at: at('2024-04-02', '15:00:00') })
  p4 = await advance(tiaochu, p4, 'decline', { at: at('2024-04-30') })

  for (const p of [p1, p2, p3, p4]) petitions.push(await getPetition(tiaochu, p.id))
})

function counts(items) {
  return Object.fromEntries(items.map((i) => [i.key, i.count]))
}

test('counts by month, type, channel and status match the fixture', async () => {
  const res = await tiaochu.get(`/api/v1/stats?region_id=${region.id}`)

  assert.equal(res.status, 200)
  assert.deepEqual(await schemaProblems('Stats', res.json), [])
  const { total, tables } = res.json
  assert.equal(total, 4)
  assert.deepEqual(tables.by_month, [
    { key: '2024-03', label: '2024-03', count: 2 },
    { key: '2024-04', label: '2024-04', count: 2 },
  ])
  assert.deepEqual(counts(tables.by_pollution_type), { noise: 2, air: 2 })
  assert.deepEqual(counts(tables.by_channel), { visit: 3, letter: 1 })
  assert.deepEqual(counts(tables.by_status), {
    replied: 1,
    accepted: 1,
    registered: 1,
    not_accepted: 1,
  })
  assert.deepEqual(tables.by_region, [
    { key: String(region.id), label: region.name, count: 4 },
  ])
  assert.equal(
    tables.by_pollution_type.find((i) => i.key === 'air').label,
    '大气/异味',
  )
})

test('rates match the fixture', async () => {
  const res = await tiaochu.get(`/api/v1/stats?region_id=${region.id}`)

  const { rates } = res.json
  assert.deepEqual(rates.on_time_acceptance, { numerator: 1, denominator: 3, value: 0.3333 })
  assert.deepEqual(rates.on_time_completion, { numerator: 1, denominator: 1, value: 1 })
  assert.deepEqual(rates.satisfaction, { numerator: 1, denominator: 1, value: 1 })
  const repeats = petitions.filter((p) => p.flags.includes('repeat')).length
  assert.deepEqual(rates.repeat, { numerator: repeats, denominator: 4, value: repeats / 4 })
  // The list's view says which deadline runs and whether it has passed.
  const list = await tiaochu.get(`/api/v1/petitions?region_id=${region.id}`)
  assert.equal(list.json.total, 4)
  const running = list.json.items.filter((p) => p.next_deadline)
  const overdue = running.filter((p) => p.next_deadline.overdue)
  assert.equal(rates.overdue.denominator, running.length)
  assert.equal(rates.overdue.numerator, overdue.length)
  assert.ok(overdue.length >= 2, 'P2 and P3 are past their limits')
})

test("a paused clock counts as the petition's own deadline does", async () => {
  // Received Mon 2024-05-06: the 15 days end Tue 05-21. A hearing paused the
  // acceptance clock from 05-07 to 05-16 (ten days), so the limit is Fri 05-31
  // and the acceptance on 05-28 is in time. The other petition, not paused,
  // accepted the same day, is late.
  const own = await createRegion(await loggedIn('admin'))
  let paused = await registerPetition(tiaochu, { region_id: own.id, received_at: at('2024-05-06') })
  paused = await advance(tiaochu, paused, 'pause', {
    at: at('2024-05-07'),
    reason: '组织听证',
    until: '2024-05-16',
  })
  paused = await advance(tiaochu, paused, 'accept', { at: at('2024-05-28') })
  let late = await registerPetition(tiaochu, { region_id: own.id, received_at: at('2024-05-06') })
  late = await advance(tiaochu, late, 'accept', { at: at('2024-05-28') })

  const res = await tiaochu.get(`/api/v1/stats?region_id=${own.id}`)

  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json.rates.on_time_acceptance, { numerator: 1, denominator: 2, value: 0.5 })
})

test('the date range and filters narrow the counts', async () => {
  const march = await tiaochu.get(
    `/api/v1/stats?region_id=${region.id}&from=2024-03-01&to=2024-03-31`,
  )
  const air = await tiaochu.get(`/api/v1/stats?region_id=${region.id}&pollution_type=air`)

  assert.equal(march.json.total, 2)
  assert.equal(air.json.total, 2)
  assert.deepEqual(counts(air.json.tables.by_status), { accepted: 1, not_accepted: 1 })
})

test('bad filters are refused', async () => {
  expectError(await tiaochu.get('/api/v1/stats?from=2024-13-01'), 400, 'validation.invalid', 'from')
  expectError(await tiaochu.get('/api/v1/stats?level=galactic'), 400, 'validation.invalid', 'level')
  expectError(
    await tiaochu.get('/api/v1/stats?from=2024-05-01&to=2024-04-01'),
    400,
    'validation.invalid',
    'to',
  )
  expectError(await tiaochu.get('/api/v1/stats?region_id=x'), 400, 'validation.type', 'region_id')
})

test('the numbers export to XLSX and CSV', async () => {
  const xlsx = await download(tiaochu, `/api/v1/stats/export.xlsx?region_id=${region.id}`)
  const csv = await download(tiaochu, `/api/v1/stats/export.csv?table=by_channel&region_id=${region.id}`)

  assert.equal(xlsx.status, 200)
  const sheets = readXlsx(xlsx.bytes).sheets
  const channel = sheets.find((s) => s.name === '按信访渠道')
  assert.deepEqual(channel.rows.slice(1), [
    ['信访渠道', '件数'],
    ['来访', '3'],
    ['来信', '1'],
    ['合计', '4'],
  ])
  assert.ok(sheets.some((s) => s.name === '比率'))
  assert.equal(csv.status, 200)
  assert.equal(
    csv.bytes.toString('utf8'),
    '\ufeff信访渠道,件数\r\n来访,3\r\n来信,1\r\n合计,4\r\n',
  )
  expectError(await tiaochu.get('/api/v1/stats/export.csv?table=nope'), 400, 'validation.invalid', 'table')
})
