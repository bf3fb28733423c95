// Bookings and invitations (reception-contract "Public" and "Staff"): public
// booking with its validation, capacity, one booking per phone and day, lookup
// and cancellation by code and last four digits, the closing time; the staff's
// list, confirm, reschedule, attended and no-show; turning a booking into a
// registered petition; and invitations.
//
// Every day here is created by this file: far-future days in 2031–2034, and
// days a few hours ahead for the closing time. Public requests count against
// the server's per-address limit (`serve --public-requests-per-hour`), so each
// test makes as few as it needs.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  addDays,
  admin,
  book,
  bookingBody,
  chinaDate,
  chinaTime,
  createReceptionDay,
  dateIn,
  dayAppointments,
  expectError,
  expectStatus,
  lastFour,
  leaderIdByName,
  listAll,
  loggedIn,
  maskedName,
  maskedPhone,
  otherFour,
  petitionBody,
  publicGet,
  publicPost,
  randomMobile,
  receptionDays,
  regionId,
  registerPetition,
  schemaProblems,
  sessionIn,
  uniqInt,
  zhMarker,
} from './lib.mjs'

let tiaochu

before(async () => {
  tiaochu = await loggedIn('tiaochu')
})

// A published day in 2031–2034 with the given fields.
function farDay(fields = {}) {
  return createReceptionDay(tiaochu, {
    date: dateIn(uniqInt(2031, 2035)),
    ...fields,
  })
}

async function expectSchema(name, value) {
  assert.deepEqual(await schemaProblems(name, value), [])
}

async function staffDay(day) {
  const days = await receptionDays(tiaochu, day.date.slice(0, 4))
  return days.find((d) => d.id === day.id)
}

function patchAppointment(client, id, body) {
  return client.patch(`/api/v1/appointments/${id}`, body)
}

async function appointmentOf(day, code) {
  const found = (await dayAppointments(tiaochu, day.id)).find(
    (a) => a.code === code,
  )
  assert.ok(found, `booking ${code} on day ${day.id}`)
  return found
}

describe('booking a place', () => {
  test('returns 201 with a code, status booked, the masked name and the public day', async () => {
    const day = await farDay({ capacity: 5 })
    const body = bookingBody(day.id)

    const res = await publicPost('/appointments', body)

    expectStatus(res, 201)
    assert.match(res.json.code, /^[A-Za-z0-9]{6,}$/)
    assert.equal(res.json.status, 'booked')
    assert.equal(res.json.name, maskedName(body.name))
    assert.equal(res.json.topic, body.topic)
    assert.equal(res.json.region, body.region)
    assert.equal(res.json.reception_day.id, day.id)
    assert.equal(res.json.reception_day.date, day.date)
    assert.equal(res.json.reception_day.free, 4)
    assert.equal(res.json.reception_day.booking_open, true)
    assert.ok(!res.text.includes(body.phone), 'no phone in the answer')
    await expectSchema('PublicAppointment', res.json)
    const staff = await appointmentOf(day, res.json.code)
    assert.equal(staff.status, 'booked')
    assert.equal(staff.name, maskedName(body.name))
    assert.equal(staff.phone, maskedPhone(body.phone))
    assert.equal(staff.region, body.region)
    assert.equal(staff.topic, body.topic)
    assert.equal(staff.reception_day_id, day.id)
    assert.equal(staff.petition_id, null)
    const after = await staffDay(day)
    assert.equal(after.booked, 1)
    assert.equal(after.free, 4)
  })

  test('a landline is 400 validation.phone and books nothing', async () => {
    const day = await farDay()

    const res = await publicPost(
      '/appointments',
      bookingBody(day.id, { phone: '0513-82212345' }),
    )

    expectError(res, 400, 'validation.phone', 'phone')
    assert.deepEqual(await dayAppointments(tiaochu, day.id), [])
  })

  test('a missing topic is 400 validation.required on topic', async () => {
    const day = await farDay()
    const body = bookingBody(day.id)
    delete body.topic

    const res = await publicPost('/appointments', body)

    expectError(res, 400, 'validation.required', 'topic')
    assert.deepEqual(await dayAppointments(tiaochu, day.id), [])
  })

  test('a region that is not one of ours is 400 on region and books nothing', async () => {
    const day = await farDay()

    for (const region of ['火星', '三星镇 <b>', 987654321, true]) {
      const res = await publicPost(
        '/appointments',
        bookingBody(day.id, { region }),
      )

      expectError(res, 400, 'validation.invalid', 'region')
    }
    expectError(
      await publicPost('/appointments', bookingBody(day.id, { region: null })),
      400,
      'validation.required',
      'region',
    )
    assert.deepEqual(await dayAppointments(tiaochu, day.id), [])
  })

  test('a region may be given by id; the booking holds its name and the draft its id', async () => {
    const day = await farDay()
    const id = await regionId(tiaochu, '悦来镇')

    const res = await publicPost(
      '/appointments',
      bookingBody(day.id, { region: id }),
    )

    expectStatus(res, 201)
    assert.equal(res.json.region, '悦来镇')
    const staff = await appointmentOf(day, res.json.code)
    const draft = await tiaochu.get(`/api/v1/appointments/${staff.id}/draft`)
    assert.equal(draft.json.region_id, id)
  })

  test('a name with control characters or markup is 400 on name', async () => {
    const day = await farDay()

    for (const name of ['李\u0007华', '<img src=x>李华']) {
      const res = await publicPost(
        '/appointments',
        bookingBody(day.id, { name }),
      )

      expectError(res, 400, 'validation.invalid', 'name')
    }
    assert.deepEqual(await dayAppointments(tiaochu, day.id), [])
  })

  test('an unknown day is 404', async () => {
    const res = await publicPost('/appointments', bookingBody(987654321))

    expectError(res, 404, 'not_found')
  })

  test('an unpublished day is 404, the same as an unknown one', async () => {
    const day = await farDay({ published: false })

    const res = await publicPost('/appointments', bookingBody(day.id))

    expectError(res, 404, 'not_found')
    assert.deepEqual(await dayAppointments(tiaochu, day.id), [])
  })
})

