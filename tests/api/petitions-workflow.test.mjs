// The petition workflow (petition-contract "Workflow"): every action from its
// right state, every action from a wrong state (409, nothing changed), stale
// versions, the recorded time `at`, payload validation, extension and review
// windows.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  actionFields,
  advance,
  chinaDate,
  chinaTime,
  expectError,
  expectStatus,
  expectUnchanged,
  getPetition,
  loggedIn,
  PATHS,
  petitionIn,
  registerPetition,
  transition,
  unitId,
} from './lib.mjs'

const STALE = '该信访件已被他人修改，请刷新后重试'

let tiaochu
let leader
let zhifa1

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  leader = await loggedIn('liuhuajun')
  zhifa1 = await loggedIn('zhifa1')
})

function lastStep(petition) {
  return petition.timeline.at(-1)
}

describe('the main path', () => {
  test('register → accept → assign → report (bureau) → reply → satisfaction → close', async () => {
    const registered = await registerPetition(tiaochu)
    const unit = await unitId(tiaochu, '执法一局')
    assert.ok(registered.available_actions.includes('accept'))
    assert.ok(registered.available_actions.includes('decline'))
    assert.ok(registered.available_actions.includes('forward'))
    assert.ok(!registered.available_actions.includes('reply'))

    const accepted = await advance(tiaochu, registered, 'accept')
    assert.equal(accepted.status, 'accepted')
    assert.ok(accepted.version > registered.version)
    const handling = accepted.deadlines.find((d) => d.kind === 'handling')
    assert.ok(handling, 'accepting starts the handling limit')
    assert.equal(handling.statutory, true)
    assert.equal(
      accepted.deadlines.find((d) => d.kind === 'acceptance').met,
      true,
    )

    const target = chinaDate(20)
    const assigned = await advance(tiaochu, accepted, 'assign', {
      unit_id: unit,
      requirements: '请现场核查并反馈',
      deadline: target,
    })
    assert.equal(assigned.status, 'assigned')
    assert.equal(assigned.assignment.unit.id, unit)
    assert.equal(assigned.assignment.unit.name, '执法一局')
    assert.equal(assigned.assignment.requirements, '请现场核查并反馈')
    assert.equal(assigned.assignment.target_date, target)
    const targetDeadline = assigned.deadlines.find((d) => d.kind === 'target')
    assert.equal(targetDeadline.due, target)
    assert.equal(targetDeadline.statutory, false)

    const seenByBureau = await getPetition(zhifa1, assigned.id)
    assert.ok(seenByBureau.available_actions.includes('report'))
    assert.ok(!seenByBureau.available_actions.includes('reply'))
    const reported = await advance(zhifa1, seenByBureau, 'report', {
      findings: '企业已停止夜间生产',
    })
    assert.equal(reported.status, 'reported')

    const replied = await advance(tiaochu, reported, 'reply', {
      content: '已责令企业整改',
      way: 'phone',
    })
    assert.equal(replied.status, 'replied')
    assert.equal(replied.reply.content, '已责令企业整改')
    assert.equal(replied.reply.way, 'phone')
    assert.equal(replied.reply.satisfaction, null)
    assert.ok(replied.deadlines.some((d) => d.kind === 'review_request'))

    const rated = await advance(tiaochu, replied, 'record_satisfaction', {
      satisfaction: 'basically_satisfied',
    })
    assert.equal(rated.status, 'replied', 'an event keeps the status')
    assert.equal(rated.reply.satisfaction, 'basically_satisfied')

    const closed = await advance(tiaochu, rated, 'close')
    assert.equal(closed.status, 'closed')

    assert.deepEqual(
      closed.timeline.slice(1).map((e) => e.action),
      ['accept', 'assign', 'report', 'reply', 'record_satisfaction', 'close'],
    )
    assert.deepEqual(
      closed.timeline.slice(1).map((e) => [e.from_status, e.to_status]),
      [
        ['registered', 'accepted'],
        ['accepted', 'assigned'],
        ['assigned', 'reported'],
        ['reported', 'replied'],
        ['replied', 'replied'],
        ['replied', 'closed'],
      ],
    )
    const reportStep = closed.timeline.find((e) => e.action === 'report')
    assert.equal(reportStep.user.id, zhifa1.user.id)
    assert.equal(lastStep(closed).user.id, tiaochu.user.id)
    assert.equal(lastStep(closed).user.name, tiaochu.user.display_name)
  })

  test('each step adds one timeline entry and raises the version', async () => {
    let p = await registerPetition(tiaochu)
    for (const action of ['accept', 'assign', 'report', 'reply', 'close']) {
      const before = p
      p = await advance(
        tiaochu,
        before,
        action,
        action === 'assign'
          ? { unit_id: await unitId(tiaochu, '执法一局') }
          : {},
      )
      assert.equal(p.timeline.length, before.timeline.length + 1, action)
      assert.ok(p.version > before.version, action)
      assert.equal(lastStep(p).action, action)
    }
  })

  test('a petition the section answers itself: accepted → reply → close', async () => {
    const accepted = await petitionIn(tiaochu, 'accepted', {
      content_type: 'suggestion',
      legal_category: 'suggestion',
    })

    const replied = await advance(tiaochu, accepted, 'reply')
    const closed = await advance(tiaochu, replied, 'close')

    assert.equal(replied.status, 'replied')
    assert.equal(closed.status, 'closed')
  })

  test('decline records the reason and ends in not_accepted', async () => {
    const p = await registerPetition(tiaochu)

    const declined = await advance(tiaochu, p, 'decline', {
      reason: '属于法院受理范围',
    })

    assert.equal(declined.status, 'not_accepted')
    assert.equal(declined.decline_reason, '属于法院受理范围')
    assert.deepEqual(
      declined.available_actions.filter((a) => a === 'accept'),
      [],
    )
  })

  test('forward records the receiving agency and ends in forwarded', async () => {
    const p = await registerPetition(tiaochu)

    const forwarded = await advance(tiaochu, p, 'forward', {
      agency: '海门区城市管理局',
    })

    assert.equal(forwarded.status, 'forwarded')
    assert.equal(forwarded.forwarded_to, '海门区城市管理局')
  })

  test('a reported petition can be sent back by a new assignment', async () => {
    const reported = await petitionIn(tiaochu, 'reported')

    const again = await advance(tiaochu, reported, 'assign', {
      unit_id: await unitId(tiaochu, '执法一局'),
      requirements: '补充调查噪声监测数据',
    })

    assert.equal(again.status, 'assigned')
    assert.equal(again.assignment.requirements, '补充调查噪声监测数据')
  })

  test('review and re-review: replied → 复查 → 复核 → close gives terminated, which is final', async () => {
    const replied = await petitionIn(tiaochu, 'replied')

    const asked = await advance(tiaochu, replied, 'request_review')
    assert.equal(asked.status, 'review_requested')
    assert.ok(asked.deadlines.some((d) => d.kind === 'review_decision'))
    const reviewed = await advance(tiaochu, asked, 'decide_review', {
      content: '维持原答复',
    })
    assert.equal(reviewed.status, 'reviewed')
    assert.ok(reviewed.deadlines.some((d) => d.kind === 'rereview_request'))
    const askedAgain = await advance(tiaochu, reviewed, 'request_rereview')
    assert.equal(askedAgain.status, 'rereview_requested')
    assert.ok(askedAgain.deadlines.some((d) => d.kind === 'rereview_decision'))
    const rereviewed = await advance(tiaochu, askedAgain, 'decide_rereview', {
      content: '维持复查意见',
    })
    assert.equal(rereviewed.status, 'rereviewed')
    const terminated = await advance(tiaochu, rereviewed, 'close')
    assert.equal(terminated.status, 'terminated')

    for (const action of [
      'request_review',
      'request_rereview',
      'close',
      'reply',
    ]) {
      expectError(
        await transition(tiaochu, terminated, action),
        409,
        'workflow.wrong_state',
      )
    }
    await expectUnchanged(tiaochu, terminated)
  })

  test('a closed petition may still be taken to review', async () => {
    const closed = await petitionIn(tiaochu, 'closed')

    const asked = await advance(tiaochu, closed, 'request_review')

    assert.equal(asked.status, 'review_requested')
  })

  test('mark_litigation guides an open petition to the legal channel', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')

    const p = await advance(tiaochu, assigned, 'mark_litigation', {
      reason: '已提起行政复议',
    })

    assert.equal(p.status, 'litigation')
    assert.equal(lastStep(p).action, 'mark_litigation')
  })
})

