// Registering petitions (petition-contract "Register"): the created petition,
// its code and deadlines, derived flags and organisation, and every rejected
// field, each a 400 naming the field and leaving nothing behind.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  addDays,
  chinaDate,
  chinaTime,
  expectError,
  expectStatus,
  listAll,
  loggedIn,
  newPetitioner,
  petitionBody,
  registerPetition,
  regionId,
  unitId,
  validIdNumber,
  wrongCheckDigit,
  zhMarker,
} from './lib.mjs'

const CODE = /^XF-(\d{4})-(\d{5})$/

let tiaochu

before(async () => {
  tiaochu = await loggedIn('tiaochu')
})

// Registers with `fields` overriding a valid body; expects 400 naming `field`
// and no petition carrying the body's marker afterwards.
async function expectRejected(fields, code, field) {
  const marker = zhMarker(6)
  const body = await petitionBody(tiaochu, {
    summary: `${marker}拒收`,
    respondent: `${marker}厂`,
    ...fields,
  })

  const res = await tiaochu.post('/api/v1/petitions', body)

  expectError(res, 400, code, field)
  const found = await listAll(
    tiaochu,
    `/api/v1/petitions?q=${encodeURIComponent(marker)}`,
  )
  assert.deepEqual(found, [], 'a rejected registration leaves no petition')
}

describe('a valid registration', () => {
  test('returns 201 with id, code, status registered, version and the request fields', async () => {
    const body = await petitionBody(tiaochu, {
      channel: 'letter',
      source: 'hotline',
      content_type: 'suggestion',
      legal_category: 'suggestion',
      pollution_type: 'water',
      people_count: 2,
      petitioners: [
        newPetitioner({ representative: true }),
        newPetitioner({ representative: false }),
      ],
    })

    const res = await tiaochu.post('/api/v1/petitions', body)

    expectStatus(res, 201)
    const p = res.json
    assert.ok(Number.isInteger(p.id))
    assert.match(p.code, CODE)
    assert.equal(p.status, 'registered')
    assert.ok(Number.isInteger(p.version))
    for (const key of [
      'channel',
      'source',
      'level',
      'content_type',
      'legal_category',
      'pollution_type',
      'location',
      'respondent',
      'summary',
      'demand',
      'people_count',
    ]) {
      assert.equal(p[key], body[key], key)
    }
    assert.equal(Date.parse(p.received_at), Date.parse(body.received_at))
    assert.equal(p.region.id, body.region_id)
    assert.equal(p.region.name, '海门开发区')
    assert.equal(p.petitioners.length, 2)
    assert.deepEqual(
      p.petitioners.map((x) => x.representative),
      [true, false],
    )
    assert.equal(p.assignment, null)
    assert.equal(p.reply, null)
    assert.equal(
      p.timeline.length,
      1,
      'registration is the first timeline entry',
    )
  })

  test('the region sets group, leader and responsible enforcement bureau', async () => {
    const kaifa = await registerPetition(tiaochu)
    const sanxing = await registerPetition(tiaochu, {
      region_id: await regionId(tiaochu, '三星镇'),
    })

    assert.equal(kaifa.group.name, '第一组')
    assert.equal(kaifa.leader.name, '钱向东')
    assert.equal(kaifa.responsible_unit.name, '执法一局')
    assert.equal(kaifa.responsible_unit.id, await unitId(tiaochu, '执法一局'))
    assert.equal(sanxing.group.name, '第二组')
    assert.equal(sanxing.leader.name, '龚雪松')
    assert.equal(sanxing.responsible_unit.name, '执法二局')
  })

  test('code is XF-<year received>-<5 digits> and the detail reads back the same', async () => {
    const old = await registerPetition(tiaochu, {
      received_at: '2023-09-20T09:30:00+08:00',
    })
    const recent = await registerPetition(tiaochu)

    assert.equal(CODE.exec(old.code)[1], '2023')
    assert.equal(CODE.exec(recent.code)[1], recent.body.received_at.slice(0, 4))
    const again = (await tiaochu.get(`/api/v1/petitions/${old.id}`)).json
    assert.equal(again.code, old.code)
    assert.equal(again.version, old.version)
  })

  test('the acceptance notice of a petition received 2023-09-20 is due 2023-10-07 (after National Day)', async () => {
    const p = await registerPetition(tiaochu, {
      received_at: '2023-09-20T09:30:00+08:00',
    })

    const acceptance = p.deadlines.find((d) => d.kind === 'acceptance')
    assert.ok(acceptance, JSON.stringify(p.deadlines))
    assert.equal(acceptance.due, '2023-10-07')
    assert.equal(acceptance.statutory, true)
    assert.equal(acceptance.met, false)
    assert.equal(acceptance.overdue, true, 'computed from today’s clock')
  })

  test('a fresh petition is due for acceptance in 15 days and not overdue', async () => {
    const p = await registerPetition(tiaochu)

    const acceptance = p.deadlines.find((d) => d.kind === 'acceptance')
    assert.ok(acceptance.due >= addDays(chinaDate(), 15))
    assert.ok(acceptance.due <= addDays(chinaDate(), 25))
    assert.equal(acceptance.overdue, false)
  })

  test('20 concurrent registrations get 20 distinct codes of one yearly sequence', async () => {
    const date = chinaDate(-1)
    const bodies = await Promise.all(
      Array.from({ length: 20 }, () =>
        petitionBody(tiaochu, { received_at: chinaTime(date, '10:00') }),
      ),
    )

    const results = await Promise.all(
      bodies.map((b) => tiaochu.post('/api/v1/petitions', b)),
    )

    for (const res of results) expectStatus(res, 201, 'concurrent registration')
    const codes = results.map((r) => r.json.code)
    assert.equal(new Set(codes).size, 20, codes.join(' '))
    for (const code of codes) assert.equal(CODE.exec(code)[1], date.slice(0, 4))
    const ids = results.map((r) => r.json.id)
    assert.equal(new Set(ids).size, 20)
  })

  test('level above 区级 sets level_skipping by itself; collective and litigation are kept', async () => {
    const provincial = await registerPetition(tiaochu, { level: 'provincial' })
    const district = await registerPetition(tiaochu, { level: 'district' })
    const group = await registerPetition(tiaochu, {
      flags: ['collective', 'litigation'],
      people_count: 6,
    })

    assert.ok(provincial.flags.includes('level_skipping'))
    assert.ok(!district.flags.includes('level_skipping'))
    assert.ok(group.flags.includes('collective'))
    assert.ok(group.flags.includes('litigation'))
    assert.ok(!group.flags.includes('repeat'))
  })

  test('the respondent may be omitted', async () => {
    const body = await petitionBody(tiaochu)
    delete body.respondent

    const res = await tiaochu.post('/api/v1/petitions', body)

    expectStatus(res, 201)
  })

  test('an ID number ending in X and a landline are accepted', async () => {
    let id = validIdNumber()
    while (id[17] !== 'X') id = validIdNumber()

    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu, {
        petitioners: [newPetitioner({ id_number: id, phone: '0513-82212345' })],
      }),
    )

    expectStatus(res, 201)
  })
})