describe('capacity', () => {
  test('a day with 2 places takes two bookings; the third is 409 appointment.full with a clear message', async () => {
    const day = await farDay({ capacity: 2 })
    await book(bookingBody(day.id))
    const second = await book(bookingBody(day.id))
    assert.equal(second.reception_day.free, 0)

    const res = await publicPost('/appointments', bookingBody(day.id))

    expectError(res, 409, 'appointment.full')
    assert.match(res.json.error.message, /满/)
    assert.equal((await dayAppointments(tiaochu, day.id)).length, 2)
    const after = await staffDay(day)
    assert.equal(after.booked, 2)
    assert.equal(after.free, 0)

    const lower = await tiaochu.patch(`/api/v1/reception-days/${day.id}`, {
      capacity: 1,
    })
    expectError(lower, 409, 'reception.capacity_below_bookings', 'capacity')
    assert.equal((await staffDay(day)).capacity, 2)
  })
})

describe('one active booking per phone and day', () => {
  test('the same phone again is 409 appointment.duplicate; after cancelling it may book again', async () => {
    const day = await farDay()
    const body = bookingBody(day.id)
    const first = await book(body)

    const again = await publicPost('/appointments', {
      ...bookingBody(day.id),
      phone: body.phone,
    })
    expectError(again, 409, 'appointment.duplicate', 'phone')

    const cancelled = await publicPost('/appointments/cancel', {
      code: first.code,
      phone_last4: lastFour(body.phone),
    })
    expectStatus(cancelled, 200)
    const rebooked = await publicPost('/appointments', body)

    expectStatus(rebooked, 201)
    assert.notEqual(rebooked.json.code, first.code)
    const statuses = (await dayAppointments(tiaochu, day.id))
      .map((a) => a.status)
      .sort()
    assert.deepEqual(statuses, ['booked', 'cancelled'])
  })
})

describe('lookup and cancellation with code and last four digits', () => {
  let day
  let booking

  before(async () => {
    day = await farDay({ capacity: 3 })
    booking = await book(bookingBody(day.id))
  })

  test('lookup shows the booking as it was made', async () => {
    const res = await publicPost('/appointments/lookup', {
      code: booking.code,
      phone_last4: lastFour(booking.body.phone),
    })

    expectStatus(res, 200)
    await expectSchema('PublicAppointment', res.json)
    for (const key of ['code', 'status', 'name', 'topic', 'region']) {
      assert.equal(res.json[key], booking[key], key)
    }
    assert.equal(res.json.reception_day.id, day.id)
  })

  test('wrong digits and an unknown code get the same 404', async () => {
    const wrong = await publicPost('/appointments/lookup', {
      code: booking.code,
      phone_last4: otherFour(booking.body.phone),
    })
    const unknown = await publicPost('/appointments/lookup', {
      code: `${booking.code}X`,
      phone_last4: lastFour(booking.body.phone),
    })

    expectError(wrong, 404, 'not_found')
    expectError(unknown, 404, 'not_found')
    assert.equal(wrong.json.error.message, unknown.json.error.message)
    assert.ok(!wrong.text.includes(booking.body.topic))
  })

  test('digits that are not four digits are 400 on phone_last4', async () => {
    const res = await publicPost('/appointments/lookup', {
      code: booking.code,
      phone_last4: '12a4',
    })

    expectError(res, 400, undefined, 'phone_last4')
  })

  test('cancelling frees the place; cancelling again is 409 appointment.not_cancellable', async () => {
    const mine = await book(bookingBody(day.id))
    const key = { code: mine.code, phone_last4: lastFour(mine.body.phone) }
    const wrong = await publicPost('/appointments/cancel', {
      ...key,
      phone_last4: otherFour(mine.body.phone),
    })
    expectError(wrong, 404, 'not_found')

    const res = await publicPost('/appointments/cancel', key)

    expectStatus(res, 200)
    assert.equal(res.json.status, 'cancelled')
    assert.equal(res.json.code, mine.code)
    assert.equal((await appointmentOf(day, mine.code)).status, 'cancelled')
    assert.equal((await staffDay(day)).free, 2, 'only the other booking')
    expectError(
      await publicPost('/appointments/cancel', key),
      409,
      'appointment.not_cancellable',
    )
  })
})