// The state chart of DESIGN.md §3 as src/core/workflow.h states it: the
// statuses each action may start from. Every other (status, action) pair is a
// forbidden transition: 409 workflow.wrong_state, nothing changed. `pause` is
// left out (the contract names no states for it), and answer_supervision
// counts as allowed where it needs only an open notice. Only the assigned unit
// answers a notice, and it cannot see a petition not assigned to it, so the
// wrong-state loop leaves answer_supervision to the unit tests of the chart.
const ALLOWED_FROM = {
  accept: ['registered'],
  decline: ['registered'],
  forward: ['registered'],
  assign: ['accepted', 'assigned', 'reported'],
  report: ['assigned'],
  reply: ['accepted', 'reported'],
  record_satisfaction: [
    'replied',
    'closed',
    'reviewed',
    'rereviewed',
    'terminated',
  ],
  close: ['replied', 'reviewed', 'rereviewed'],
  request_review: ['replied', 'closed'],
  decide_review: ['review_requested'],
  request_rereview: ['reviewed'],
  decide_rereview: ['rereview_requested'],
  mark_litigation: [
    'registered',
    'accepted',
    'assigned',
    'reported',
    'replied',
    'review_requested',
    'reviewed',
    'rereview_requested',
  ],
  extend: ['accepted', 'assigned', 'reported'],
  supervise: ['assigned', 'reported'],
  answer_supervision: ['assigned', 'reported'],
}