describe('who may register', () => {
  for (const user of ['liuhuajun', 'zhifa1', 'sanxing', 'shenji']) {
    test(`${user} gets 403 and nothing is created`, async () => {
      const client = await loggedIn(user)
      const marker = zhMarker(6)

      const res = await client.post(
        '/api/v1/petitions',
        await petitionBody(tiaochu, { summary: `${marker}无权登记` }),
      )

      expectError(res, 403, 'access.forbidden')
      assert.deepEqual(
        await listAll(
          tiaochu,
          `/api/v1/petitions?q=${encodeURIComponent(marker)}`,
        ),
        [],
      )
    })
  }

  test('admin may register', async () => {
    const admin = await loggedIn('admin')

    const res = await admin.post('/api/v1/petitions', await petitionBody(admin))

    expectStatus(res, 201)
  })

  test('without the CSRF header the registration is 403 csrf.invalid', async () => {
    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu),
      { csrf: false },
    )

    expectError(res, 403, 'csrf.invalid')
  })
})

describe('validation', () => {
  test('a wrong GB 11643 check digit → 400 validation.id_number on petitioners[0].id_number', async () => {
    await expectRejected(
      {
        petitioners: [
          newPetitioner({ id_number: wrongCheckDigit(validIdNumber()) }),
        ],
      },
      'validation.id_number',
      'petitioners[0].id_number',
    )
  })

  test('the second petitioner is named by its index', async () => {
    await expectRejected(
      {
        people_count: 2,
        petitioners: [
          newPetitioner(),
          newPetitioner({
            representative: false,
            id_number: wrongCheckDigit(validIdNumber()),
          }),
        ],
      },
      'validation.id_number',
      'petitioners[1].id_number',
    )
  })

  test('an ID number of the wrong length or with letters → 400', async () => {
    await expectRejected(
      { petitioners: [newPetitioner({ id_number: '32068419800101123' })] },
      'validation.id_number',
      'petitioners[0].id_number',
    )
    await expectRejected(
      { petitioners: [newPetitioner({ id_number: '3206841980010112AB' })] },
      'validation.id_number',
      'petitioners[0].id_number',
    )
  })

  for (const phone of [
    '+852 9123 4567',
    '85291234567',
    '12345',
    '2345678901234',
    '1381234567a',
  ]) {
    test(`phone "${phone}" (not a mainland number) → 400 validation.phone`, async () => {
      await expectRejected(
        { petitioners: [newPetitioner({ phone })] },
        'validation.phone',
        'petitioners[0].phone',
      )
    })
  }

  test('an unknown region → 400 on region_id', async () => {
    await expectRejected({ region_id: 987654321 }, undefined, 'region_id')
  })

  test('received_at in the future → 400 validation.future on received_at', async () => {
    await expectRejected(
      { received_at: chinaTime(chinaDate(2)) },
      'validation.future',
      'received_at',
    )
  })

  test('received_at that is not RFC 3339 → 400 on received_at', async () => {
    await expectRejected(
      { received_at: '2023/09/20 09:30' },
      undefined,
      'received_at',
    )
  })

  for (const [field, value] of [
    ['channel', 'fax'],
    ['source', 'rumour'],
    ['level', 'county'],
    ['content_type', 'praise'],
    ['legal_category', 'complaint'],
    ['pollution_type', 'light'],
  ]) {
    test(`${field} "${value}" outside its vocabulary → 400 on ${field}`, async () => {
      await expectRejected({ [field]: value }, undefined, field)
    })
  }

  test('an unknown flag → 400 on flags', async () => {
    const res = await tiaochu.post(
      '/api/v1/petitions',
      await petitionBody(tiaochu, { flags: ['urgent'] }),
    )

    expectError(res, 400)
    assert.match(res.json.error.field ?? '', /^flags/)
  })

  test('a group petition without a representative → 400 validation.representative', async () => {
    await expectRejected(
      {
        people_count: 2,
        petitioners: [
          newPetitioner({ representative: false }),
          newPetitioner({ representative: false }),
        ],
      },
      'validation.representative',
    )
  })

  test('a group petition with two representatives → 400 validation.representative', async () => {
    await expectRejected(
      {
        people_count: 2,
        petitioners: [newPetitioner(), newPetitioner()],
      },
      'validation.representative',
    )
  })

  test('one petitioner for five or more people, no representative → 400 validation.representative', async () => {
    await expectRejected(
      {
        people_count: 8,
        petitioners: [newPetitioner({ representative: false })],
      },
      'validation.representative',
    )
  })

  test('summary missing, empty or over 200 characters → 400 on summary', async () => {
    const body = await petitionBody(tiaochu)
    delete body.summary
    expectError(
      await tiaochu.post('/api/v1/petitions', body),
      400,
      'validation.required',
      'summary',
    )
    await expectRejected({ summary: '' }, undefined, 'summary')
    const marker = zhMarker(6)
    const long = await petitionBody(tiaochu, {
      summary: marker + '长'.repeat(201),
    })
    expectError(
      await tiaochu.post('/api/v1/petitions', long),
      400,
      'validation.too_long',
      'summary',
    )
  })

  test('demand over 2000 and location over 200 characters → 400 naming the field', async () => {
    await expectRejected(
      { demand: '诉'.repeat(2001) },
      'validation.too_long',
      'demand',
    )
    await expectRejected(
      { location: '址'.repeat(201) },
      'validation.too_long',
      'location',
    )
    await expectRejected({ location: '' }, undefined, 'location')
  })

  test('people_count 0 or 10001 → 400 on people_count', async () => {
    await expectRejected({ people_count: 0 }, undefined, 'people_count')
    await expectRejected({ people_count: 10001 }, undefined, 'people_count')
  })

  test('no petitioners, or a petitioner without a name → 400', async () => {
    await expectRejected({ petitioners: [] }, undefined, 'petitioners')
    await expectRejected(
      { petitioners: [newPetitioner({ name: '' })] },
      undefined,
      'petitioners[0].name',
    )
    await expectRejected(
      { petitioners: [newPetitioner({ name: '名'.repeat(31) })] },
      undefined,
      'petitioners[0].name',
    )
  })

  test('a region_id of the wrong type → 400 validation.type', async () => {
    await expectRejected(
      { region_id: '海门开发区' },
      'validation.type',
      'region_id',
    )
  })
})
