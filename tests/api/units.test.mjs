// Units 单位: the demo units of each kind, the kind filter, and
// create/update/disable with their rejected writes (api-contract
// "Organisation").
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  createRegion,
  createUnit,
  DEMO_REGIONS,
  expectError,
  expectNoneNamed,
  expectStatus,
  listAll,
  TEST_SORT_ORDER,
  uniq,
} from './lib.mjs'

const UNIT_KEYS = [
  'id',
  'name',
  'kind',
  'region_id',
  'region_name',
  'sort_order',
  'active',
]
const ENFORCEMENT = [
  '执法一局',
  '执法二局',
  '执法三局',
  '执法四局',
  '执法五局',
  '执法六局',
]

let client

before(async () => {
  client = await admin()
})

describe('list', () => {
  test('has the demo units of each kind', async () => {
    const res = await client.get('/api/v1/units')
    const all = await listAll(client, '/api/v1/units')

    expectStatus(res, 200)
    assert.equal(typeof res.json.total, 'number')
    for (const unit of all) {
      assert.deepEqual(Object.keys(unit).sort(), [...UNIT_KEYS].sort())
    }
    const named = (name) => all.find((u) => u.name === name)
    assert.equal(named('南通市海门生态环境局')?.kind, 'bureau')
    assert.equal(named('信访调处科')?.kind, 'section')
    for (const name of ENFORCEMENT)
      assert.equal(named(name)?.kind, 'enforcement', name)
  })

  test('?kind=enforcement returns the six enforcement bureaus in order', async () => {
    const res = await client.get('/api/v1/units?kind=enforcement&page_size=500')

    expectStatus(res, 200)
    assert.ok(res.json.items.every((u) => u.kind === 'enforcement'))
    const demo = res.json.items.filter((u) => ENFORCEMENT.includes(u.name))
    assert.deepEqual(
      demo.map((u) => u.name),
      ENFORCEMENT,
    )
    assert.equal(res.json.total, res.json.items.length)
  })

  test('?kind=town returns one town unit per demo region, linked to it', async () => {
    const regions = await listAll(client, '/api/v1/regions')

    const towns = await listAll(client, '/api/v1/units?kind=town')

    assert.ok(towns.every((u) => u.kind === 'town'))
    for (const name of DEMO_REGIONS) {
      const region = regions.find((r) => r.name === name)
      const linked = towns.filter((u) => u.region_id === region.id)
      assert.ok(linked.length >= 1, `town unit for ${name}`)
      assert.equal(linked[0].region_name, name)
    }
  })

  test('?kind=bureau and ?kind=section filter too', async () => {
    const bureaus = await listAll(client, '/api/v1/units?kind=bureau')
    const sections = await listAll(client, '/api/v1/units?kind=section')

    assert.ok(bureaus.some((u) => u.name === '南通市海门生态环境局'))
    assert.ok(bureaus.every((u) => u.kind === 'bureau'))
    assert.ok(sections.some((u) => u.name === '信访调处科'))
    assert.ok(sections.every((u) => u.kind === 'section'))
  })

  test('an unknown kind is 400 on kind', async () => {
    expectError(
      await client.get('/api/v1/units?kind=castle'),
      400,
      'validation.invalid',
      'kind',
    )
  })
})

describe('get', () => {
  test('by id returns the unit', async () => {
    const [unit] = (await client.get('/api/v1/units?kind=section')).json.items

    const res = await client.get(`/api/v1/units/${unit.id}`)

    expectStatus(res, 200)
    assert.deepEqual(res.json, unit)
  })

  test('unknown id is 404 not_found', async () => {
    expectError(await client.get('/api/v1/units/987654321'), 404, 'not_found')
  })
})