describe('booking closes before the session', () => {
  let saved

  before(async () => {
    saved = (await tiaochu.get('/api/v1/reception-config')).json
  })

  after(async () => {
    expectStatus(
      await tiaochu.put('/api/v1/reception-config', {
        booking_closes_hours_before: saved.booking_closes_hours_before,
      }),
      200,
      'restore booking_closes_hours_before',
    )
  })

  test('by default 24 h before: a session about 20 h ahead is closed (409 appointment.closed), one 30 h ahead is open', async () => {
    assert.equal(saved.booking_closes_hours_before, 24)
    const soon = await createReceptionDay(tiaochu, sessionIn(20))
    const later = await createReceptionDay(tiaochu, sessionIn(30))

    const closed = await publicPost('/appointments', bookingBody(soon.id))
    const open = await publicPost('/appointments', bookingBody(later.id))

    expectError(closed, 409, 'appointment.closed')
    expectStatus(open, 201)
    assert.deepEqual(await dayAppointments(tiaochu, soon.id), [])
  })

  test('the public list says whether booking is open', async () => {
    const soon = await createReceptionDay(tiaochu, sessionIn(20))
    const later = await createReceptionDay(tiaochu, sessionIn(30))

    const res = await publicGet('/reception-days')

    expectStatus(res, 200)
    const items = res.json.items
    assert.equal(items.find((d) => d.id === soon.id)?.booking_open, false)
    assert.equal(items.find((d) => d.id === later.id)?.booking_open, true)
  })

  test('booking_closes_hours_before set by PUT /reception-config applies at once', async () => {
    const later = await createReceptionDay(tiaochu, sessionIn(30))
    expectStatus(
      await tiaochu.put('/api/v1/reception-config', {
        booking_closes_hours_before: 48,
      }),
      200,
    )

    const res = await publicPost('/appointments', bookingBody(later.id))

    expectError(res, 409, 'appointment.closed')
    assert.match(res.json.error.message, /截止/)
  })
})

describe('the staff handle bookings', () => {
  let day
  let other
  let bookings

  before(async () => {
    day = await farDay({ capacity: 10 })
    other = await farDay({ capacity: 10 })
    bookings = []
    for (let i = 0; i < 3; i++) {
      const b = await book(bookingBody(day.id))
      bookings.push({ ...b, id: (await appointmentOf(day, b.code)).id })
    }
  })

  test('the day list shows every booking, masked, in the documented shape', async () => {
    const res = await tiaochu.get(
      `/api/v1/reception-days/${day.id}/appointments`,
    )

    expectStatus(res, 200)
    await expectSchema('AppointmentList', res.json)
    for (const b of bookings) {
      const row = res.json.items.find((a) => a.code === b.code)
      assert.ok(row, b.code)
      assert.equal(row.name, maskedName(b.body.name))
      assert.equal(row.phone, maskedPhone(b.body.phone))
    }
    assert.ok(!res.text.includes(bookings[0].body.phone))
    assert.ok(!res.text.includes(bookings[0].body.name))
  })

  test('confirm, then unconfirm: both wait for the day', async () => {
    const [b] = bookings

    const confirmed = await patchAppointment(tiaochu, b.id, {
      status: 'confirmed',
    })
    const booked = await patchAppointment(tiaochu, b.id, { status: 'booked' })

    expectStatus(confirmed, 200)
    assert.equal(confirmed.json.status, 'confirmed')
    await expectSchema('Appointment', confirmed.json)
    expectStatus(booked, 200)
    assert.equal((await appointmentOf(day, b.code)).status, 'booked')
  })

  test('attended or no-show before the day is 409 appointment.invalid_transition', async () => {
    for (const status of ['attended', 'no_show']) {
      const res = await patchAppointment(tiaochu, bookings[0].id, { status })

      expectError(res, 409, 'appointment.invalid_transition', 'status')
      assert.match(res.json.error.message, /尚未到来/)
    }
    assert.equal((await appointmentOf(day, bookings[0].code)).status, 'booked')
  })

  test('reschedule moves the booking to the other day', async () => {
    const b = bookings[2]

    const res = await patchAppointment(tiaochu, b.id, {
      reception_day_id: other.id,
    })

    expectStatus(res, 200)
    assert.equal(res.json.reception_day_id, other.id)
    assert.equal(res.json.code, b.code)
    assert.ok(
      !(await dayAppointments(tiaochu, day.id)).some((a) => a.id === b.id),
    )
    assert.ok(
      (await dayAppointments(tiaochu, other.id)).some((a) => a.id === b.id),
    )
    assert.equal((await staffDay(other)).booked, 1)
  })

  test('rescheduling onto a full day is 409 appointment.full', async () => {
    const full = await farDay({ capacity: 1 })
    await book(bookingBody(full.id))

    const res = await patchAppointment(tiaochu, bookings[1].id, {
      reception_day_id: full.id,
    })

    expectError(res, 409, 'appointment.full')
    assert.equal((await dayAppointments(tiaochu, full.id)).length, 1)
  })

  test('rescheduling onto a day the same phone has booked is 409 appointment.duplicate', async () => {
    const target = await farDay()
    await book(bookingBody(target.id, { phone: bookings[0].body.phone }))

    const res = await patchAppointment(tiaochu, bookings[0].id, {
      reception_day_id: target.id,
    })

    expectError(res, 409, 'appointment.duplicate')
  })

  test('rescheduling onto a past or unpublished day is 409 and moves nothing', async () => {
    const past = await createReceptionDay(tiaochu, { date: chinaDate(-2) })
    const hidden = await farDay({ published: false })

    const toPast = await patchAppointment(tiaochu, bookings[1].id, {
      reception_day_id: past.id,
    })
    const toHidden = await patchAppointment(tiaochu, bookings[1].id, {
      reception_day_id: hidden.id,
    })

    expectError(toPast, 409, 'appointment.day_past', 'reception_day_id')
    expectError(
      toHidden,
      409,
      'appointment.day_unpublished',
      'reception_day_id',
    )
    assert.equal(
      (await appointmentOf(day, bookings[1].code)).reception_day_id,
      day.id,
    )
  })

  test('an unknown status is 400 on status; an unknown booking 404; an unknown day 404', async () => {
    expectError(
      await patchAppointment(tiaochu, bookings[0].id, { status: 'lost' }),
      400,
      'validation.invalid',
      'status',
    )
    expectError(
      await patchAppointment(tiaochu, 987654321, { status: 'confirmed' }),
      404,
      'not_found',
    )
    expectError(
      await patchAppointment(tiaochu, bookings[0].id, {
        reception_day_id: 987654321,
      }),
      404,
      'not_found',
    )
  })

  test('the bookings of an unknown day are 404', async () => {
    expectError(
      await tiaochu.get('/api/v1/reception-days/987654321/appointments'),
      404,
      'not_found',
    )
  })

  for (const user of ['liuhuajun', 'shenji', 'zhifa1', 'sanxing']) {
    test(`${user} may not change a booking (403)`, async () => {
      const client = await loggedIn(user)

      const res = await patchAppointment(client, bookings[0].id, {
        status: 'cancelled',
      })

      expectError(res, 403, 'access.forbidden')
    })
  }
})

