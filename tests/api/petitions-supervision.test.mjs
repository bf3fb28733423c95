// Deadlines on the clock, the supervision board, supervision notices (督办单)
// and the personal to-do list (petition-contract "Supervision and to-do").
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  addDays,
  advance,
  chinaDate,
  chinaTime,
  expectError,
  expectStatus,
  expectUnchanged,
  getPetition,
  listAll,
  loggedIn,
  petitionIn,
  registerPetition,
  regionId,
  transition,
  unitId,
} from './lib.mjs'

let tiaochu
let zhifa1
let sanxing
let leader

// Received 2023-01-05, accepted the next day and assigned to 执法一局 on
// 2023-01-09 with a ten-day target: long overdue today.
let overdueKaifa
// The same in 三星镇, assigned to 执法二局.
let overdueSanxing

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  leader = await loggedIn('liuhuajun')
  const old = (i) => chinaTime(['2023-01-06', '2023-01-09'][i])
  overdueKaifa = await petitionIn(
    tiaochu,
    'assigned',
    { received_at: '2023-01-05T09:00:00+08:00' },
    { stepAt: old },
  )
  overdueSanxing = await petitionIn(
    tiaochu,
    'assigned',
    {
      received_at: '2023-01-05T09:00:00+08:00',
      region_id: await regionId(tiaochu, '三星镇'),
    },
    { stepAt: old, unit: '执法二局' },
  )
})

async function board(client, query = '') {
  const res = await client.get(`/api/v1/supervision${query}`)
  expectStatus(res, 200, 'supervision board')
  return res.json
}

async function todo(client) {
  const res = await client.get('/api/v1/todo')
  expectStatus(res, 200, 'todo')
  return res.json.items
}

const idsOf = (rows) => rows.map((r) => r.id)

describe('deadlines on the clock', () => {
  test('an old assigned petition is overdue on its handling limit and its target', async () => {
    const p = await getPetition(tiaochu, overdueKaifa.id)

    const handling = p.deadlines.find((d) => d.kind === 'handling')
    const target = p.deadlines.find((d) => d.kind === 'target')
    assert.equal(handling.overdue, true)
    assert.equal(handling.statutory, true)
    assert.equal(target.due, '2023-01-19')
    assert.equal(target.overdue, true)
    assert.equal(target.statutory, false)
  })

  test('a unit late on its target while the petition is within the law', async () => {
    const accepted = await petitionIn(
      tiaochu,
      'accepted',
      { received_at: chinaTime(chinaDate(-21)) },
      { stepAt: () => chinaTime(chinaDate(-20)) },
    )

    const p = await advance(tiaochu, accepted, 'assign', {
      at: chinaTime(chinaDate(-19)),
      unit_id: await unitId(tiaochu, '执法一局'),
      deadline: chinaDate(-15),
    })

    const target = p.deadlines.find((d) => d.kind === 'target')
    const handling = p.deadlines.find((d) => d.kind === 'handling')
    assert.equal(target.overdue, true)
    assert.equal(handling.overdue, false)
    const b = await board(tiaochu)
    assert.ok(idsOf(b.target_overdue).includes(p.id))
    assert.ok(!idsOf(b.overdue).includes(p.id))
  })

  test('overdue=true lists the old petition and not a fresh one', async () => {
    const fresh = await petitionIn(tiaochu, 'accepted')

    const q = (text) => encodeURIComponent(text)
    const old = await listAll(
      tiaochu,
      `/api/v1/petitions?overdue=true&q=${q(overdueKaifa.body.summary)}`,
    )
    const recent = await listAll(
      tiaochu,
      `/api/v1/petitions?overdue=true&q=${q(fresh.body.summary)}`,
    )

    assert.deepEqual(idsOf(old), [overdueKaifa.id])
    assert.deepEqual(recent, [])
  })
})