const STATUSES = Object.keys(PATHS)

describe('wrong state: 409 workflow.wrong_state and nothing changes', () => {
  for (const status of STATUSES) {
    const wrong = Object.keys(ALLOWED_FROM).filter(
      (action) =>
        action !== 'answer_supervision' &&
        !ALLOWED_FROM[action].includes(status),
    )
    test(`from ${status}: ${wrong.join(', ')}`, async () => {
      const p = await petitionIn(tiaochu, status)
      const unit = await unitId(tiaochu, '执法一局')

      for (const action of wrong) {
        const actor = action === 'extend' ? leader : tiaochu
        const fields = action === 'assign' ? { unit_id: unit } : {}
        const res = await transition(actor, p, action, fields)
        expectError(res, 409, 'workflow.wrong_state')
      }
      await expectUnchanged(tiaochu, p)
    })
  }

  test('the state chart covers every status of the vocabulary', async () => {
    const res = await tiaochu.get('/api/v1/vocabularies')

    assert.deepEqual(
      res.json.petition_statuses.map((e) => e.code).sort(),
      [...STATUSES].sort(),
    )
  })
})

describe('stale version', () => {
  test('an old version gets 409 conflict.stale_version with its message, nothing changed', async () => {
    const registered = await registerPetition(tiaochu)
    const accepted = await advance(tiaochu, registered, 'accept')

    const res = await transition(tiaochu, registered, 'assign', {
      unit_id: await unitId(tiaochu, '执法一局'),
    })

    expectError(res, 409, 'conflict.stale_version')
    assert.equal(res.json.error.message, STALE)
    await expectUnchanged(tiaochu, accepted)
  })

  test('a version from the future is stale as well', async () => {
    const p = await registerPetition(tiaochu)

    const res = await transition(
      tiaochu,
      { ...p, version: p.version + 5 },
      'accept',
    )

    expectError(res, 409, 'conflict.stale_version')
    await expectUnchanged(tiaochu, p)
  })

  test('two coordinators accept at once: one wins, the other is stale', async () => {
    const p = await registerPetition(tiaochu)
    const other = await loggedIn('tiaochu')

    const results = await Promise.all([
      transition(tiaochu, p, 'accept'),
      transition(other, p, 'decline'),
    ])

    const statuses = results.map((r) => r.status).sort()
    assert.deepEqual(
      statuses,
      [200, 409],
      results.map((r) => r.text).join('\n'),
    )
    const loser = results.find((r) => r.status === 409)
    assert.ok(
      ['conflict.stale_version', 'workflow.wrong_state'].includes(
        loser.json.error.code,
      ),
    )
    const after = await getPetition(tiaochu, p.id)
    assert.equal(after.timeline.length, p.timeline.length + 1)
  })

  test('a missing version → 400 on version', async () => {
    const p = await registerPetition(tiaochu)

    const res = await tiaochu.post(`/api/v1/petitions/${p.id}/transitions`, {
      action: 'accept',
    })

    expectError(res, 400, undefined, 'version')
    await expectUnchanged(tiaochu, p)
  })
})

