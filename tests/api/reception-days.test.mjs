// Reception days (reception-contract "Staff"): the demo's 2023 schedule, the
// generator (dry run, publishing, years without a holiday notice, hand-made
// days surviving regeneration), the saved configuration, the announcement,
// field-named validation errors and who may read or change the schedule.
//
// The days this file saves lie in years no other file touches: generated
// schedules in random years of 2040–2199, single days in 2035–2039.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  ATTACHMENT_ONE_2023,
  book,
  bookingBody,
  Client,
  createReceptionDay,
  dateIn,
  dateZh,
  expectError,
  expectStatus,
  lastFour,
  leaderIdByName,
  loggedIn,
  publicPost,
  receptionDays,
  schemaProblems,
  uniqInt,
  weekdayZh,
  zhMarker,
} from './lib.mjs'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const CLOCK = /^\d{2}:\d{2}$/

let tiaochu
let leaders

// Three different years in 2041–2199 for the generator tests that save
// (petitions-repeats.test.mjs adds a day in 2040). Days other files add by
// hand to these years would stay through generation, so the checks below
// look at the generated days only.
const PUBLISHED_YEAR = uniqInt(2041, 2090)
const REPLACED_YEAR = uniqInt(2090, 2140)
const HAND_MADE_YEAR = uniqInt(2140, 2170)
const REFERENCED_YEAR = uniqInt(2170, 2200)

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  leaders = {}
  for (const [, name] of ATTACHMENT_ONE_2023) {
    leaders[name] ??= await leaderIdByName(tiaochu, name)
  }
  leaders['王向阳'] = await leaderIdByName(tiaochu, '王向阳')
  leaders['龚雪松'] = await leaderIdByName(tiaochu, '龚雪松')
})

function generate(client, body) {
  return client.post('/api/v1/reception-days/generate', body)
}

function summary(days) {
  return days.map((d) => [d.date, d.leaders.map((l) => l.name).join('、')])
}

// The proposed days the rule made. Other files add hand-made days to the
// current and coming years, which a proposal keeps in place of their months'
// generated days.
function generated(proposal) {
  return proposal.items.filter((d) => !d.hand_made)
}

// The months February to December without a proposed day.
function monthsMissing(days) {
  const have = new Set(days.map((d) => Number(d.date.slice(5, 7))))
  return [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => !have.has(m))
}

function isWeekend(date) {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 || day === 6
}

async function expectSchema(name, value) {
  assert.deepEqual(await schemaProblems(name, value), [])
}

describe('the demo schedule', () => {
  test('init --demo gives exactly the eleven days and leaders of Attachment 1 for 2023', async () => {
    const res = await tiaochu.get('/api/v1/reception-days?year=2023')

    expectStatus(res, 200)
    assert.equal(res.json.total, 11)
    assert.deepEqual(summary(res.json.items), ATTACHMENT_ONE_2023)
    for (const day of res.json.items) {
      assert.match(day.date, DATE)
      assert.equal(day.published, true, day.date)
      assert.equal(day.hand_made, false, day.date)
      assert.equal(day.start_time, '08:30', day.date)
      assert.equal(day.end_time, '11:30', day.date)
      assert.equal(day.moved_from, null, day.date)
      assert.equal(day.free, day.capacity - day.booked, day.date)
    }
    await expectSchema('ReceptionDayList', res.json)
  })

  test('each leader is given with id and name', async () => {
    const [first] = await receptionDays(tiaochu, 2023)

    assert.deepEqual(first.leaders, [{ id: leaders['刘华军'], name: '刘华军' }])
  })

  test('a year is required to be an integer', async () => {
    expectError(
      await tiaochu.get('/api/v1/reception-days?year=abc'),
      400,
      'validation.invalid',
      'year',
    )
  })
})

