// Regions 区镇: list, get, create, update, disable and every rejected write
// (api-contract "Organisation").
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  createRegion,
  DEMO_REGIONS,
  expectError,
  expectNoneNamed,
  expectStatus,
  listAll,
  TEST_SORT_ORDER,
  uniq,
} from './lib.mjs'

const REGION_KEYS = [
  'id',
  'name',
  'sort_order',
  'active',
  'group_id',
  'group_name',
]

let client

before(async () => {
  client = await admin()
})

describe('list', () => {
  test('has the 13 demo regions in seed order with their groups', async () => {
    const res = await client.get('/api/v1/regions')

    expectStatus(res, 200)
    assert.ok(res.json.total >= 13)
    assert.ok(Array.isArray(res.json.items))
    const all = await listAll(client, '/api/v1/regions')
    const demo = all.filter((r) => DEMO_REGIONS.includes(r.name))
    assert.deepEqual(
      demo.map((r) => r.name),
      DEMO_REGIONS,
    )
    assert.deepEqual(
      res.json.items.slice(0, 13).map((r) => r.name),
      DEMO_REGIONS,
    )
    for (const region of demo) {
      assert.deepEqual(Object.keys(region).sort(), [...REGION_KEYS].sort())
      assert.equal(region.active, true)
      assert.ok(Number.isInteger(region.group_id), `${region.name} has a group`)
    }
    assert.equal(demo.find((r) => r.name === '三星镇').group_name, '第二组')
    assert.equal(demo.find((r) => r.name === '余东镇').group_name, '第六组')
  })

  test('is sorted by sort_order', async () => {
    const all = await listAll(client, '/api/v1/regions')

    const orders = all.map((r) => r.sort_order)
    assert.deepEqual(
      orders,
      [...orders].sort((a, b) => a - b),
    )
  })

  test('pages with page and page_size', async () => {
    const first = await client.get('/api/v1/regions?page=1&page_size=5')
    const second = await client.get('/api/v1/regions?page=2&page_size=5')

    expectStatus(first, 200)
    expectStatus(second, 200)
    assert.deepEqual(
      first.json.items.map((r) => r.name),
      DEMO_REGIONS.slice(0, 5),
    )
    assert.deepEqual(
      second.json.items.map((r) => r.name),
      DEMO_REGIONS.slice(5, 10),
    )
    assert.equal(first.json.total, second.json.total)
  })
})

describe('get', () => {
  test('by id returns the region', async () => {
    const [listed] = (await client.get('/api/v1/regions?page_size=1')).json
      .items

    const res = await client.get(`/api/v1/regions/${listed.id}`)

    expectStatus(res, 200)
    assert.deepEqual(res.json, listed)
  })

  test('unknown id is 404 not_found', async () => {
    expectError(await client.get('/api/v1/regions/987654321'), 404, 'not_found')
  })

  test('non-numeric id is 404 or 400, never 500', async () => {
    const res = await client.get('/api/v1/regions/abc')

    assert.ok([400, 404].includes(res.status), `${res.status} ${res.text}`)
    expectError(res, res.status)
  })
})