describe('supervision board', () => {
  test('lists the long-overdue petition, by unit and by leader', async () => {
    const b = await board(tiaochu)

    assert.ok(idsOf(b.overdue).includes(overdueKaifa.id))
    assert.ok(idsOf(b.overdue).includes(overdueSanxing.id))
    assert.ok(!idsOf(b.due_soon).includes(overdueKaifa.id))
    const unit = b.by_unit.find((u) => u.unit.name === '执法一局')
    assert.ok(unit && unit.overdue >= 1, JSON.stringify(b.by_unit))
    const lead = b.by_leader.find((l) => l.leader.name === '钱向东')
    assert.ok(lead && lead.overdue >= 1, JSON.stringify(b.by_leader))
  })

  test('a petition received today is due soon within 20 working days, not within 3', async () => {
    const fresh = await registerPetition(tiaochu)

    const near = await board(tiaochu, '?due_within=3')
    const far = await board(tiaochu, '?due_within=20')

    assert.ok(!idsOf(near.due_soon).includes(fresh.id))
    assert.ok(idsOf(far.due_soon).includes(fresh.id))
    assert.ok(!idsOf(far.overdue).includes(fresh.id))
  })

  test('a bad due_within → 400', async () => {
    expectError(await tiaochu.get('/api/v1/supervision?due_within=abc'), 400)
    expectError(await tiaochu.get('/api/v1/supervision?due_within=-1'), 400)
  })

  test('the bureau’s board holds only its unit’s petitions, the town’s only its region’s', async () => {
    const bureau = await board(zhifa1)
    const town = await board(sanxing)
    const kaifaUnit = await unitId(tiaochu, '执法一局')
    const sanxingRegion = await regionId(tiaochu, '三星镇')

    assert.ok(idsOf(bureau.overdue).includes(overdueKaifa.id))
    assert.ok(!idsOf(bureau.overdue).includes(overdueSanxing.id))
    for (const row of [...bureau.overdue, ...bureau.due_soon]) {
      assert.equal(row.unit?.id, kaifaUnit)
    }
    assert.ok(idsOf(town.overdue).includes(overdueSanxing.id))
    assert.ok(!idsOf(town.overdue).includes(overdueKaifa.id))
    for (const row of [...town.overdue, ...town.due_soon]) {
      assert.equal(row.region.id, sanxingRegion)
      assert.equal(row.petitioner, null)
    }
  })
})

describe('supervision notices (督办单)', () => {
  test('the section issues one, the assigned bureau answers it, a second answer is 409', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const due = chinaDate(3)

    const supervised = await advance(tiaochu, assigned, 'supervise', {
      content: '请三日内反馈',
      deadline: due,
    })

    assert.equal(supervised.status, 'assigned')
    assert.equal(supervised.supervision_notices.length, 1)
    const [notice] = supervised.supervision_notices
    assert.equal(notice.content, '请三日内反馈')
    assert.equal(notice.due_date, due)
    assert.equal(notice.issued_by.id, tiaochu.user.id)
    assert.equal(notice.answer, null)
    assert.equal(notice.answered_at, null)
    const waiting = (await todo(zhifa1)).filter(
      (t) => t.petition.id === assigned.id,
    )
    assert.ok(
      waiting.some((t) => t.reason === 'answer_supervision'),
      JSON.stringify(waiting),
    )

    const mine = await getPetition(zhifa1, assigned.id)
    assert.ok(mine.available_actions.includes('answer_supervision'))
    const answered = await advance(zhifa1, mine, 'answer_supervision', {
      content: '已完成现场检查，明日反馈',
    })
    assert.equal(
      answered.supervision_notices[0].answer,
      '已完成现场检查，明日反馈',
    )
    assert.ok(answered.supervision_notices[0].answered_at)
    assert.equal(answered.timeline.at(-1).action, 'answer_supervision')

    const again = await transition(zhifa1, answered, 'answer_supervision')
    expectError(again, 409)
    await expectUnchanged(tiaochu, answered)
  })

  test('without an open notice answer_supervision is 409', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')

    const res = await transition(zhifa1, assigned, 'answer_supervision')

    expectError(res, 409, 'workflow.no_open_supervision')
    await expectUnchanged(tiaochu, assigned)
  })

  test('the section cannot answer its own notice: 403', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const supervised = await advance(tiaochu, assigned, 'supervise', {
      content: '请于三日内报送整改进展',
    })

    const res = await transition(tiaochu, supervised, 'answer_supervision', {
      content: '代为回复',
    })

    expectError(res, 403, 'workflow.forbidden_role')
    await expectUnchanged(tiaochu, supervised)
  })

  test('a notice due before the day it is issued is 400 on deadline', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')

    const res = await transition(tiaochu, assigned, 'supervise', {
      content: '请报送整改进展',
      deadline: '2020-01-01',
    })

    expectError(res, 400, 'workflow.deadline_before_step', 'deadline')
    await expectUnchanged(tiaochu, assigned)
  })

  test('supervising a petition not yet assigned is 409', async () => {
    const accepted = await petitionIn(tiaochu, 'accepted')

    const res = await transition(tiaochu, accepted, 'supervise', {
      content: '请尽快交办',
    })

    expectError(res, 409, 'workflow.wrong_state')
    await expectUnchanged(tiaochu, accepted)
  })

  test('the bureau and the leader cannot issue one', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')

    expectError(await transition(zhifa1, assigned, 'supervise'), 403)
    expectError(await transition(leader, assigned, 'supervise'), 403)
    await expectUnchanged(tiaochu, assigned)
  })
})