describe('the outcome on the day and bringing back a cancelled booking', () => {
  // A booking made while the day was ahead, with the day then moved to
  // yesterday by hand, as if the session had just been held.
  async function heldBooking() {
    const held = await farDay()
    const b = await book(bookingBody(held.id))
    const id = (await appointmentOf(held, b.code)).id
    expectStatus(
      await tiaochu.patch(`/api/v1/reception-days/${held.id}`, {
        date: chinaDate(-1),
      }),
      200,
    )
    return { day: held, id }
  }

  test('from the day on a booking is marked attended, corrected to no-show and back', async () => {
    const { id } = await heldBooking()

    const attended = await patchAppointment(tiaochu, id, {
      status: 'attended',
    })
    const noShow = await patchAppointment(tiaochu, id, { status: 'no_show' })
    const again = await patchAppointment(tiaochu, id, { status: 'attended' })

    expectStatus(attended, 200)
    assert.equal(attended.json.status, 'attended')
    expectStatus(noShow, 200)
    assert.equal(noShow.json.status, 'no_show')
    expectStatus(again, 200)
    assert.equal(again.json.status, 'attended')
  })

  test('after the day a booking cannot go back to waiting (409)', async () => {
    const { id } = await heldBooking()
    expectStatus(
      await patchAppointment(tiaochu, id, { status: 'attended' }),
      200,
    )

    for (const status of ['booked', 'confirmed', 'cancelled']) {
      expectError(
        await patchAppointment(tiaochu, id, { status }),
        409,
        'appointment.invalid_transition',
        'status',
      )
    }
  })

  test('a cancelled booking comes back as booked while its day has a free place', async () => {
    const mine = await farDay({ capacity: 2 })
    const b = await book(bookingBody(mine.id))
    const id = (await appointmentOf(mine, b.code)).id
    expectStatus(
      await patchAppointment(tiaochu, id, { status: 'cancelled' }),
      200,
    )

    const res = await patchAppointment(tiaochu, id, { status: 'booked' })

    expectStatus(res, 200)
    assert.equal(res.json.status, 'booked')
    assert.equal((await staffDay(mine)).booked, 1)
  })

  test('a cancelled booking cannot come back onto a full day (409 appointment.full)', async () => {
    const mine = await farDay({ capacity: 1 })
    const b = await book(bookingBody(mine.id))
    const id = (await appointmentOf(mine, b.code)).id
    expectStatus(
      await patchAppointment(tiaochu, id, { status: 'cancelled' }),
      200,
    )
    await book(bookingBody(mine.id))

    const res = await patchAppointment(tiaochu, id, { status: 'confirmed' })

    expectError(res, 409, 'appointment.full', 'status')
    assert.equal((await appointmentOf(mine, b.code)).status, 'cancelled')
    assert.equal((await staffDay(mine)).booked, 1)
  })

  test('nor when the same phone has booked the day again (409 appointment.duplicate)', async () => {
    const mine = await farDay({ capacity: 5 })
    const body = bookingBody(mine.id)
    const first = await book(body)
    const id = (await appointmentOf(mine, first.code)).id
    expectStatus(
      await patchAppointment(tiaochu, id, { status: 'cancelled' }),
      200,
    )
    await book(body)

    const res = await patchAppointment(tiaochu, id, { status: 'booked' })

    expectError(res, 409, 'appointment.duplicate', 'status')
    assert.equal((await staffDay(mine)).booked, 1)
  })

  test('a cancelled booking is never marked attended directly (409)', async () => {
    const mine = await farDay()
    const b = await book(bookingBody(mine.id))
    const id = (await appointmentOf(mine, b.code)).id
    expectStatus(
      await patchAppointment(tiaochu, id, { status: 'cancelled' }),
      200,
    )
    expectStatus(
      await tiaochu.patch(`/api/v1/reception-days/${mine.id}`, {
        date: chinaDate(-1),
      }),
      200,
    )

    expectError(
      await patchAppointment(tiaochu, id, { status: 'attended' }),
      409,
      'appointment.invalid_transition',
      'status',
    )
  })
})