describe('generating a schedule', () => {
  test('a dry run for 2023 proposes Attachment 1 and saves nothing', async () => {
    const before = await receptionDays(tiaochu, 2023)

    const res = await generate(tiaochu, { year: 2023, dry_run: true })

    expectStatus(res, 200)
    assert.equal(res.json.saved, false)
    assert.equal(res.json.published, false)
    assert.deepEqual(res.json.warnings, [])
    assert.deepEqual(summary(res.json.items), ATTACHMENT_ONE_2023)
    for (const item of res.json.items) {
      assert.equal(item.moved_from, null, item.date)
      assert.equal(item.hand_made, false, item.date)
      assert.match(item.start_time, CLOCK)
    }
    assert.deepEqual(await receptionDays(tiaochu, 2023), before)
    await expectSchema('ScheduleProposal', res.json)
  })

  test('a dry run for 2026 moves February off the Spring Festival to 2026-02-24 and says why', async () => {
    const before = await receptionDays(tiaochu, 2026)

    const res = await generate(tiaochu, { year: 2026, dry_run: true })

    expectStatus(res, 200)
    assert.equal(res.json.saved, false)
    const february = generated(res.json).filter((d) =>
      d.date.startsWith('2026-02'),
    )
    assert.equal(february.length, 1, JSON.stringify(res.json.items))
    assert.equal(february[0].date, '2026-02-24')
    assert.equal(february[0].moved_from, '2026-02-17')
    assert.match(february[0].reason, /春节/)
    assert.match(february[0].reason, /2026-02-17/)
    assert.match(february[0].reason, /2026-02-24/)
    assert.deepEqual(await receptionDays(tiaochu, 2026), before)
  })

  test('every day proposed for 2026 is a working day of the official calendar', async () => {
    const calendar = (await tiaochu.get('/api/v1/calendar/2026')).json
    const off = new Set(calendar.days_off.map((d) => d.date))

    const res = await generate(tiaochu, { year: 2026, dry_run: true })

    expectStatus(res, 200)
    assert.deepEqual(monthsMissing(res.json.items), [])
    for (const { date } of generated(res.json)) {
      assert.ok(!off.has(date), `${date} is a day off`)
      assert.ok(!isWeekend(date), `${date} is a weekend day`)
    }
  })

  test('a year without a holiday notice (2031) is generated on weekdays with a warning', async () => {
    const res = await generate(tiaochu, { year: 2031, dry_run: true })

    expectStatus(res, 200)
    assert.ok(res.json.warnings.length >= 1)
    assert.ok(
      res.json.warnings.some((w) => w.includes('2031') && /通知/.test(w)),
      JSON.stringify(res.json.warnings),
    )
    assert.deepEqual(monthsMissing(res.json.items), [])
    for (const { date } of generated(res.json)) {
      assert.equal(weekdayZh(date), '星期二', date)
    }
  })

  test('a rule in the request overrides the saved one: rotation from 杨杰', async () => {
    const res = await generate(tiaochu, {
      year: 2023,
      dry_run: true,
      rule: { first_leader_id: leaders['杨杰'] },
    })

    expectStatus(res, 200)
    assert.deepEqual(
      res.json.items.map((d) => d.leaders[0].name),
      ['杨杰', '许正娟', '施波', '钱向东', '王向阳', '龚雪松', '刘华军'].concat(
        ['杨杰', '许正娟', '施波', '钱向东'],
      ),
    )
  })

  test('publish saves the proposed days of a far year, published, and the list shows them', async () => {
    const year = PUBLISHED_YEAR
    const config = (await tiaochu.get('/api/v1/reception-config')).json

    const res = await generate(tiaochu, { year, publish: true })

    expectStatus(res, 200)
    assert.equal(res.json.saved, true)
    assert.equal(res.json.published, true)
    const days = (await receptionDays(tiaochu, year)).filter(
      (d) => !d.hand_made,
    )
    assert.equal(days.length, generated(res.json).length)
    assert.deepEqual(summary(days), summary(generated(res.json)))
    assert.deepEqual(monthsMissing(res.json.items), [])
    for (const day of days) {
      assert.equal(day.published, true, day.date)
      assert.equal(day.place, config.place)
      assert.equal(day.phone, config.phone)
      assert.equal(day.capacity, config.capacity)
      assert.equal(day.booked, 0)
    }
  })

  test('regenerating without publish updates the days in place: same ids, still published', async () => {
    const year = REPLACED_YEAR
    expectStatus(await generate(tiaochu, { year, publish: true }), 200)
    const first = (await receptionDays(tiaochu, year)).filter(
      (d) => !d.hand_made,
    )

    const res = await generate(tiaochu, { year })

    expectStatus(res, 200)
    assert.equal(res.json.saved, true)
    assert.equal(res.json.published, false)
    const days = (await receptionDays(tiaochu, year)).filter(
      (d) => !d.hand_made,
    )
    assert.deepEqual(days, first, 'nothing to change, nothing changed')
  })

  test('a changed rule moves the saved days in place and keeps them published', async () => {
    const year = REPLACED_YEAR
    const first = (await receptionDays(tiaochu, year)).filter(
      (d) => !d.hand_made,
    )

    const res = await generate(tiaochu, { year, rule: { week_of_month: 2 } })

    expectStatus(res, 200)
    const days = (await receptionDays(tiaochu, year)).filter(
      (d) => !d.hand_made,
    )
    assert.deepEqual(
      days.map((d) => d.id),
      first.map((d) => d.id),
      'same ids',
    )
    assert.ok(days.every((d) => d.published))
    assert.deepEqual(summary(days), summary(generated(res.json)))
    assert.notDeepEqual(summary(days), summary(first))
  })
})

