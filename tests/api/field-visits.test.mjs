// Field visits 带案下访 (Attachment 2 rows): a group records its monthly
// visit with requirements and follows each up until met; the section's board
// shows the groups with no visit in a month (issue 5).
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  chinaDate,
  expectError,
  expectStatus,
  listAll,
  loggedIn,
  schemaProblems,
} from './lib.mjs'

let tiaochu
let zhifa1
let sanxing
let shenji
let groups

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  shenji = await loggedIn('shenji')
  groups = await listAll(tiaochu, '/api/v1/groups')
})

const group = (number) => groups.find((g) => g.number === number)

async function demoCase(seq) {
  const rows = await listAll(tiaochu, '/api/v1/key-cases')
  return rows.find((r) => r.seq === seq)
}

async function visitBody(fields = {}) {
  const c = await demoCase(1)
  return {
    group_id: group(1).id,
    visit_on: chinaDate(-2),
    participants: '钱向东、执法一局 王某、开发区 李某',
    inspection_time: `${chinaDate(-2)} 09:00–11:30`,
    findings: '赫联科创园企业废气收集设施运行正常，厂界仍有轻微异味',
    key_case_ids: [c.id],
    requirements: [
      {
        content: '企业完善废气收集',
        deadline: chinaDate(20),
        key_case_id: c.id,
      },
    ],
    ...fields,
  }
}

async function recordVisit(client = zhifa1, fields = {}) {
  const res = await client.post('/api/v1/field-visits', await visitBody(fields))
  expectStatus(res, 201, 'record field visit')
  return res.json
}

describe('recording visits', () => {
  test('the group’s bureau records a visit; it enters the ledger of the case it took', async () => {
    const visit = await recordVisit()

    assert.equal(visit.group.number, 1)
    assert.equal(visit.leader.name, '钱向东')
    assert.deepEqual(
      visit.regions.map((r) => r.name),
      ['海门开发区', '海门街道', '江心沙农场'],
    )
    assert.equal(visit.requirements.length, 1)
    assert.equal(visit.requirements[0].met, false)
    assert.deepEqual(await schemaProblems('FieldVisit', visit), [])
    const file = await tiaochu.get(`/api/v1/key-cases/${visit.matters[0].id}`)
    assert.ok(
      file.json.ledger.some(
        (e) => e.kind === 'field_visit' && e.field_visit_id === visit.id,
      ),
    )
    assert.ok(file.json.field_visits.some((v) => v.id === visit.id))
  })

  test('a bureau records only its own group’s visits; towns and viewers none', async () => {
    expectError(
      await zhifa1.post(
        '/api/v1/field-visits',
        await visitBody({ group_id: group(2).id, key_case_ids: [] }),
      ),
      403,
      'field_visit.not_own_group',
    )
    for (const client of [sanxing, shenji]) {
      expectError(
        await client.post('/api/v1/field-visits', await visitBody()),
        403,
      )
    }
    expectError(await sanxing.get('/api/v1/field-visits'), 403)
    expectStatus(await shenji.get('/api/v1/field-visits'), 200)
  })

  test('bad input is refused', async () => {
    const cases = [
      [{ findings: '' }, 'findings'],
      [{ visit_on: chinaDate(3) }, 'visit_on'],
      [{ visit_on: '2023-02-30' }, 'visit_on'],
      [{ status: 'maybe' }, 'status'],
      [{ group_id: 999999 }, 'group_id'],
      [{ key_case_ids: [999999] }, 'key_case_ids'],
      [{ region_ids: 'all' }, 'region_ids'],
      [
        { requirements: [{ content: '整改', deadline: 'soon' }] },
        'requirements[0].deadline',
      ],
    ]
    for (const [fields, field] of cases) {
      expectError(
        await tiaochu.post('/api/v1/field-visits', await visitBody(fields)),
        400,
        undefined,
        field,
      )
    }
  })

  test('a planned visit is recorded as done later; it cannot go back', async () => {
    const planned = await recordVisit(tiaochu, {
      status: 'planned',
      visit_on: chinaDate(5),
      findings: undefined,
      requirements: [],
    })
    assert.equal(planned.status, 'planned')

    const done = await tiaochu.patch(`/api/v1/field-visits/${planned.id}`, {
      version: planned.version,
      status: 'done',
      visit_on: chinaDate(0),
      findings: '现场检查企业整改情况',
    })
    expectStatus(done, 200)
    assert.equal(done.json.status, 'done')
    expectError(
      await tiaochu.patch(`/api/v1/field-visits/${planned.id}`, {
        version: done.json.version,
        status: 'planned',
      }),
      409,
      'field_visit.done',
    )
    expectError(
      await tiaochu.patch(`/api/v1/field-visits/${planned.id}`, {
        version: planned.version,
        findings: '旧版本',
      }),
      409,
      'conflict.stale_version',
    )
  })
})