describe('registering a booking as a petition', () => {
  let day
  let booking
  let appointmentId
  let leaders

  before(async () => {
    leaders = [
      await leaderIdByName(tiaochu, '施波'),
      await leaderIdByName(tiaochu, '杨杰'),
    ]
    day = await farDay({ leader_ids: leaders })
    booking = await book(bookingBody(day.id, { region: '三星镇' }))
    appointmentId = (await appointmentOf(day, booking.code)).id
  })

  test('the draft gives the coordinator the clear name and phone, channel, region, topic and leaders', async () => {
    const res = await tiaochu.get(`/api/v1/appointments/${appointmentId}/draft`)

    expectStatus(res, 200)
    await expectSchema('AppointmentDraft', res.json)
    const draft = res.json
    assert.equal(draft.appointment_id, appointmentId)
    assert.equal(draft.channel, 'leader_reception')
    assert.equal(draft.source, 'leader_reception')
    assert.equal(draft.region_id, await regionId(tiaochu, '三星镇'))
    assert.equal(draft.summary, booking.body.topic)
    assert.deepEqual(draft.petitioners, [
      {
        name: booking.body.name,
        phone: booking.body.phone,
        representative: true,
      },
    ])
    assert.deepEqual(
      draft.receiving_leaders.map((l) => l.id),
      leaders,
    )
    assert.ok(!Number.isNaN(Date.parse(draft.received_at)))
  })

  test('reading the draft is audited', async () => {
    expectStatus(
      await tiaochu.get(`/api/v1/appointments/${appointmentId}/draft`),
      200,
    )

    const rows = await listAll(
      await admin(),
      `/api/v1/audit?entity=appointment&entity_id=${appointmentId}`,
    )
    assert.ok(
      rows.some((r) => r.action === 'reveal'),
      JSON.stringify(rows),
    )
  })

  for (const user of ['shenji', 'zhifa1', 'sanxing']) {
    test(`the draft is 403 for ${user}, who may not see personal data`, async () => {
      const client = await loggedIn(user)

      const res = await client.get(
        `/api/v1/appointments/${appointmentId}/draft`,
      )

      expectError(res, 403, 'access.forbidden')
    })
  }

  test('an unknown booking has no draft (404)', async () => {
    expectError(
      await tiaochu.get('/api/v1/appointments/987654321/draft'),
      404,
      'not_found',
    )
  })

  test('registering with appointment_id marks the booking attended with the petition and sets the receiving leader', async () => {
    const draft = (
      await tiaochu.get(`/api/v1/appointments/${appointmentId}/draft`)
    ).json
    const body = await petitionBody(tiaochu, {
      channel: draft.channel,
      source: draft.source,
      region_id: draft.region_id,
      summary: draft.summary.slice(0, 200),
      appointment_id: appointmentId,
      petitioners: draft.petitioners,
    })

    const res = await tiaochu.post('/api/v1/petitions', body)

    expectStatus(res, 201)
    assert.equal(res.json.channel, 'leader_reception')
    assert.deepEqual(res.json.receiving_leader, {
      id: leaders[0],
      name: '施波',
    })
    const row = await appointmentOf(day, booking.code)
    assert.equal(row.status, 'attended')
    assert.equal(row.petition_id, res.json.id)
    const detail = (await tiaochu.get(`/api/v1/petitions/${res.json.id}`)).json
    assert.deepEqual(detail.receiving_leader, res.json.receiving_leader)

    const marker = zhMarker(6)
    const twice = await tiaochu.post('/api/v1/petitions', {
      ...body,
      summary: `${marker}再次登记`,
    })
    expectError(twice, 409, 'appointment.already_registered', 'appointment_id')
    const found = await listAll(
      tiaochu,
      `/api/v1/petitions?q=${encodeURIComponent(marker)}`,
    )
    assert.deepEqual(found, [], 'the refused registration left no petition')
  })

  test('receiving_leader_id chooses another leader of the day', async () => {
    const mine = await book(bookingBody(day.id))
    const id = (await appointmentOf(day, mine.code)).id

    const petition = await registerPetition(tiaochu, {
      channel: 'leader_reception',
      source: 'leader_reception',
      appointment_id: id,
      receiving_leader_id: leaders[1],
    })

    assert.deepEqual(petition.receiving_leader, {
      id: leaders[1],
      name: '杨杰',
    })
  })

  test('a cancelled booking is 409 appointment.cancelled', async () => {
    const mine = await book(bookingBody(day.id))
    const id = (await appointmentOf(day, mine.code)).id
    expectStatus(
      await patchAppointment(tiaochu, id, { status: 'cancelled' }),
      200,
    )

    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu, {
        channel: 'leader_reception',
        appointment_id: id,
      }),
    )

    expectError(res, 409, 'appointment.cancelled', 'appointment_id')
    assert.equal((await appointmentOf(day, mine.code)).petition_id, null)
  })

  test('an unknown appointment_id is 400 on appointment_id', async () => {
    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu, {
        channel: 'leader_reception',
        appointment_id: 987654321,
      }),
    )

    expectError(res, 400, 'validation.invalid', 'appointment_id')
  })

  test('appointment_id with a channel other than leader_reception is 400 on channel', async () => {
    const mine = await book(bookingBody(day.id))
    const id = (await appointmentOf(day, mine.code)).id

    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu, { channel: 'visit', appointment_id: id }),
    )

    expectError(res, 400, 'validation.invalid', 'channel')
    const row = await appointmentOf(day, mine.code)
    assert.equal(row.status, 'booked')
    assert.equal(row.petition_id, null)
  })

  test('a walk-in on a reception day is received by the leader of that day unless another is named', async () => {
    // A day of 2019, which no other test uses, so the date has this day only.
    const date = addDays('2019-01-01', uniqInt(0, 360))
    const leader = await leaderIdByName(tiaochu, '龚雪松')
    await createReceptionDay(tiaochu, { date, leader_ids: [leader] })
    const other = await leaderIdByName(tiaochu, '钱向东')
    const walkIn = {
      channel: 'leader_reception',
      source: 'leader_reception',
      received_at: chinaTime(date, '09:30'),
    }

    const plain = await registerPetition(tiaochu, walkIn)
    const named = await registerPetition(tiaochu, {
      ...walkIn,
      receiving_leader_id: other,
    })
    const visit = await registerPetition(tiaochu, {
      ...walkIn,
      channel: 'visit',
    })

    assert.deepEqual(plain.receiving_leader, { id: leader, name: '龚雪松' })
    assert.deepEqual(named.receiving_leader, { id: other, name: '钱向东' })
    assert.equal(visit.receiving_leader, null)
  })

  test('a walk-in may name its receiving leader; without one it has none', async () => {
    const leader = await leaderIdByName(tiaochu, '王向阳')

    const walkIn = await registerPetition(tiaochu, {
      channel: 'leader_reception',
      source: 'leader_reception',
      receiving_leader_id: leader,
    })
    const plain = await registerPetition(tiaochu)

    assert.deepEqual(walkIn.receiving_leader, { id: leader, name: '王向阳' })
    assert.equal(plain.receiving_leader, null)
    expectError(
      await tiaochu.post(
        '/api/v1/petitions',
        await petitionBody(tiaochu, { receiving_leader_id: 987654321 }),
      ),
      400,
      'validation.invalid',
      'receiving_leader_id',
    )
  })
})

