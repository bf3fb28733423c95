// Finding petitions (petition-contract "List and search"): the Chinese keyword
// q by character bigrams over summary, demand, location and respondent, every
// filter, sorting and paging. The petitions of this file are received on a
// random day of 2021–2022 that no other test uses, and `from`/`to` on that day
// keep the results to them.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  addDays,
  advance,
  chinaTime,
  expectError,
  expectStatus,
  listAll,
  loggedIn,
  newPetitioner,
  registerPetition,
  regionId,
  uniqInt,
  unitId,
  zhMarker,
} from './lib.mjs'

const SUMMARY_KEYS = [
  'id',
  'code',
  'status',
  'summary',
  'region',
  'respondent',
  'location',
  'channel',
  'level',
  'pollution_type',
  'flags',
  'received_at',
  'unit',
  'petitioner',
  'next_deadline',
]

let tiaochu
let day
let nextDay
let marker
const p = {}

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  day = addDays('2021-03-01', uniqInt(0, 600))
  nextDay = addDays(day, 1)
  marker = zhMarker(4)
  const kaifa = await regionId(tiaochu, '海门开发区')
  const sanxing = await regionId(tiaochu, '三星镇')

  p.noise = await registerPetition(tiaochu, {
    summary: '夜间噪声扰民',
    demand: '要求停止夜间作业',
    respondent: '金轮橡胶厂',
    location: `${marker}工业园三号地块`,
    pollution_type: 'noise',
    channel: 'visit',
    region_id: kaifa,
    received_at: chinaTime(day, '09:00'),
  })
  p.water = await registerPetition(tiaochu, {
    summary: '废水直排河道',
    demand: '要求查处偷排',
    respondent: '三和化工有限公司',
    location: `${marker}河北岸排口`,
    pollution_type: 'water',
    channel: 'letter',
    level: 'provincial',
    flags: ['litigation'],
    region_id: sanxing,
    received_at: chinaTime(day, '10:00'),
  })
  p.odour = await registerPetition(tiaochu, {
    summary: '异味刺鼻',
    demand: '要求治理噪声和异味',
    respondent: '宏达纺织',
    location: `${marker}金轮路十二号`,
    pollution_type: 'air',
    source: 'hotline',
    flags: ['collective'],
    people_count: 6,
    petitioners: [newPetitioner(), newPetitioner({ representative: false })],
    received_at: chinaTime(day, '11:00'),
  })
  p.late = await registerPetition(tiaochu, {
    summary: '施工噪音',
    demand: '要求限制施工时间',
    respondent: '城建公司',
    location: `${marker}新村`,
    received_at: chinaTime(nextDay, '09:00'),
  })

  const accepted = await advance(tiaochu, p.noise, 'accept', {
    at: chinaTime(day, '15:00'),
  })
  p.noise = await advance(tiaochu, accepted, 'assign', {
    at: chinaTime(nextDay, '10:00'),
    unit_id: await unitId(tiaochu, '执法一局'),
    deadline: addDays(nextDay, 10),
  })
})

// The ids found by a query over this file's two days.
async function found(query, days = [day, day]) {
  const sep = query ? '&' : ''
  const items = await listAll(
    tiaochu,
    `/api/v1/petitions?from=${days[0]}&to=${days[1]}${sep}${query}`,
  )
  return new Set(items.map((x) => x.id))
}

function ids(...names) {
  return new Set(names.map((n) => p[n].id))
}

const q = (text) => `q=${encodeURIComponent(text)}`