describe('create', () => {
  test('returns 201 with the new region, then GET finds it', async () => {
    const name = uniq('新区')

    const res = await client.post('/api/v1/regions', {
      name,
      sort_order: TEST_SORT_ORDER,
    })

    expectStatus(res, 201)
    assert.equal(res.json.name, name)
    assert.equal(res.json.sort_order, TEST_SORT_ORDER)
    assert.equal(res.json.active, true)
    assert.equal(res.json.group_id, null)
    assert.equal(res.json.group_name, null)
    assert.deepEqual(
      (await client.get(`/api/v1/regions/${res.json.id}`)).json,
      res.json,
    )
  })

  test('sort_order is optional', async () => {
    const res = await client.post('/api/v1/regions', { name: uniq('无序') })

    expectStatus(res, 201)
    assert.ok(Number.isInteger(res.json.sort_order))
    // Keeps the demo regions first for the ordering checks of a rerun on the
    // same database.
    const moved = await client.patch(`/api/v1/regions/${res.json.id}`, {
      sort_order: TEST_SORT_ORDER,
    })
    expectStatus(moved, 200)
  })

  test('unknown fields are ignored', async () => {
    const res = await client.post('/api/v1/regions', {
      name: uniq('多余'),
      sort_order: TEST_SORT_ORDER,
      colour: 'blue',
    })

    expectStatus(res, 201)
    assert.equal('colour' in res.json, false)
  })

  test('a name of exactly 50 characters is accepted', async () => {
    const name = uniq('长').padEnd(50, '名')

    const res = await client.post('/api/v1/regions', {
      name,
      sort_order: TEST_SORT_ORDER,
    })

    expectStatus(res, 201)
    assert.equal(res.json.name, name)
  })

  test('duplicate name is 409 conflict.duplicate', async () => {
    const res = await client.post('/api/v1/regions', {
      name: '三星镇',
      sort_order: TEST_SORT_ORDER,
    })

    expectError(res, 409, 'conflict.duplicate')
    const all = await listAll(client, '/api/v1/regions')
    assert.equal(all.filter((r) => r.name === '三星镇').length, 1)
  })

  const invalid = [
    [
      'missing name',
      (tag) => ({ sort_order: TEST_SORT_ORDER, x: tag }),
      'name',
      'validation.required',
    ],
    ['name as a number', () => ({ name: 123 }), 'name', 'validation.type'],
    [
      'name as null',
      () => ({ name: null }),
      'name',
      ['validation.required', 'validation.type'],
    ],
    ['name as an array', (tag) => ({ name: [tag] }), 'name', 'validation.type'],
    [
      'empty name',
      () => ({ name: '' }),
      'name',
      ['validation.required', 'validation.invalid'],
    ],
    [
      'blank name',
      () => ({ name: '   ' }),
      'name',
      ['validation.required', 'validation.invalid'],
    ],
    [
      'name of 51 characters',
      (tag) => ({ name: tag.padEnd(51, '长') }),
      'name',
      'validation.too_long',
    ],
    [
      'sort_order as a string',
      (tag) => ({ name: tag, sort_order: 'x' }),
      'sort_order',
      'validation.type',
    ],
    [
      'sort_order as a fraction',
      (tag) => ({ name: tag, sort_order: 1.5 }),
      'sort_order',
      ['validation.type', 'validation.invalid'],
    ],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and creates nothing`, async () => {
      const tag = uniq('坏')

      const res = await client.post('/api/v1/regions', body(tag))

      expectError(res, 400, code, field)
      await expectNoneNamed(client, '/api/v1/regions', tag)
    })
  }
})

describe('update', () => {
  test('PATCH renames and reorders, GET shows the change', async () => {
    const region = await createRegion(client)
    const name = uniq('改名')

    const res = await client.patch(`/api/v1/regions/${region.id}`, {
      name,
      sort_order: TEST_SORT_ORDER + 1,
    })

    expectStatus(res, 200)
    assert.deepEqual(res.json, {
      ...region,
      name,
      sort_order: TEST_SORT_ORDER + 1,
    })
    assert.deepEqual(
      (await client.get(`/api/v1/regions/${region.id}`)).json,
      res.json,
    )
  })

  test('PATCH with only some fields keeps the others', async () => {
    const region = await createRegion(client)

    const res = await client.patch(`/api/v1/regions/${region.id}`, {
      sort_order: 5001,
    })

    expectStatus(res, 200)
    assert.equal(res.json.name, region.name)
    assert.equal(res.json.sort_order, 5001)
  })

  test('disable and enable again', async () => {
    const region = await createRegion(client)

    const off = await client.patch(`/api/v1/regions/${region.id}`, {
      active: false,
    })
    expectStatus(off, 200)
    assert.equal(off.json.active, false)
    assert.equal(
      (await client.get(`/api/v1/regions/${region.id}`)).json.active,
      false,
    )

    const on = await client.patch(`/api/v1/regions/${region.id}`, {
      active: true,
    })
    expectStatus(on, 200)
    assert.equal(on.json.active, true)
  })

  test('unknown id is 404 not_found', async () => {
    const res = await client.patch('/api/v1/regions/987654321', {
      name: uniq('无'),
    })

    expectError(res, 404, 'not_found')
  })

  test('renaming to a taken name is 409 and changes nothing', async () => {
    const region = await createRegion(client)

    const res = await client.patch(`/api/v1/regions/${region.id}`, {
      name: '海门街道',
    })

    expectError(res, 409, 'conflict.duplicate')
    assert.deepEqual(
      (await client.get(`/api/v1/regions/${region.id}`)).json,
      region,
    )
  })

  const invalid = [
    ['name as a number', { name: 123 }, 'name', 'validation.type'],
    [
      'empty name',
      { name: '' },
      'name',
      ['validation.required', 'validation.invalid'],
    ],
    [
      'name of 51 characters',
      { name: '长'.repeat(51) },
      'name',
      'validation.too_long',
    ],
    [
      'sort_order as a string',
      { sort_order: 'x' },
      'sort_order',
      'validation.type',
    ],
    ['active as a string', { active: 'no' }, 'active', 'validation.type'],
    ['active as a number', { active: 0 }, 'active', 'validation.type'],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and changes nothing`, async () => {
      const region = await createRegion(client)

      const res = await client.patch(`/api/v1/regions/${region.id}`, body)

      expectError(res, 400, code, field)
      assert.deepEqual(
        (await client.get(`/api/v1/regions/${region.id}`)).json,
        region,
      )
    })
  }

  test('a valid field beside an invalid one is not applied either', async () => {
    const region = await createRegion(client)

    const res = await client.patch(`/api/v1/regions/${region.id}`, {
      name: uniq('半'),
      sort_order: 'x',
    })

    expectError(res, 400, 'validation.type', 'sort_order')
    assert.deepEqual(
      (await client.get(`/api/v1/regions/${region.id}`)).json,
      region,
    )
  })
})
