// Monthly reports of the enforcement bureaus (seed 工作要求 4): due by the
// 20th of the next month, moved to the next working day when the 20th is a day
// off; drafted from the records, completed and submitted by the bureau; the
// section's board of submitted, late and missing reports, and reminders.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  chinaDate,
  expectError,
  expectStatus,
  loggedIn,
  schemaProblems,
  unitIdByName,
} from './lib.mjs'

let tiaochu
let zhifa1
let sanxing
let shenji
let bureau1
let bureau2

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  shenji = await loggedIn('shenji')
  bureau1 = await unitIdByName(tiaochu, '执法一局')
  bureau2 = await unitIdByName(tiaochu, '执法二局')
})

function thisMonth() {
  return chinaDate(0).slice(0, 7)
}

describe('due dates and the board', () => {
  test('April 2023 is due on Monday 22 May, the 20th being a Saturday; nothing filed is missing', async () => {
    const res = await shenji.get('/api/v1/monthly-reports?month=2023-04')

    expectStatus(res, 200)
    assert.equal(res.json.due_on, '2023-05-22')
    assert.equal(res.json.items.length, 6)
    assert.ok(res.json.items.every((r) => r.state === 'missing'))
    assert.equal(res.json.counts.missing, 6)
  })

  test('January 2026 is due on 24 February, after the Spring Festival days off', async () => {
    const res = await tiaochu.get('/api/v1/monthly-reports?month=2026-01')
    assert.equal(res.json.due_on, '2026-02-24')
  })

  test('a bureau officer sees its own row; a town has no access', async () => {
    const res = await zhifa1.get('/api/v1/monthly-reports?month=2023-04')
    assert.deepEqual(
      res.json.items.map((r) => r.unit.id),
      [bureau1],
    )
    expectError(await sanxing.get('/api/v1/monthly-reports?month=2023-04'), 403)
    expectError(
      await tiaochu.get('/api/v1/monthly-reports?month=2023-4'),
      400,
      'validation.invalid',
      'month',
    )
  })
})

describe('drafting, completing and submitting', () => {
  test('the bureau drafts from the records, completes and submits on time', async () => {
    const draft = await zhifa1.post('/api/v1/monthly-reports', {
      unit_id: bureau1,
      month: thisMonth(),
    })
    assert.ok([200, 201].includes(draft.status), draft.text)
    assert.match(draft.json.body, /带案下访情况/)
    assert.match(draft.json.body, /\| 序号 \| 区镇 \| 带案领导 \|/)
    assert.deepEqual(await schemaProblems('MonthlyReport', draft.json), [])
    const again = await zhifa1.post('/api/v1/monthly-reports', {
      unit_id: bureau1,
      month: thisMonth(),
    })
    expectStatus(again, 200)
    assert.equal(again.json.id, draft.json.id)
    if (draft.json.status === 'submitted') return

    const edited = await zhifa1.patch(
      `/api/v1/monthly-reports/${draft.json.id}`,
      {
        version: draft.json.version,
        body: `${draft.json.body}\n\n## 补充\n\n- 本月无新增重点问题`,
      },
    )
    expectStatus(edited, 200)
    const submitted = await zhifa1.post(
      `/api/v1/monthly-reports/${draft.json.id}/submit`,
      { version: edited.json.version },
    )
    expectStatus(submitted, 200)
    assert.equal(submitted.json.status, 'submitted')
    assert.equal(submitted.json.state, 'submitted')
    assert.equal(submitted.json.submitted_on, chinaDate(0))

    expectError(
      await zhifa1.post(`/api/v1/monthly-reports/${draft.json.id}/submit`, {
        version: submitted.json.version,
      }),
      409,
      'monthly_report.submitted',
    )
    expectError(
      await zhifa1.patch(`/api/v1/monthly-reports/${draft.json.id}`, {
        version: submitted.json.version,
        body: '改',
      }),
      409,
      'monthly_report.submitted',
    )
    const board = await tiaochu.get(
      `/api/v1/monthly-reports?month=${thisMonth()}`,
    )
    const row = board.json.items.find((r) => r.unit.id === bureau1)
    assert.equal(row.state, 'submitted')
  })

  test('a report submitted after its due date is late', async () => {
    const draft = await tiaochu.post('/api/v1/monthly-reports', {
      unit_id: bureau2,
      month: '2023-06',
    })
    assert.ok([200, 201].includes(draft.status), draft.text)
    if (draft.json.status !== 'submitted') {
      const res = await tiaochu.post(
        `/api/v1/monthly-reports/${draft.json.id}/submit`,
        { version: draft.json.version },
      )
      expectStatus(res, 200)
      assert.equal(res.json.state, 'late')
    }
    const board = await shenji.get('/api/v1/monthly-reports?month=2023-06')
    assert.equal(
      board.json.items.find((r) => r.unit.id === bureau2).state,
      'late',
    )
  })

  test('a bureau writes only its own report; bad input is refused', async () => {
    expectError(
      await zhifa1.post('/api/v1/monthly-reports', {
        unit_id: bureau2,
        month: '2023-07',
      }),
      403,
      'monthly_report.not_own',
    )
    expectError(
      await shenji.post('/api/v1/monthly-reports', {
        unit_id: bureau1,
        month: '2023-07',
      }),
      403,
    )
    const town = await unitIdByName(tiaochu, '三星镇人民政府')
    expectError(
      await tiaochu.post('/api/v1/monthly-reports', {
        unit_id: town,
        month: '2023-07',
      }),
      400,
      'validation.invalid',
      'unit_id',
    )
    expectError(
      await tiaochu.post('/api/v1/monthly-reports', {
        unit_id: bureau1,
        month: '2999-01',
      }),
      400,
      'validation.future',
      'month',
    )
    expectError(
      await tiaochu.post('/api/v1/monthly-reports', { unit_id: bureau1 }),
      400,
      'validation.required',
      'month',
    )
    const other = await tiaochu.post('/api/v1/monthly-reports', {
      unit_id: bureau2,
      month: '2023-08',
    })
    expectError(
      await zhifa1.get(`/api/v1/monthly-reports/${other.json.id}`),
      404,
    )
  })
})

describe('reminders', () => {
  test('the section reminds a bureau; the reminder shows on the board and in the report', async () => {
    const res = await tiaochu.post('/api/v1/monthly-reports/reminders', {
      unit_id: bureau1,
      month: '2023-09',
    })
    expectStatus(res, 201)
    assert.match(res.json.message, /2023-10-20前/)

    const board = await zhifa1.get('/api/v1/monthly-reports?month=2023-09')
    assert.ok(board.json.items[0].reminders.length >= 1)
    expectError(
      await zhifa1.post('/api/v1/monthly-reports/reminders', {
        unit_id: bureau1,
        month: '2023-09',
      }),
      403,
    )
  })

  test('no reminder for a report already submitted', async () => {
    const draft = await tiaochu.post('/api/v1/monthly-reports', {
      unit_id: bureau2,
      month: '2023-10',
    })
    if (draft.json.status !== 'submitted') {
      await tiaochu.post(`/api/v1/monthly-reports/${draft.json.id}/submit`, {
        version: draft.json.version,
      })
    }
    expectError(
      await tiaochu.post('/api/v1/monthly-reports/reminders', {
        unit_id: bureau2,
        month: '2023-10',
      }),
      409,
      'monthly_report.submitted',
    )
  })
})