describe('invitations', () => {
  let leader
  let day
  let petition

  before(async () => {
    leader = await leaderIdByName(tiaochu, '刘华军')
    day = await farDay()
    petition = await registerPetition(tiaochu)
  })

  function invite(client, fields = {}) {
    return client.post('/api/v1/invitations', {
      leader_id: leader,
      petitioner_name: `赵${zhMarker(1)}国`,
      phone: randomMobile(),
      reception_day_id: day.id,
      note: '就噪声问题约请当面沟通',
      ...fields,
    })
  }

  test('an invitation for a reception day about a petition', async () => {
    const name = `赵${zhMarker(1)}国`
    const phone = randomMobile()

    const res = await invite(tiaochu, {
      petition_id: petition.id,
      petitioner_name: name,
      phone,
    })

    expectStatus(res, 201)
    await expectSchema('Invitation', res.json)
    const i = res.json
    assert.deepEqual(i.leader, { id: leader, name: '刘华军' })
    assert.deepEqual(i.petition, { id: petition.id, code: petition.code })
    assert.equal(i.petitioner_name, maskedName(name))
    assert.equal(i.phone, maskedPhone(phone))
    assert.equal(i.reception_day_id, day.id)
    assert.equal(i.reception_date, day.date)
    assert.equal(i.scheduled_at, null)
    assert.equal(i.status, 'invited')
    assert.equal(i.answer, null)
    assert.ok(!res.text.includes(phone))
  })

  test('an invitation at another time and place, without a petition', async () => {
    const res = await invite(tiaochu, {
      reception_day_id: undefined,
      phone: undefined,
      scheduled_at: '2032-05-06T15:00:00+08:00',
      place: '三星镇人民政府会议室',
    })

    expectStatus(res, 201)
    assert.equal(res.json.reception_day_id, null)
    assert.equal(res.json.reception_date, null)
    assert.equal(
      Date.parse(res.json.scheduled_at),
      Date.parse('2032-05-06T15:00:00+08:00'),
    )
    assert.equal(res.json.place, '三星镇人民政府会议室')
    assert.equal(res.json.petition, null)
    assert.equal(res.json.phone, null)
  })

  test('the list holds both, and the answer is recorded by PATCH', async () => {
    const created = (await invite(tiaochu)).json

    const res = await tiaochu.patch(`/api/v1/invitations/${created.id}`, {
      status: 'accepted',
      answer: '信访人同意按时到场',
    })

    expectStatus(res, 200)
    assert.equal(res.json.status, 'accepted')
    assert.equal(res.json.answer, '信访人同意按时到场')
    const list = await tiaochu.get('/api/v1/invitations')
    expectStatus(list, 200)
    await expectSchema('InvitationList', list.json)
    assert.equal(list.json.total, list.json.items.length)
    const listed = list.json.items.find((i) => i.id === created.id)
    assert.deepEqual(listed, res.json)

    const held = await tiaochu.patch(`/api/v1/invitations/${created.id}`, {
      status: 'held',
    })
    expectStatus(held, 200)
    assert.equal(held.json.answer, '信访人同意按时到场', 'answer kept')
  })

  const invalid = [
    [
      'neither day nor time',
      { reception_day_id: undefined },
      'validation.required',
      'reception_day_id',
    ],
    [
      'no petitioner name',
      { petitioner_name: undefined },
      'validation.required',
      'petitioner_name',
    ],
    ['no leader', { leader_id: undefined }, 'validation.required', 'leader_id'],
    [
      'an unknown leader',
      { leader_id: 987654321 },
      'validation.invalid',
      'leader_id',
    ],
    [
      'an unknown petition',
      { petition_id: 987654321 },
      'validation.invalid',
      'petition_id',
    ],
    [
      'an unknown day',
      { reception_day_id: 987654321 },
      'validation.invalid',
      'reception_day_id',
    ],
    ['a bad phone', { phone: '12345' }, 'validation.phone', 'phone'],
    [
      'a bad time',
      { reception_day_id: undefined, scheduled_at: '明天下午' },
      'validation.invalid',
      'scheduled_at',
    ],
  ]
  for (const [what, fields, code, field] of invalid) {
    test(`${what}: 400 ${code} on ${field}, nothing saved`, async () => {
      const before = (await tiaochu.get('/api/v1/invitations')).json.total

      const res = await invite(tiaochu, fields)

      expectError(res, 400, code, field)
      assert.equal(
        (await tiaochu.get('/api/v1/invitations')).json.total,
        before,
      )
    })
  }

  test('PATCH moves an invitation from its day to another time and place, and back', async () => {
    const created = (await invite(tiaochu)).json
    const other = await farDay()

    const moved = await tiaochu.patch(`/api/v1/invitations/${created.id}`, {
      reception_day_id: null,
      scheduled_at: '2033-03-08T14:30:00+08:00',
      place: '悦来镇人民政府会议室',
    })
    const back = await tiaochu.patch(`/api/v1/invitations/${created.id}`, {
      reception_day_id: other.id,
      scheduled_at: null,
      place: null,
    })

    expectStatus(moved, 200)
    assert.equal(moved.json.reception_day_id, null)
    assert.equal(
      Date.parse(moved.json.scheduled_at),
      Date.parse('2033-03-08T14:30:00+08:00'),
    )
    assert.equal(moved.json.place, '悦来镇人民政府会议室')
    expectStatus(back, 200)
    assert.equal(back.json.reception_day_id, other.id)
    assert.equal(back.json.reception_date, other.date)
    assert.equal(back.json.scheduled_at, null)
    assert.equal(back.json.place, null)
    await expectSchema('Invitation', back.json)
  })

  test('PATCH that leaves neither day nor time, or names a bad one, is 400 and changes nothing', async () => {
    const created = (await invite(tiaochu)).json

    for (const [body, code, field] of [
      [{ reception_day_id: null }, 'validation.required', 'reception_day_id'],
      [
        { reception_day_id: 987654321 },
        'validation.invalid',
        'reception_day_id',
      ],
      [{ scheduled_at: '下周三' }, 'validation.invalid', 'scheduled_at'],
      [{ place: '接'.repeat(101) }, 'validation.too_long', 'place'],
    ]) {
      expectError(
        await tiaochu.patch(`/api/v1/invitations/${created.id}`, body),
        400,
        code,
        field,
      )
    }
    const listed = (await tiaochu.get('/api/v1/invitations')).json.items.find(
      (i) => i.id === created.id,
    )
    assert.deepEqual(listed, created)
  })

  test('PATCH with an unknown status is 400; an unknown invitation 404', async () => {
    const created = (await invite(tiaochu)).json

    expectError(
      await tiaochu.patch(`/api/v1/invitations/${created.id}`, {
        status: 'maybe',
      }),
      400,
      'validation.invalid',
      'status',
    )
    expectError(
      await tiaochu.patch('/api/v1/invitations/987654321', { status: 'held' }),
      404,
      'not_found',
    )
  })

  for (const user of ['liuhuajun', 'shenji']) {
    test(`${user} may list invitations but not record or answer them`, async () => {
      const client = await loggedIn(user)
      const created = (await invite(tiaochu)).json

      expectStatus(await client.get('/api/v1/invitations'), 200)
      expectError(await invite(client), 403, 'access.forbidden')
      expectError(
        await client.patch(`/api/v1/invitations/${created.id}`, {
          status: 'declined',
        }),
        403,
        'access.forbidden',
      )
    })
  }
})