describe('following up requirements', () => {
  test('each follow-up is kept; the requirement is met when one finds it met', async () => {
    const visit = await recordVisit()
    const rid = visit.requirements[0].id

    const first = await zhifa1.post(
      `/api/v1/visit-requirements/${rid}/follow-ups`,
      {
        followed_up_on: chinaDate(-1),
        met: false,
        note: '收集管道尚未完工',
      },
    )
    expectStatus(first, 201)
    assert.equal(first.json.requirements[0].met, false)
    const second = await zhifa1.post(
      `/api/v1/visit-requirements/${rid}/follow-ups`,
      {
        followed_up_on: chinaDate(0),
        met: true,
        note: '后督察：已整改到位',
      },
    )
    expectStatus(second, 201)
    const req = second.json.requirements[0]
    assert.equal(req.met, true)
    assert.equal(req.met_on, chinaDate(0))
    assert.equal(req.follow_ups.length, 2)
    const file = await tiaochu.get(`/api/v1/key-cases/${req.key_case_id}`)
    assert.ok(file.json.ledger.some((e) => e.kind === 'inspection'))
  })

  test('follow-ups are checked and belong to the group', async () => {
    const visit = await recordVisit()
    const rid = visit.requirements[0].id
    expectError(
      await zhifa1.post(`/api/v1/visit-requirements/${rid}/follow-ups`, {
        followed_up_on: chinaDate(-30),
        met: true,
        note: 'x',
      }),
      400,
      'validation.invalid',
      'followed_up_on',
    )
    expectError(
      await zhifa1.post(`/api/v1/visit-requirements/${rid}/follow-ups`, {
        followed_up_on: chinaDate(0),
        note: 'x',
      }),
      400,
      'validation.required',
      'met',
    )
    expectError(
      await zhifa1.post('/api/v1/visit-requirements/999999/follow-ups', {
        followed_up_on: chinaDate(0),
        met: true,
        note: 'x',
      }),
      404,
    )
    const added = await tiaochu.post(
      `/api/v1/field-visits/${visit.id}/requirements`,
      {
        content: '补充：夜间巡查',
        deadline: chinaDate(7),
      },
    )
    expectStatus(added, 201)
    assert.equal(added.json.requirements.length, 2)
  })
})

describe('the missing-visit board', () => {
  test('a month long past with no visits shows every group missing', async () => {
    const res = await shenji.get('/api/v1/field-visits/board?month=2020-03')

    expectStatus(res, 200)
    assert.ok(res.json.items.length >= 6)
    assert.ok(res.json.items.every((g) => g.state === 'missing'))
    assert.equal(res.json.missing, res.json.items.length)
  })

  test('this month shows the group with a visit as visited, the others not yet missing', async () => {
    await recordVisit(zhifa1, { visit_on: chinaDate(0) })
    const month = chinaDate(0).slice(0, 7)
    const res = await tiaochu.get(`/api/v1/field-visits/board?month=${month}`)

    const first = res.json.items.find((g) => g.group.number === 1)
    assert.equal(first.state, 'visited')
    assert.ok(first.done >= 1)
    assert.ok(first.open_requirements >= 1)
    assert.ok(
      res.json.items.every((g) => ['visited', 'planned'].includes(g.state)),
    )
    expectError(
      await tiaochu.get('/api/v1/field-visits/board?month=2023-13'),
      400,
      'validation.invalid',
      'month',
    )
  })

  test('visits list by group and month, like Attachment 2', async () => {
    const visit = await recordVisit()
    const res = await tiaochu.get(
      `/api/v1/field-visits?month=${visit.month}&group_id=${group(1).id}`,
    )
    expectStatus(res, 200)
    assert.ok(res.json.items.some((v) => v.id === visit.id))
    assert.ok(res.json.items.every((v) => v.group.number === 1))
  })
})