describe('regenerating a year that has bookings and invitations', () => {
  const year = REFERENCED_YEAR
  let days
  let february
  let march
  let april

  before(async () => {
    expectStatus(await generate(tiaochu, { year, publish: true }), 200)
    days = await receptionDays(tiaochu, year)
    const byMonth = (m) => days.find((d) => d.date.slice(5, 7) === m)
    february = byMonth('02')
    march = byMonth('03')
    april = byMonth('04')
    // February: a booking that was cancelled; March: an active booking;
    // April: an invitation.
    const cancelled = await book(bookingBody(february.id))
    expectStatus(
      await publicPost('/appointments/cancel', {
        code: cancelled.code,
        phone_last4: lastFour(cancelled.body.phone),
      }),
      200,
    )
    await book(bookingBody(march.id))
    expectStatus(
      await tiaochu.post('/api/v1/invitations', {
        leader_id: leaders['刘华军'],
        petitioner_name: `钱${zhMarker(1)}明`,
        reception_day_id: april.id,
      }),
      201,
    )
  })

  test('a new rule leaves one day a month; booked and invited days stay as they were, with a warning', async () => {
    const res = await generate(tiaochu, { year, rule: { week_of_month: 2 } })

    expectStatus(res, 200)
    const after = await receptionDays(tiaochu, year)
    const months = after.map((d) => d.date.slice(5, 7))
    assert.equal(new Set(months).size, months.length, 'no month twice')
    assert.equal(after.length, days.length)
    assert.deepEqual(
      after.find((d) => d.id === march.id),
      { ...march, booked: 1, free: march.free - 1 },
    )
    assert.deepEqual(
      after.find((d) => d.id === april.id),
      april,
    )
    for (const day of [march, april]) {
      assert.ok(
        res.json.warnings.some((w) => w.includes(day.date)),
        JSON.stringify(res.json.warnings),
      )
    }
  })

  test('a day whose only booking was cancelled is moved in place like any other', async () => {
    const after = await receptionDays(tiaochu, year)
    const moved = after.find((d) => d.id === february.id)

    assert.ok(moved, 'the same day, not a new one')
    assert.notEqual(moved.date, february.date)
    assert.equal(moved.published, true)
  })

  test('dropping the months with an invitation or booking keeps those days and drops the rest', async () => {
    const res = await generate(tiaochu, {
      year,
      rule: { months: [2] },
    })

    expectStatus(res, 200)
    const after = await receptionDays(tiaochu, year)
    assert.deepEqual(
      after.map((d) => d.id).sort(),
      [february.id, march.id, april.id].sort(),
    )
  })
})