describe('registering an accepted invitation as a petition', () => {
  let leader
  let about
  let phone
  let name

  before(async () => {
    leader = await leaderIdByName(tiaochu, '杨杰')
    about = await registerPetition(tiaochu, {
      region_id: await regionId(tiaochu, '常乐镇'),
    })
  })

  async function accepted(fields = {}) {
    name = `孙${zhMarker(1)}平`
    phone = randomMobile()
    const res = await tiaochu.post('/api/v1/invitations', {
      leader_id: leader,
      petitioner_name: name,
      phone,
      petition_id: about.id,
      scheduled_at: '2032-06-01T09:00:00+08:00',
      ...fields,
    })
    expectStatus(res, 201)
    expectStatus(
      await tiaochu.patch(`/api/v1/invitations/${res.json.id}`, {
        status: 'accepted',
      }),
      200,
    )
    return res.json
  }

  test('an invitation not yet accepted has no draft (409 invitation.not_accepted)', async () => {
    const res = await tiaochu.post('/api/v1/invitations', {
      leader_id: leader,
      petitioner_name: `孙${zhMarker(1)}平`,
      scheduled_at: '2032-06-01T09:00:00+08:00',
    })

    expectError(
      await tiaochu.get(`/api/v1/invitations/${res.json.id}/draft`),
      409,
      'invitation.not_accepted',
    )
  })

  test('the draft holds the person in clear, the inviting leader and the petition it is about', async () => {
    const invitation = await accepted()

    const res = await tiaochu.get(`/api/v1/invitations/${invitation.id}/draft`)

    expectStatus(res, 200)
    await expectSchema('InvitationDraft', res.json)
    assert.equal(res.json.invitation_id, invitation.id)
    assert.equal(res.json.channel, 'leader_reception')
    assert.deepEqual(res.json.petitioners, [
      { name, phone, representative: true },
    ])
    assert.deepEqual(res.json.receiving_leaders, [{ id: leader, name: '杨杰' }])
    assert.equal(res.json.region_id, about.region.id)
    assert.equal(res.json.summary, about.summary)
    assert.deepEqual(res.json.linked_petition_ids, [about.id])
  })

  test('registering with invitation_id links both ways, receives by the leader and holds the invitation', async () => {
    const invitation = await accepted()
    const draft = (
      await tiaochu.get(`/api/v1/invitations/${invitation.id}/draft`)
    ).json
    const body = await petitionBody(tiaochu, {
      channel: draft.channel,
      source: draft.source,
      region_id: draft.region_id,
      petitioners: draft.petitioners,
      linked_petition_ids: draft.linked_petition_ids,
      invitation_id: invitation.id,
    })

    const res = await tiaochu.post('/api/v1/petitions', body)

    expectStatus(res, 201)
    assert.deepEqual(res.json.receiving_leader, { id: leader, name: '杨杰' })
    assert.ok(res.json.flags.includes('repeat'))
    const listed = (await tiaochu.get('/api/v1/invitations')).json.items.find(
      (i) => i.id === invitation.id,
    )
    assert.equal(listed.status, 'held')
    assert.deepEqual(listed.registered_petition, {
      id: res.json.id,
      code: res.json.code,
    })
    expectError(
      await tiaochu.post('/api/v1/petitions', body),
      409,
      'invitation.already_registered',
      'invitation_id',
    )
    expectError(
      await tiaochu.get(`/api/v1/invitations/${invitation.id}/draft`),
      409,
      'invitation.already_registered',
    )
    expectError(
      await tiaochu.patch(`/api/v1/invitations/${invitation.id}`, {
        status: 'declined',
      }),
      409,
      'invitation.already_registered',
    )
  })

  test('invitation_id with another channel is 400 on channel; an unknown one 400 on invitation_id', async () => {
    const invitation = await accepted()

    expectError(
      await tiaochu.post(
        '/api/v1/petitions',
        await petitionBody(tiaochu, { invitation_id: invitation.id }),
      ),
      400,
      'validation.invalid',
      'channel',
    )
    expectError(
      await tiaochu.post(
        '/api/v1/petitions',
        await petitionBody(tiaochu, {
          channel: 'leader_reception',
          invitation_id: 987654321,
        }),
      ),
      400,
      'validation.invalid',
      'invitation_id',
    )
    const listed = (await tiaochu.get('/api/v1/invitations')).json.items.find(
      (i) => i.id === invitation.id,
    )
    assert.equal(listed.registered_petition, null)
  })

  for (const user of ['shenji', 'zhifa1']) {
    test(`the invitation draft is 403 for ${user}`, async () => {
      const invitation = await accepted()
      const client = await loggedIn(user)

      expectError(
        await client.get(`/api/v1/invitations/${invitation.id}/draft`),
        403,
        'access.forbidden',
      )
    })
  }
})