describe('keyword search q', () => {
  test('噪声 finds “夜间噪声扰民” (summary) and “治理噪声” (demand), not 噪音', async () => {
    assert.deepEqual(
      await found(q('噪声'), [day, nextDay]),
      ids('noise', 'odour'),
    )
  })

  test('金轮 finds “金轮橡胶厂” (respondent) and “金轮路” (location)', async () => {
    assert.deepEqual(
      await found(q('金轮'), [day, nextDay]),
      ids('noise', 'odour'),
    )
  })

  test('a longer keyword needs all its bigrams: 噪声扰民', async () => {
    assert.deepEqual(await found(q('噪声扰民'), [day, nextDay]), ids('noise'))
  })

  test('the unique marker in the location finds all four, without a date filter too', async () => {
    assert.deepEqual(
      await found(q(marker), [day, nextDay]),
      ids('noise', 'water', 'odour', 'late'),
    )
    const items = await listAll(tiaochu, `/api/v1/petitions?${q(marker)}`)
    assert.deepEqual(
      new Set(items.map((x) => x.id)),
      ids('noise', 'water', 'odour', 'late'),
    )
  })

  test('a single character 噪 matches 噪声 and 噪音', async () => {
    assert.deepEqual(
      await found(q('噪'), [day, nextDay]),
      ids('noise', 'odour', 'late'),
    )
  })

  test('% and _ are matched as written, not as wildcards', async () => {
    for (const text of ['%', '_']) {
      assert.deepEqual(await found(q(text), [day, nextDay]), new Set(), text)
    }
  })

  test('a keyword nobody wrote finds nothing', async () => {
    const res = await tiaochu.get(`/api/v1/petitions?${q(zhMarker(6))}`)

    expectStatus(res, 200)
    assert.deepEqual(res.json, { items: [], total: 0 })
  })

  test('q combines with filters: 噪声 + status=assigned, 金轮 + pollution_type=air', async () => {
    assert.deepEqual(await found(`${q('噪声')}&status=assigned`), ids('noise'))
    assert.deepEqual(
      await found(`${q('金轮')}&pollution_type=air`),
      ids('odour'),
    )
    assert.deepEqual(
      await found(`${q('噪声')}&region_id=${p.water.region.id}`),
      new Set(),
    )
  })
})

describe('filters', () => {
  test('status, one or several (comma or repeated)', async () => {
    assert.deepEqual(await found('status=assigned'), ids('noise'))
    assert.deepEqual(await found('status=registered'), ids('water', 'odour'))
    assert.deepEqual(
      await found('status=registered,assigned'),
      ids('noise', 'water', 'odour'),
    )
    assert.deepEqual(
      await found('status=registered&status=assigned'),
      ids('noise', 'water', 'odour'),
    )
  })

  test('region, group and unit', async () => {
    assert.deepEqual(
      await found(`region_id=${p.water.region.id}`),
      ids('water'),
    )
    assert.deepEqual(await found(`group_id=${p.water.group.id}`), ids('water'))
    // unit_id is the unit in charge: the assigned unit, or the region's
    // enforcement bureau while the petition is not assigned yet.
    const unit = async (name) => `unit_id=${await unitId(tiaochu, name)}`
    assert.deepEqual(
      await found(await unit('执法一局'), [day, nextDay]),
      ids('noise', 'odour', 'late'),
    )
    assert.deepEqual(
      await found(await unit('执法二局'), [day, nextDay]),
      ids('water'),
    )
    assert.deepEqual(
      await found(await unit('执法三局'), [day, nextDay]),
      new Set(),
    )
  })

  test('level, source, channel and pollution type', async () => {
    assert.deepEqual(await found('level=provincial'), ids('water'))
    assert.deepEqual(await found('source=hotline'), ids('odour'))
    assert.deepEqual(await found('channel=letter'), ids('water'))
    assert.deepEqual(
      await found('pollution_type=noise', [day, nextDay]),
      ids('noise', 'late'),
    )
  })

  test('flags: level_skipping derived, collective given; several flags must all be carried', async () => {
    assert.deepEqual(await found('flag=level_skipping'), ids('water'))
    assert.deepEqual(await found('flag=collective'), ids('odour'))
    assert.deepEqual(
      await found('flag=litigation,level_skipping'),
      ids('water'),
    )
    assert.deepEqual(
      await found('flag=litigation&flag=level_skipping'),
      ids('water'),
    )
    assert.deepEqual(await found('flag=collective,level_skipping'), new Set())
    assert.deepEqual(
      await found(`flag=level_skipping&${q(marker)}`, [day, nextDay]),
      ids('water'),
    )
  })

  test('date range from/to is inclusive on received days', async () => {
    assert.deepEqual(await found('', [nextDay, nextDay]), ids('late'))
    assert.deepEqual(
      await found('', [day, nextDay]),
      ids('noise', 'water', 'odour', 'late'),
    )
    assert.deepEqual(
      await found('', [addDays(day, -3), addDays(day, -1)]),
      new Set(),
    )
  })

  test('rows are PetitionSummary with the region, unit and next deadline', async () => {
    const items = await listAll(
      tiaochu,
      `/api/v1/petitions?from=${day}&to=${day}&status=assigned`,
    )

    assert.equal(items.length, 1)
    const [row] = items
    assert.deepEqual(Object.keys(row).sort(), [...SUMMARY_KEYS].sort())
    assert.equal(row.code, p.noise.code)
    assert.equal(row.region.name, '海门开发区')
    assert.equal(row.unit.name, '执法一局')
    assert.equal(row.respondent, '金轮橡胶厂')
    assert.equal(row.next_deadline.overdue, true, 'handled since 2021–2022')
  })

  test('bad filter values → 400 naming the parameter', async () => {
    expectError(
      await tiaochu.get('/api/v1/petitions?sort=name'),
      400,
      undefined,
      'sort',
    )
    expectError(
      await tiaochu.get('/api/v1/petitions?from=2023-13-45'),
      400,
      undefined,
      'from',
    )
    expectError(
      await tiaochu.get('/api/v1/petitions?status=lost'),
      400,
      undefined,
      'status',
    )
    expectError(
      await tiaochu.get('/api/v1/petitions?region_id=abc'),
      400,
      undefined,
      'region_id',
    )
    expectError(
      await tiaochu.get('/api/v1/petitions?overdue=maybe'),
      400,
      undefined,
      'overdue',
    )
  })

  test('overdue=1 is the same filter as overdue=true', async () => {
    const ones = await found(`overdue=1`, [day, nextDay])
    const trues = await found(`overdue=true`, [day, nextDay])

    assert.deepEqual(ones, trues)
    assert.ok(ones.has(p.late.id), 'the late petition is overdue')
  })
})