describe('hand-made changes', () => {
  const note = '局长外出开会，改至下周'
  let original
  let may
  let august

  // One generated year with two days changed by hand: May moved a week later,
  // August given other leaders.
  before(async () => {
    expectStatus(await generate(tiaochu, { year: HAND_MADE_YEAR }), 200)
    original = await receptionDays(tiaochu, HAND_MADE_YEAR)
    const byMonth = (m) => original.find((d) => d.date.slice(5, 7) === m)
    const [y, m, d] = byMonth('05').date.split('-')
    const moved = `${y}-${m}-${String(Number(d) + 7).padStart(2, '0')}`
    may = await tiaochu.patch(`/api/v1/reception-days/${byMonth('05').id}`, {
      date: moved,
      note,
    })
    august = await tiaochu.patch(`/api/v1/reception-days/${byMonth('08').id}`, {
      leader_ids: [leaders['王向阳'], leaders['刘华军']],
    })
  })

  function originalOf(day) {
    return original.find((d) => d.id === day.id)
  }

  test('moving a day by PATCH marks it hand-made and remembers where it came from', async () => {
    expectStatus(may, 200)
    assert.equal(may.json.moved_from, originalOf(may.json).date)
    assert.notEqual(may.json.date, may.json.moved_from)
    assert.equal(may.json.hand_made, true)
    assert.equal(may.json.note, note)
    await expectSchema('ReceptionDay', may.json)
  })

  test('reassigning the leaders marks a day hand-made without a move', async () => {
    expectStatus(august, 200)
    assert.deepEqual(
      august.json.leaders.map((l) => l.name),
      ['王向阳', '刘华军'],
    )
    assert.equal(august.json.hand_made, true)
    assert.equal(august.json.moved_from, null)
    assert.equal(august.json.date, originalOf(august.json).date)
  })

  test('regenerating the year keeps both hand-made days and adds none for their months', async () => {
    const res = await generate(tiaochu, { year: HAND_MADE_YEAR })

    expectStatus(res, 200)
    const proposedMay = res.json.items.filter(
      (d) => d.date.slice(5, 7) === '05',
    )
    assert.deepEqual(
      proposedMay.map((d) => [d.date, d.moved_from, d.hand_made]),
      [[may.json.date, may.json.moved_from, true]],
    )
    const days = await receptionDays(tiaochu, HAND_MADE_YEAR)
    assert.equal(days.length, 11)
    const months = days.map((d) => d.date.slice(5, 7))
    assert.equal(new Set(months).size, 11, 'one day a month')
    assert.ok(!days.some((d) => d.date === may.json.moved_from), 'old date')
    assert.deepEqual(
      days.find((d) => d.id === may.json.id),
      may.json,
    )
    assert.deepEqual(
      days.find((d) => d.id === august.json.id),
      august.json,
    )
    assert.equal(days.filter((d) => d.hand_made).length, 2)
  })

  test('a day moved twice keeps its first moved_from', async () => {
    const september = (await receptionDays(tiaochu, HAND_MADE_YEAR)).find(
      (d) => d.date.slice(5, 7) === '09',
    )
    const prefix = september.date.slice(0, 8)

    expectStatus(
      await tiaochu.patch(`/api/v1/reception-days/${september.id}`, {
        date: `${prefix}28`,
      }),
      200,
    )
    const res = await tiaochu.patch(`/api/v1/reception-days/${september.id}`, {
      date: `${prefix}29`,
    })

    expectStatus(res, 200)
    assert.equal(res.json.date, `${prefix}29`)
    assert.equal(res.json.moved_from, september.date)
  })

  test('capacity, times, place and publishing changed by hand also make a day hand-made and survive regeneration', async () => {
    const byMonth = (m) => original.find((d) => d.date.slice(5, 7) === m)
    const changes = [
      ['10', { capacity: 3, place: `海门区${zhMarker(3)}会议室` }],
      ['11', { published: true }],
      ['12', { start_time: '09:00', end_time: '11:00' }],
    ]
    const patched = []
    for (const [month, fields] of changes) {
      const res = await tiaochu.patch(
        `/api/v1/reception-days/${byMonth(month).id}`,
        fields,
      )
      expectStatus(res, 200)
      assert.equal(res.json.hand_made, true, month)
      patched.push(res.json)
    }

    expectStatus(await generate(tiaochu, { year: HAND_MADE_YEAR }), 200)

    const days = await receptionDays(tiaochu, HAND_MADE_YEAR)
    for (const day of patched) {
      assert.deepEqual(
        days.find((d) => d.id === day.id),
        day,
      )
    }
    assert.equal(days.length, 11)
  })

  test('PATCH with the values a day already has leaves it generated', async () => {
    const day = (await receptionDays(tiaochu, HAND_MADE_YEAR)).find(
      (d) => !d.hand_made,
    )

    const res = await tiaochu.patch(`/api/v1/reception-days/${day.id}`, {
      capacity: day.capacity,
      published: day.published,
    })

    expectStatus(res, 200)
    assert.equal(res.json.hand_made, false)
  })
})