describe('the time of a step (at)', () => {
  test('a step recorded later keeps both times, and deadlines count from at', async () => {
    const p = await registerPetition(tiaochu, {
      received_at: '2023-09-20T09:30:00+08:00',
    })
    const at = '2023-09-25T10:00:00+08:00'

    const accepted = await advance(tiaochu, p, 'accept', { at })

    const step = lastStep(accepted)
    assert.equal(Date.parse(step.at), Date.parse(at))
    assert.ok(Date.parse(step.recorded_at) > Date.now() - 10 * 60_000)
    const handling = accepted.deadlines.find((d) => d.kind === 'handling')
    assert.equal(handling.due, '2023-11-24', '60 days from 2023-09-25')
    assert.equal(
      accepted.deadlines.find((d) => d.kind === 'acceptance').met,
      true,
      'accepted on 09-25, due 10-07',
    )
  })

  test('at in the future → 400 workflow.at_in_future, nothing changed', async () => {
    const p = await registerPetition(tiaochu)

    const res = await transition(tiaochu, p, 'accept', {
      at: chinaTime(chinaDate(1)),
    })

    expectError(res, 400, 'workflow.at_in_future', 'at')
    await expectUnchanged(tiaochu, p)
  })

  test('at before receipt → 400 workflow.at_before_previous, nothing changed', async () => {
    const p = await registerPetition(tiaochu, {
      received_at: '2024-03-01T09:00:00+08:00',
    })

    const res = await transition(tiaochu, p, 'accept', {
      at: '2024-02-28T09:00:00+08:00',
    })

    expectError(res, 400, 'workflow.at_before_previous', 'at')
    await expectUnchanged(tiaochu, p)
  })

  test('at before the previous step → 400 workflow.at_before_previous', async () => {
    const p = await registerPetition(tiaochu, {
      received_at: '2024-03-01T09:00:00+08:00',
    })
    const accepted = await advance(tiaochu, p, 'accept', {
      at: '2024-03-05T09:00:00+08:00',
    })

    const res = await transition(tiaochu, accepted, 'assign', {
      unit_id: await unitId(tiaochu, '执法一局'),
      at: '2024-03-04T09:00:00+08:00',
      deadline: '2024-03-20',
    })

    expectError(res, 400, 'workflow.at_before_previous', 'at')
    await expectUnchanged(tiaochu, accepted)
  })

  test('at that is not a time → 400 on at', async () => {
    const p = await registerPetition(tiaochu)

    const res = await transition(tiaochu, p, 'accept', { at: '昨天下午' })

    expectError(res, 400, undefined, 'at')
    await expectUnchanged(tiaochu, p)
  })
})