describe('sorting and paging', () => {
  test('sort by received_at, -received_at, code and -code', async () => {
    const base = `/api/v1/petitions?from=${day}&to=${nextDay}&${q(marker)}`
    const order = async (sort) =>
      (await listAll(tiaochu, `${base}&sort=${sort}`)).map((x) => x.id)
    const byTime = ['noise', 'water', 'odour', 'late'].map((n) => p[n].id)

    assert.deepEqual(await order('received_at'), byTime)
    assert.deepEqual(await order('-received_at'), [...byTime].reverse())
    const codes = (await listAll(tiaochu, `${base}&sort=code`)).map(
      (x) => x.code,
    )
    assert.deepEqual(codes, [...codes].sort())
    const desc = (await listAll(tiaochu, `${base}&sort=-code`)).map(
      (x) => x.code,
    )
    assert.deepEqual(desc, [...codes].reverse())
  })

  test('the default order is newest received first', async () => {
    const items = await listAll(
      tiaochu,
      `/api/v1/petitions?from=${day}&to=${nextDay}&${q(marker)}`,
    )

    assert.equal(items[0].id, p.late.id)
  })

  test('page and page_size cut the same ordered list', async () => {
    const base = `/api/v1/petitions?from=${day}&to=${nextDay}&${q(marker)}&sort=received_at&page_size=3`

    const first = await tiaochu.get(`${base}&page=1`)
    const second = await tiaochu.get(`${base}&page=2`)

    expectStatus(first, 200)
    assert.equal(first.json.total, 4)
    assert.equal(second.json.total, 4)
    assert.deepEqual(
      [...first.json.items, ...second.json.items].map((x) => x.id),
      ['noise', 'water', 'odour', 'late'].map((n) => p[n].id),
    )
  })
})