describe('creating and editing days', () => {
  test('a new day is hand-made, unpublished by default, with the configuration defaults', async () => {
    const config = (await tiaochu.get('/api/v1/reception-config')).json
    const date = dateIn(2035)

    const res = await tiaochu.post('/api/v1/reception-days', {
      date,
      leader_ids: [leaders['许正娟']],
    })

    expectStatus(res, 201)
    const day = res.json
    assert.ok(Number.isInteger(day.id))
    assert.equal(day.date, date)
    assert.deepEqual(day.leaders, [{ id: leaders['许正娟'], name: '许正娟' }])
    assert.equal(day.hand_made, true)
    assert.equal(day.published, false)
    assert.equal(day.start_time, config.start_time)
    assert.equal(day.end_time, config.end_time)
    assert.equal(day.place, config.place)
    assert.equal(day.phone, config.phone)
    assert.equal(day.capacity, config.capacity)
    assert.equal(day.booked, 0)
    assert.equal(day.free, config.capacity)
    assert.equal(day.moved_from, null)
    assert.equal(day.note, null)
    await expectSchema('ReceptionDay', day)
    const listed = (await receptionDays(tiaochu, 2035)).find(
      (d) => d.id === day.id,
    )
    assert.deepEqual(listed, day)
  })

  test('every field can be given, and PATCH changes only what it names', async () => {
    const day = await createReceptionDay(tiaochu, {
      date: dateIn(2035),
      leader_ids: [leaders['施波'], leaders['杨杰']],
      start_time: '09:00',
      end_time: '11:00',
      place: '海门区行政中心信访接待大厅',
      phone: '0513-82219316',
      capacity: 12,
      published: false,
      note: '与区信访局联合接访',
    })

    const res = await tiaochu.patch(`/api/v1/reception-days/${day.id}`, {
      published: true,
      capacity: 15,
    })

    expectStatus(res, 200)
    assert.deepEqual(res.json, {
      ...day,
      published: true,
      capacity: 15,
      free: 15,
    })
  })

  test('note: null clears the note', async () => {
    const day = await createReceptionDay(tiaochu, {
      date: dateIn(2035),
      note: '临时备注',
    })

    const res = await tiaochu.patch(`/api/v1/reception-days/${day.id}`, {
      note: null,
    })

    expectStatus(res, 200)
    assert.equal(res.json.note, null)
  })

  test('PATCH of an unknown day is 404', async () => {
    expectError(
      await tiaochu.patch('/api/v1/reception-days/987654321', { capacity: 5 }),
      404,
      'not_found',
    )
  })
})

