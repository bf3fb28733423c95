// Leaders 局领导: the seven demo leaders and create/update/disable with their
// rejected writes (api-contract "Organisation").
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  createLeader,
  expectError,
  expectNoneNamed,
  expectStatus,
  listAll,
  TEST_SORT_ORDER,
  uniq,
} from './lib.mjs'

const LEADER_KEYS = [
  'id',
  'name',
  'title',
  'group_role',
  'sort_order',
  'active',
  'group_ids',
]
const DEMO_LEADERS = [
  '刘华军',
  '钱向东',
  '龚雪松',
  '许正娟',
  '施波',
  '杨杰',
  '王向阳',
]

let client

before(async () => {
  client = await admin()
})

describe('list', () => {
  test('has the seven demo leaders in order with titles and group roles', async () => {
    const res = await client.get('/api/v1/leaders')
    const all = await listAll(client, '/api/v1/leaders')

    expectStatus(res, 200)
    assert.ok(res.json.total >= 7)
    const demo = all.filter((l) => DEMO_LEADERS.includes(l.name))
    assert.deepEqual(
      demo.map((l) => l.name),
      DEMO_LEADERS,
    )
    assert.deepEqual(
      res.json.items.slice(0, 7).map((l) => l.name),
      DEMO_LEADERS,
    )
    for (const leader of demo) {
      assert.deepEqual(Object.keys(leader).sort(), [...LEADER_KEYS].sort())
      assert.equal(leader.active, true)
      assert.ok(Array.isArray(leader.group_ids))
    }
    assert.equal(demo[0].title, '局长')
    assert.equal(demo[0].group_role, 'head')
    for (const deputy of demo.slice(1)) {
      assert.equal(deputy.title, '副局长', deputy.name)
      assert.equal(deputy.group_role, 'deputy', deputy.name)
    }
  })

  test("each deputy's group_ids name the group the seed gives them", async () => {
    const groups = await listAll(client, '/api/v1/groups')
    const leaders = await listAll(client, '/api/v1/leaders')

    for (const [number, name] of [
      [1, '钱向东'],
      [2, '龚雪松'],
      [3, '许正娟'],
      [4, '施波'],
      [5, '杨杰'],
      [6, '王向阳'],
    ]) {
      const group = groups.find((g) => g.number === number)
      const leader = leaders.find((l) => l.name === name)
      assert.ok(
        leader.group_ids.includes(group.id),
        `${name} in group ${number}`,
      )
    }
  })
})

describe('get', () => {
  test('by id returns the leader', async () => {
    const [leader] = (await client.get('/api/v1/leaders?page_size=1')).json
      .items

    const res = await client.get(`/api/v1/leaders/${leader.id}`)

    expectStatus(res, 200)
    assert.deepEqual(res.json, leader)
  })

  test('unknown id is 404 not_found', async () => {
    expectError(await client.get('/api/v1/leaders/987654321'), 404, 'not_found')
  })
})

describe('create', () => {
  test('returns 201 with the new leader, then GET finds it', async () => {
    const name = uniq('新领导')

    const res = await client.post('/api/v1/leaders', {
      name,
      title: '副局长',
      group_role: 'deputy',
      sort_order: TEST_SORT_ORDER,
    })

    expectStatus(res, 201)
    assert.equal(res.json.name, name)
    assert.equal(res.json.title, '副局长')
    assert.equal(res.json.group_role, 'deputy')
    assert.equal(res.json.active, true)
    assert.deepEqual(res.json.group_ids, [])
    assert.deepEqual(
      (await client.get(`/api/v1/leaders/${res.json.id}`)).json,
      res.json,
    )
  })

  test('group_role may be null', async () => {
    const res = await client.post('/api/v1/leaders', {
      name: uniq('顾问'),
      title: '调研员',
      group_role: null,
      sort_order: TEST_SORT_ORDER,
    })

    expectStatus(res, 201)
    assert.equal(res.json.group_role, null)
  })

  test('duplicate name is 409 conflict.duplicate', async () => {
    const res = await client.post('/api/v1/leaders', {
      name: '施波',
      title: '副局长',
      group_role: 'deputy',
      sort_order: TEST_SORT_ORDER,
    })

    expectError(res, 409, 'conflict.duplicate')
    const all = await listAll(client, '/api/v1/leaders')
    assert.equal(all.filter((l) => l.name === '施波').length, 1)
  })

  const invalid = [
    [
      'missing name',
      () => ({ title: '副局长' }),
      'name',
      'validation.required',
    ],
    [
      'name as a number',
      () => ({ name: 123, title: '副局长' }),
      'name',
      'validation.type',
    ],
    [
      'empty name',
      () => ({ name: '', title: '副局长' }),
      'name',
      ['validation.required', 'validation.invalid'],
    ],
    [
      'name of 51 characters',
      (tag) => ({ name: tag.padEnd(51, '长'), title: '副局长' }),
      'name',
      'validation.too_long',
    ],
    [
      'title as a number',
      (tag) => ({ name: tag, title: 7 }),
      'title',
      'validation.type',
    ],
    [
      'unknown group_role',
      (tag) => ({ name: tag, title: '副局长', group_role: 'boss' }),
      'group_role',
      'validation.invalid',
    ],
    [
      'sort_order as a string',
      (tag) => ({ name: tag, title: '副局长', sort_order: 'x' }),
      'sort_order',
      'validation.type',
    ],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and creates nothing`, async () => {
      const tag = uniq('坏领导')

      const res = await client.post('/api/v1/leaders', body(tag))

      expectError(res, 400, code, field)
      await expectNoneNamed(client, '/api/v1/leaders', tag)
    })
  }
})

describe('update', () => {
  test('PATCH changes title and group role, GET shows the change', async () => {
    const leader = await createLeader(client)

    const res = await client.patch(`/api/v1/leaders/${leader.id}`, {
      title: '局长',
      group_role: 'head',
    })

    expectStatus(res, 200)
    assert.deepEqual(res.json, { ...leader, title: '局长', group_role: 'head' })
    assert.deepEqual(
      (await client.get(`/api/v1/leaders/${leader.id}`)).json,
      res.json,
    )
  })

  test('disable', async () => {
    const leader = await createLeader(client)

    const res = await client.patch(`/api/v1/leaders/${leader.id}`, {
      active: false,
    })

    expectStatus(res, 200)
    assert.equal(res.json.active, false)
    assert.equal(
      (await client.get(`/api/v1/leaders/${leader.id}`)).json.active,
      false,
    )
  })

  test('unknown id is 404 not_found', async () => {
    expectError(
      await client.patch('/api/v1/leaders/987654321', { title: '局长' }),
      404,
      'not_found',
    )
  })

  test('renaming to a taken name is 409 and changes nothing', async () => {
    const leader = await createLeader(client)

    const res = await client.patch(`/api/v1/leaders/${leader.id}`, {
      name: '杨杰',
    })

    expectError(res, 409, 'conflict.duplicate')
    assert.deepEqual(
      (await client.get(`/api/v1/leaders/${leader.id}`)).json,
      leader,
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
      'unknown group_role',
      { group_role: 'boss' },
      'group_role',
      'validation.invalid',
    ],
    [
      'sort_order as text',
      { sort_order: '1' },
      'sort_order',
      'validation.type',
    ],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and changes nothing`, async () => {
      const leader = await createLeader(client)

      const res = await client.patch(`/api/v1/leaders/${leader.id}`, body)

      expectError(res, 400, code, field)
      assert.deepEqual(
        (await client.get(`/api/v1/leaders/${leader.id}`)).json,
        leader,
      )
    })
  }
})