describe('create', () => {
  for (const kind of ['section', 'enforcement', 'department', 'bureau']) {
    test(`a ${kind} unit`, async () => {
      const name = uniq(`${kind}单位`)

      const res = await client.post('/api/v1/units', {
        name,
        kind,
        sort_order: TEST_SORT_ORDER,
      })

      expectStatus(res, 201)
      assert.equal(res.json.name, name)
      assert.equal(res.json.kind, kind)
      assert.equal(res.json.region_id, null)
      assert.equal(res.json.active, true)
      assert.deepEqual(
        (await client.get(`/api/v1/units/${res.json.id}`)).json,
        res.json,
      )
    })
  }

  test('a town unit with its region', async () => {
    const region = await createRegion(client)

    const res = await client.post('/api/v1/units', {
      name: uniq('镇政府'),
      kind: 'town',
      region_id: region.id,
      sort_order: TEST_SORT_ORDER,
    })

    expectStatus(res, 201)
    assert.equal(res.json.region_id, region.id)
    assert.equal(res.json.region_name, region.name)
  })

  test('duplicate name is 409 conflict.duplicate', async () => {
    const res = await client.post('/api/v1/units', {
      name: '执法一局',
      kind: 'enforcement',
      sort_order: TEST_SORT_ORDER,
    })

    expectError(res, 409, 'conflict.duplicate')
    const all = await listAll(client, '/api/v1/units')
    assert.equal(all.filter((u) => u.name === '执法一局').length, 1)
  })

  const invalid = [
    [
      'missing name',
      () => ({ kind: 'department' }),
      'name',
      'validation.required',
    ],
    ['missing kind', (tag) => ({ name: tag }), 'kind', 'validation.required'],
    [
      'unknown kind',
      (tag) => ({ name: tag, kind: 'castle' }),
      'kind',
      'validation.invalid',
    ],
    [
      'name as a number',
      () => ({ name: 123, kind: 'department' }),
      'name',
      'validation.type',
    ],
    [
      'kind as a number',
      (tag) => ({ name: tag, kind: 3 }),
      'kind',
      'validation.type',
    ],
    [
      'empty name',
      () => ({ name: '', kind: 'department' }),
      'name',
      ['validation.required', 'validation.invalid'],
    ],
    [
      'name of 51 characters',
      (tag) => ({ name: tag.padEnd(51, '长'), kind: 'department' }),
      'name',
      'validation.too_long',
    ],
    [
      'sort_order as a string',
      (tag) => ({ name: tag, kind: 'department', sort_order: 'x' }),
      'sort_order',
      'validation.type',
    ],
    [
      'region_id as a string',
      (tag) => ({ name: tag, kind: 'town', region_id: 'x' }),
      'region_id',
      'validation.type',
    ],
    [
      'town without region',
      (tag) => ({ name: tag, kind: 'town' }),
      'region_id',
      'validation.required',
    ],
    [
      'town with an unknown region',
      (tag) => ({ name: tag, kind: 'town', region_id: 987654321 }),
      'region_id',
      'validation.invalid',
    ],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and creates nothing`, async () => {
      const tag = uniq('坏单位')

      const res = await client.post('/api/v1/units', body(tag))

      expectError(res, 400, code, field)
      await expectNoneNamed(client, '/api/v1/units', tag)
    })
  }
})

describe('update', () => {
  test('PATCH renames, GET shows the change', async () => {
    const unit = await createUnit(client)
    const name = uniq('新名')

    const res = await client.patch(`/api/v1/units/${unit.id}`, { name })

    expectStatus(res, 200)
    assert.deepEqual(res.json, { ...unit, name })
    assert.deepEqual(
      (await client.get(`/api/v1/units/${unit.id}`)).json,
      res.json,
    )
  })

  test('disable', async () => {
    const unit = await createUnit(client)

    const res = await client.patch(`/api/v1/units/${unit.id}`, {
      active: false,
    })

    expectStatus(res, 200)
    assert.equal(res.json.active, false)
    assert.equal(
      (await client.get(`/api/v1/units/${unit.id}`)).json.active,
      false,
    )
  })

  test('unknown id is 404 not_found', async () => {
    expectError(
      await client.patch('/api/v1/units/987654321', { name: uniq('无') }),
      404,
      'not_found',
    )
  })

  test('renaming to a taken name is 409 and changes nothing', async () => {
    const unit = await createUnit(client)

    const res = await client.patch(`/api/v1/units/${unit.id}`, {
      name: '信访调处科',
    })

    expectError(res, 409, 'conflict.duplicate')
    assert.deepEqual((await client.get(`/api/v1/units/${unit.id}`)).json, unit)
  })

  const invalid = [
    ['name as a number', { name: 123 }, 'name', 'validation.type'],
    [
      'empty name',
      { name: '' },
      'name',
      ['validation.required', 'validation.invalid'],
    ],
    ['unknown kind', { kind: 'castle' }, 'kind', 'validation.invalid'],
    ['active as a string', { active: 'yes' }, 'active', 'validation.type'],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and changes nothing`, async () => {
      const unit = await createUnit(client)

      const res = await client.patch(`/api/v1/units/${unit.id}`, body)

      expectError(res, 400, code, field)
      assert.deepEqual(
        (await client.get(`/api/v1/units/${unit.id}`)).json,
        unit,
      )
    })
  }
})