describe('validation errors name the field and save nothing', () => {
  const cases = [
    ['no date', {}, 'validation.required', 'date', ['date']],
    [
      'an impossible date',
      { date: '2036-02-30' },
      'validation.invalid',
      'date',
    ],
    ['a date that is not text', { date: 20360301 }, 'validation.type', 'date'],
    ['no leaders', {}, 'validation.required', 'leader_ids', ['leader_ids']],
    [
      'an empty leader list',
      { leader_ids: [] },
      'validation.required',
      'leader_ids',
    ],
    [
      'an unknown leader',
      { leader_ids: [987654321] },
      'validation.invalid',
      'leader_ids',
    ],
    [
      'a start time not HH:MM',
      { start_time: '8点半' },
      'validation.invalid',
      'start_time',
    ],
    [
      'an end before the start',
      { start_time: '11:00', end_time: '09:00' },
      'validation.invalid',
      'end_time',
    ],
    ['no places', { capacity: 0 }, 'validation.invalid', 'capacity'],
    [
      'published not a boolean',
      { published: 'yes' },
      'validation.type',
      'published',
    ],
    [
      'a place over 100 characters',
      { place: '接'.repeat(101) },
      'validation.too_long',
      'place',
    ],
  ]
  for (const [what, fields, code, field, omit = []] of cases) {
    test(`POST with ${what}: 400 ${code} on ${field}`, async () => {
      const body = {
        date: dateIn(2036),
        leader_ids: [leaders['刘华军']],
        ...fields,
      }
      for (const key of omit) delete body[key]
      const before = await receptionDays(tiaochu, 2036)

      const res = await tiaochu.post('/api/v1/reception-days', body)

      expectError(res, 400, code, field)
      assert.equal((await receptionDays(tiaochu, 2036)).length, before.length)
    })
  }

  test('PATCH with a bad date or too many places names the field and changes nothing', async () => {
    const day = await createReceptionDay(tiaochu, { date: dateIn(2036) })

    expectError(
      await tiaochu.patch(`/api/v1/reception-days/${day.id}`, {
        date: '2036-13-01',
      }),
      400,
      'validation.invalid',
      'date',
    )
    expectError(
      await tiaochu.patch(`/api/v1/reception-days/${day.id}`, {
        capacity: 501,
      }),
      400,
      'validation.invalid',
      'capacity',
    )
    const after = (await receptionDays(tiaochu, 2036)).find(
      (d) => d.id === day.id,
    )
    assert.deepEqual(after, day)
  })

  const ruleCases = [
    ['no year', { dry_run: true }, 'validation.required', 'year'],
    [
      'a year before 1900',
      { year: 1800, dry_run: true },
      'validation.invalid',
      'year',
    ],
    [
      'week 6',
      { year: 2031, dry_run: true, rule: { week_of_month: 6 } },
      'validation.invalid',
      'week_of_month',
    ],
    [
      'weekday 8',
      { year: 2031, dry_run: true, rule: { weekday: 8 } },
      'validation.invalid',
      'weekday',
    ],
    [
      'month 13',
      { year: 2031, dry_run: true, rule: { months: [2, 13] } },
      'validation.invalid',
      'months',
    ],
    [
      'an unknown rotation leader',
      { year: 2031, dry_run: true, rule: { rotation_leader_ids: [987654321] } },
      'validation.invalid',
      'rotation_leader_ids',
    ],
    [
      'a first leader outside the rotation',
      { year: 2031, dry_run: true, rule: { first_leader_id: 987654321 } },
      'validation.invalid',
      'first_leader_id',
    ],
    [
      'a start time not HH:MM',
      { year: 2031, dry_run: true, rule: { start_time: '25:00' } },
      'validation.invalid',
      'start_time',
    ],
  ]
  for (const [what, body, code, field] of ruleCases) {
    test(`generate with ${what}: 400 ${code} on ${field}`, async () => {
      expectError(await generate(tiaochu, body), 400, code, field)
    })
  }

  test('generate with an empty rotation names rotation_leader_ids', async () => {
    const res = await generate(tiaochu, {
      year: 2031,
      dry_run: true,
      rule: { rotation_leader_ids: [] },
    })

    expectError(
      res,
      400,
      ['validation.invalid', 'validation.required'],
      'rotation_leader_ids',
    )
  })

  test('PUT reception-config with bad values names the field and keeps the saved configuration', async () => {
    const before = (await tiaochu.get('/api/v1/reception-config')).json

    for (const [body, field] of [
      [{ booking_closes_hours_before: -1 }, 'booking_closes_hours_before'],
      [{ weekday: 8 }, 'weekday'],
      [{ capacity: 0 }, 'capacity'],
      [{ end_time: '07:00' }, 'end_time'],
    ]) {
      expectError(
        await tiaochu.put('/api/v1/reception-config', body),
        400,
        'validation.invalid',
        field,
      )
    }

    assert.deepEqual(
      (await tiaochu.get('/api/v1/reception-config')).json,
      before,
    )
  })
})