describe('fields each action needs', () => {
  const cases = [
    ['registered', 'decline', { reason: '' }, 'reason'],
    ['registered', 'forward', { agency: '  ' }, 'agency'],
    ['accepted', 'assign', { unit_id: undefined }, 'unit_id'],
    ['accepted', 'assign', { requirements: '' }, 'requirements'],
    ['accepted', 'assign', { deadline: undefined }, 'deadline'],
    ['assigned', 'report', { findings: '' }, 'findings'],
    ['reported', 'reply', { content: '' }, 'content'],
    ['reported', 'reply', { way: undefined }, 'way'],
    ['reported', 'reply', { way: 'fax' }, 'way'],
    [
      'replied',
      'record_satisfaction',
      { satisfaction: 'happy' },
      'satisfaction',
    ],
    ['replied', 'request_review', { reason: '' }, 'reason'],
    ['review_requested', 'decide_review', { content: '' }, 'content'],
    ['accepted', 'mark_litigation', { reason: '' }, 'reason'],
    ['assigned', 'supervise', { content: '' }, 'content'],
  ]
  for (const [status, action, fields, field] of cases) {
    test(`${action} from ${status} with ${JSON.stringify(fields)} → 400 on ${field}`, async () => {
      const p = await petitionIn(tiaochu, status)
      const unit = await unitId(tiaochu, '执法一局')
      const body = {
        action,
        version: p.version,
        ...actionFields(action),
        ...(action === 'assign' ? { unit_id: unit } : {}),
        ...fields,
      }

      const res = await tiaochu.post(
        `/api/v1/petitions/${p.id}/transitions`,
        body,
      )

      expectError(res, 400, undefined, field)
      await expectUnchanged(tiaochu, p)
    })
  }

  test('an unknown action → 400 on action', async () => {
    const p = await registerPetition(tiaochu)

    const res = await transition(tiaochu, p, 'approve')

    expectError(res, 400, undefined, 'action')
    await expectUnchanged(tiaochu, p)
  })

  test('assigning to an unknown unit → 400 on unit_id', async () => {
    const p = await petitionIn(tiaochu, 'accepted')

    const res = await transition(tiaochu, p, 'assign', { unit_id: 987654321 })

    expectError(res, 400, undefined, 'unit_id')
    await expectUnchanged(tiaochu, p)
  })

  test('a target after the statutory handling limit → 400 on deadline', async () => {
    const p = await petitionIn(tiaochu, 'accepted')

    const res = await transition(tiaochu, p, 'assign', {
      unit_id: await unitId(tiaochu, '执法一局'),
      deadline: chinaDate(120),
    })

    expectError(res, 400, undefined, 'deadline')
    await expectUnchanged(tiaochu, p)
  })

  test('transitions of an unknown petition → 404', async () => {
    const res = await tiaochu.post('/api/v1/petitions/987654321/transitions', {
      action: 'accept',
      version: 1,
    })

    expectError(res, 404, 'not_found')
  })

  test('a transition without the CSRF header → 403 csrf.invalid', async () => {
    const p = await registerPetition(tiaochu)

    const res = await tiaochu.post(
      `/api/v1/petitions/${p.id}/transitions`,
      { action: 'accept', version: p.version },
      { csrf: false },
    )

    expectError(res, 403, 'csrf.invalid')
    await expectUnchanged(tiaochu, p)
  })
})