describe('to-do list', () => {
  test('the coordinator: accept a new petition, reply a reported one', async () => {
    const registered = await registerPetition(tiaochu)
    const reported = await petitionIn(tiaochu, 'reported')

    const items = await todo(tiaochu)

    const reason = (p) => items.find((t) => t.petition.id === p.id)?.reason
    assert.equal(reason(registered), 'accept')
    assert.equal(reason(reported), 'reply')
    const row = items.find((t) => t.petition.id === registered.id)
    assert.equal(row.overdue, false)
    assert.equal(row.petition.code, registered.code)
  })

  test('zhifa1: report its own assignments, with the overdue one marked; none of 执法二局', async () => {
    const fresh = await petitionIn(tiaochu, 'assigned')

    const items = await todo(zhifa1)

    const row = (p) => items.find((t) => t.petition.id === p.id)
    assert.equal(row(fresh)?.reason, 'report')
    assert.equal(row(fresh).overdue, false)
    assert.equal(row(overdueKaifa)?.reason, 'report')
    assert.equal(row(overdueKaifa).overdue, true)
    assert.equal(row(overdueSanxing), undefined)
    const own = await unitId(tiaochu, '执法一局')
    for (const t of items) assert.equal(t.petition.unit?.id, own)
  })

  test('a petition leaves the bureau’s list once reported', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const mine = await getPetition(zhifa1, assigned.id)

    await advance(zhifa1, mine, 'report')

    const items = await todo(zhifa1)
    assert.ok(
      !items.some(
        (t) => t.petition.id === assigned.id && t.reason === 'report',
      ),
    )
  })

  test('the viewer has nothing to do', async () => {
    const shenji = await loggedIn('shenji')

    assert.deepEqual(await todo(shenji), [])
  })

  test('the town’s list never shows a petitioner', async () => {
    for (const t of await todo(sanxing))
      assert.equal(t.petition.petitioner, null)
  })
})

describe('deadline dates', () => {
  test('handling counts 60 days from acceptance and moves off a day off', async () => {
    const p = await petitionIn(
      tiaochu,
      'accepted',
      { received_at: '2023-07-28T09:00:00+08:00' },
      { stepAt: () => '2023-08-01T09:00:00+08:00' },
    )

    const handling = p.deadlines.find((d) => d.kind === 'handling')
    assert.equal(
      handling.due,
      '2023-10-07',
      '2023-09-30 is in the National Day holiday',
    )
    assert.equal(addDays('2023-08-01', 60), '2023-09-30')
  })
})