describe('the saved configuration', () => {
  let saved

  before(async () => {
    saved = (await tiaochu.get('/api/v1/reception-config')).json
  })

  after(async () => {
    const { capacity, place } = saved
    expectStatus(
      await tiaochu.put('/api/v1/reception-config', { capacity, place }),
      200,
      'restore the configuration',
    )
  })

  test('GET shows the seed rule: third-week Tuesday, February to December, 08:30–11:30, 24 h', async () => {
    assert.equal(saved.week_of_month, 3)
    assert.equal(saved.weekday, 2)
    assert.deepEqual(saved.months, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    assert.equal(saved.start_time, '08:30')
    assert.equal(saved.end_time, '11:30')
    assert.equal(saved.booking_closes_hours_before, 24)
    assert.deepEqual(
      saved.rotation.map((l) => l.name),
      ['刘华军', '杨杰', '许正娟', '施波', '钱向东', '王向阳', '龚雪松'],
    )
    assert.deepEqual(
      saved.rotation.map((l) => l.id),
      saved.rotation_leader_ids,
    )
    assert.equal(saved.first_leader_id, leaders['刘华军'])
    await expectSchema('ReceptionConfig', saved)
  })

  test('PUT changes the given fields only, and new days take the new defaults', async () => {
    const place = `海门区${zhMarker(3)}信访接待室`

    const res = await tiaochu.put('/api/v1/reception-config', {
      capacity: 7,
      place,
    })

    expectStatus(res, 200)
    assert.deepEqual(res.json, { ...saved, capacity: 7, place })
    const day = await createReceptionDay(tiaochu, { date: dateIn(2037) })
    assert.equal(day.capacity, 7)
    assert.equal(day.place, place)
  })
})

describe('the announcement', () => {
  let day
  const place = `海门区政务中心<b>三楼</b>&接待室${zhMarker(2)}`

  before(async () => {
    day = await createReceptionDay(tiaochu, {
      date: dateIn(2038),
      leader_ids: [leaders['杨杰'], leaders['施波']],
      place,
      phone: '0513-82219316',
    })
  })

  test('has a title naming the date and the reception', async () => {
    const res = await tiaochu.get(
      `/api/v1/reception-days/${day.id}/announcement`,
    )

    expectStatus(res, 200)
    await expectSchema('ReceptionAnnouncement', res.json)
    assert.ok(res.json.title.includes(dateZh(day.date)), res.json.title)
    assert.match(res.json.title, /接访/)
  })

  test('the plain text gives leaders, date, weekday, time, place, phone, the three matters and how to book', async () => {
    const { text } = (
      await tiaochu.get(`/api/v1/reception-days/${day.id}/announcement`)
    ).json

    for (const part of [
      '杨杰',
      '施波',
      dateZh(day.date),
      weekdayZh(day.date),
      day.start_time,
      day.end_time,
      place,
      '0513-82219316',
      '违反环境保护法律、法规',
      '对环境保护工作提出的意见、建议',
      '工作人员提出的批评、建议',
      '预约',
    ]) {
      assert.ok(text.includes(part), `text lacks ${part}:\n${text}`)
    }
    assert.ok(!/<(p|h1|li|ol)>/.test(text), 'no markup in the plain text')
  })

  test('the HTML says the same with the place escaped', async () => {
    const { html } = (
      await tiaochu.get(`/api/v1/reception-days/${day.id}/announcement`)
    ).json

    for (const part of [
      '杨杰',
      '施波',
      dateZh(day.date),
      day.start_time,
      '0513-82219316',
      '违反环境保护法律、法规',
      '对环境保护工作提出的意见、建议',
      '工作人员提出的批评、建议',
      '&lt;b&gt;三楼&lt;/b&gt;&amp;接待室',
    ]) {
      assert.ok(html.includes(part), `html lacks ${part}:\n${html}`)
    }
    assert.ok(!html.includes('<b>三楼'), 'the place is not markup')
    assert.match(html, /<(p|h1|h2|li)>/)
  })

  test('of an unknown day is 404', async () => {
    expectError(
      await tiaochu.get('/api/v1/reception-days/987654321/announcement'),
      404,
      'not_found',
    )
  })
})

describe('who may read and change the schedule', () => {
  let day

  before(async () => {
    day = await createReceptionDay(tiaochu, { date: dateIn(2039) })
  })

  for (const user of ['liuhuajun', 'shenji']) {
    test(`${user} may read days, configuration, announcement, bookings and invitations`, async () => {
      const client = await loggedIn(user)

      for (const path of [
        '/api/v1/reception-days?year=2039',
        '/api/v1/reception-config',
        `/api/v1/reception-days/${day.id}/announcement`,
        `/api/v1/reception-days/${day.id}/appointments`,
        '/api/v1/invitations',
      ]) {
        expectStatus(await client.get(path), 200, `${user} GET ${path}`)
      }
    })

    test(`${user} gets 403 on every write and nothing changes`, async () => {
      const client = await loggedIn(user)
      const date = dateIn(2039)

      const writes = [
        client.post('/api/v1/reception-days', {
          date,
          leader_ids: [leaders['刘华军']],
        }),
        client.patch(`/api/v1/reception-days/${day.id}`, { capacity: 3 }),
        generate(client, { year: 2031, dry_run: true }),
        client.put('/api/v1/reception-config', { capacity: 3 }),
      ]
      for (const res of await Promise.all(writes)) {
        expectError(res, 403, 'access.forbidden')
      }

      const days = await receptionDays(tiaochu, 2039)
      assert.ok(!days.some((d) => d.date === date && d.id !== day.id))
      assert.deepEqual(
        days.find((d) => d.id === day.id),
        day,
      )
    })
  }

  for (const user of ['zhifa1', 'sanxing']) {
    test(`${user} (enforcement bureau / town) gets 403 on the schedule and its writes`, async () => {
      const client = await loggedIn(user)

      expectError(
        await client.get('/api/v1/reception-days?year=2039'),
        403,
        'access.forbidden',
      )
      expectError(
        await client.get('/api/v1/reception-config'),
        403,
        'access.forbidden',
      )
      expectError(
        await client.post('/api/v1/reception-days', {
          date: dateIn(2039),
          leader_ids: [leaders['刘华军']],
        }),
        403,
        'access.forbidden',
      )
      expectError(
        await client.patch(`/api/v1/reception-days/${day.id}`, { capacity: 3 }),
        403,
        'access.forbidden',
      )
    })
  }

  test('without a session the list is 401', async () => {
    expectError(
      await new Client().get('/api/v1/reception-days?year=2039'),
      401,
      'auth.required',
    )
  })

  test('a write without the CSRF header is 403 csrf.invalid', async () => {
    const res = await tiaochu.post(
      '/api/v1/reception-days',
      { date: dateIn(2039), leader_ids: [leaders['刘华军']] },
      { csrf: false },
    )

    expectError(res, 403, 'csrf.invalid')
  })

  test('admin may create days', async () => {
    const admin = await loggedIn('admin')

    expectStatus(
      await admin.post('/api/v1/reception-days', {
        date: dateIn(2039),
        leader_ids: [leaders['刘华军']],
      }),
      201,
    )
  })
})