describe('extension (延期)', () => {
  test('only a leader extends; once; 1–30 days with a reason', async () => {
    const accepted = await petitionIn(tiaochu, 'accepted')
    const handling = accepted.deadlines.find((d) => d.kind === 'handling').due

    expectError(
      await transition(tiaochu, accepted, 'extend'),
      403,
      'workflow.forbidden_role',
    )
    for (const days of [0, 31, -3]) {
      expectError(
        await transition(leader, accepted, 'extend', { extension_days: days }),
        400,
        undefined,
        'extension_days',
      )
    }
    expectError(
      await transition(leader, accepted, 'extend', { reason: '' }),
      400,
      undefined,
      'reason',
    )
    await expectUnchanged(tiaochu, accepted)

    const extended = await advance(leader, accepted, 'extend', {
      extension_days: 30,
      reason: '需委托第三方监测',
    })

    assert.equal(extended.status, 'accepted')
    assert.equal(extended.extension.days, 30)
    assert.equal(extended.extension.reason, '需委托第三方监测')
    assert.equal(extended.extension.approved_by.name, '刘华军')
    const after = extended.deadlines.find((d) => d.kind === 'handling').due
    assert.ok(after > handling, `${after} after ${handling}`)
    assert.equal(lastStep(extended).action, 'extend')

    const again = await transition(leader, extended, 'extend', {
      extension_days: 5,
    })
    expectError(again, 409, 'workflow.extension_already_granted')
    await expectUnchanged(tiaochu, extended)
  })

  test('an extension asked after the handling limit has passed → 409', async () => {
    const p = await petitionIn(
      tiaochu,
      'accepted',
      { received_at: '2024-01-08T09:00:00+08:00' },
      { stepAt: () => '2024-01-09T09:00:00+08:00' },
    )

    const res = await transition(leader, p, 'extend')

    expectError(res, 409)
    await expectUnchanged(tiaochu, p)
  })
})

describe('review windows', () => {
  test('a review asked more than 30 days after the reply → 409 workflow.review_window_closed', async () => {
    const replied = await petitionIn(
      tiaochu,
      'replied',
      { received_at: '2024-05-06T09:00:00+08:00' },
      { stepAt: (i) => chinaTime(`2024-05-${String(7 + i).padStart(2, '0')}`) },
    )

    const res = await transition(tiaochu, replied, 'request_review')

    expectError(res, 409, 'workflow.review_window_closed')
    await expectUnchanged(tiaochu, replied)
  })

  test('the same request recorded with at inside the window is accepted', async () => {
    const replied = await petitionIn(
      tiaochu,
      'replied',
      { received_at: '2024-05-06T09:00:00+08:00' },
      { stepAt: (i) => chinaTime(`2024-05-${String(7 + i).padStart(2, '0')}`) },
    )

    const asked = await advance(tiaochu, replied, 'request_review', {
      at: '2024-05-20T09:00:00+08:00',
    })

    assert.equal(asked.status, 'review_requested')
    assert.equal(
      Date.parse(lastStep(asked).at),
      Date.parse('2024-05-20T09:00:00+08:00'),
    )
  })
})

describe('pause', () => {
  test('the section pauses the clocks with a reason until a date; shown in paused', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const until = chinaDate(10)
    const before = assigned.deadlines.find((d) => d.kind === 'handling').due

    const paused = await advance(tiaochu, assigned, 'pause', {
      reason: '组织听证',
      until,
    })

    assert.equal(paused.status, 'assigned')
    assert.equal(paused.paused.reason, '组织听证')
    assert.equal(paused.paused.until, until)
    assert.equal(paused.paused.from, chinaDate(0))
    const after = paused.deadlines.find((d) => d.kind === 'handling').due
    assert.ok(
      after > before,
      `handling ${before} moves after the pause: ${after}`,
    )
  })

  test('a pause stops only the running clock: the met acceptance notice stays', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const due = (p, kind) => p.deadlines.find((d) => d.kind === kind).due
    const acceptance = due(assigned, 'acceptance')

    const paused = await advance(tiaochu, assigned, 'pause', {
      reason: '组织听证',
      until: chinaDate(30),
    })

    assert.equal(due(paused, 'acceptance'), acceptance)
    assert.ok(due(paused, 'handling') > due(assigned, 'handling'))
  })

  test('a pause dated before the last step is 400 on at', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')

    const res = await transition(tiaochu, assigned, 'pause', {
      at: '2020-01-01T09:00:00+08:00',
    })

    expectError(res, 400, 'workflow.at_before_previous', 'at')
    await expectUnchanged(tiaochu, assigned)
  })

  test('a bureau user cannot pause', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')

    const res = await transition(zhifa1, assigned, 'pause')

    expectError(res, 403)
    await expectUnchanged(tiaochu, assigned)
  })
})
