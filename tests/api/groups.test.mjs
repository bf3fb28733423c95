// Groups 包案小组: the six demo groups of seed §四(二), the
// one-active-group-per-region rule, and create/update/disable with their
// rejected writes (api-contract "Organisation").
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  createGroup,
  createRegion,
  expectError,
  expectNoneNamed,
  expectStatus,
  freeGroupNumber,
  leaderIdByName,
  listAll,
  uniq,
  unitIdByName,
} from './lib.mjs'

const GROUP_KEYS = [
  'id',
  'number',
  'name',
  'leader',
  'unit',
  'regions',
  'active',
]
const SEED_GROUPS = [
  [1, '第一组', '钱向东', '执法一局', ['海门开发区', '海门街道', '江心沙农场']],
  [2, '第二组', '龚雪松', '执法二局', ['三星镇']],
  [3, '第三组', '许正娟', '执法三局', ['海门港新区', '正余镇']],
  [4, '第四组', '施波', '执法四局', ['三厂工业园区', '临江新区', '海永镇']],
  [5, '第五组', '杨杰', '执法五局', ['悦来镇', '常乐镇']],
  [6, '第六组', '王向阳', '执法六局', ['四甲镇', '余东镇']],
]

let client
let regionIds

before(async () => {
  client = await admin()
  regionIds = Object.fromEntries(
    (await listAll(client, '/api/v1/regions')).map((r) => [r.name, r.id]),
  )
})

async function validBody(fields = {}) {
  return {
    number: await freeGroupNumber(client),
    name: uniq('组'),
    leader_id: await leaderIdByName(client, '杨杰'),
    unit_id: await unitIdByName(client, '执法五局'),
    region_ids: [(await createRegion(client)).id],
    ...fields,
  }
}

describe('list', () => {
  test('has the six groups of the seed, ordered by number', async () => {
    const res = await client.get('/api/v1/groups')

    expectStatus(res, 200)
    assert.ok(res.json.total >= 6)
    const numbers = res.json.items.map((g) => g.number)
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    )
    const demo = res.json.items.filter((g) => g.number >= 1 && g.number <= 6)
    assert.equal(demo.length, 6)
    for (const group of demo) {
      assert.deepEqual(Object.keys(group).sort(), [...GROUP_KEYS].sort())
      assert.equal(group.active, true)
      assert.ok(
        Number.isInteger(group.leader.id) && Number.isInteger(group.unit.id),
      )
    }
    const actual = demo.map((g) => [
      g.number,
      g.name,
      g.leader.name,
      g.unit.name,
      g.regions.map((r) => r.name).sort(),
    ])
    const expected = SEED_GROUPS.map(([n, name, leader, unit, regions]) => [
      n,
      name,
      leader,
      unit,
      [...regions].sort(),
    ])
    assert.deepEqual(actual, expected)
  })

  test('each demo group region points back to its group', async () => {
    const groups = await listAll(client, '/api/v1/groups')
    const regions = await listAll(client, '/api/v1/regions')

    for (const group of groups.filter((g) => g.number <= 6)) {
      for (const { id, name } of group.regions) {
        const region = regions.find((r) => r.id === id)
        assert.equal(region.name, name)
        assert.equal(region.group_id, group.id)
        assert.equal(region.group_name, group.name)
      }
    }
  })
})

describe('get', () => {
  test('by id returns the group', async () => {
    const [group] = (await client.get('/api/v1/groups?page_size=1')).json.items

    const res = await client.get(`/api/v1/groups/${group.id}`)

    expectStatus(res, 200)
    assert.deepEqual(res.json, group)
  })

  test('unknown id is 404 not_found', async () => {
    expectError(await client.get('/api/v1/groups/987654321'), 404, 'not_found')
  })
})

describe('create', () => {
  test('returns 201 and the region now belongs to the group', async () => {
    const body = await validBody()

    const res = await client.post('/api/v1/groups', body)

    expectStatus(res, 201)
    assert.equal(res.json.number, body.number)
    assert.equal(res.json.name, body.name)
    assert.deepEqual(res.json.leader, { id: body.leader_id, name: '杨杰' })
    assert.deepEqual(res.json.unit, { id: body.unit_id, name: '执法五局' })
    assert.deepEqual(
      res.json.regions.map((r) => r.id),
      body.region_ids,
    )
    assert.equal(res.json.active, true)
    assert.deepEqual(
      (await client.get(`/api/v1/groups/${res.json.id}`)).json,
      res.json,
    )
    const region = (await client.get(`/api/v1/regions/${body.region_ids[0]}`))
      .json
    assert.equal(region.group_id, res.json.id)
    assert.equal(region.group_name, body.name)
  })

  test('the leader lists the new group in group_ids', async () => {
    const group = await createGroup(client)

    const leader = await client.get(`/api/v1/leaders/${group.leader.id}`)

    assert.ok(leader.json.group_ids.includes(group.id))
  })

  test('a region in another active group is 409 conflict.region_taken', async () => {
    const body = await validBody({ region_ids: [regionIds['三星镇']] })

    const res = await client.post('/api/v1/groups', body)

    expectError(res, 409, 'conflict.region_taken')
    await expectNoneNamed(client, '/api/v1/groups', body.name)
    const region = (await client.get(`/api/v1/regions/${regionIds['三星镇']}`))
      .json
    assert.equal(region.group_name, '第二组')
  })

  test('duplicate name is 409 conflict.duplicate', async () => {
    const body = await validBody({ name: '第一组' })

    const res = await client.post('/api/v1/groups', body)

    expectError(res, 409, 'conflict.duplicate')
    const groups = await listAll(client, '/api/v1/groups')
    assert.equal(groups.filter((g) => g.name === '第一组').length, 1)
  })

  test('duplicate number is 409 conflict.duplicate', async () => {
    const body = await validBody({ number: 3 })

    const res = await client.post('/api/v1/groups', body)

    expectError(res, 409, 'conflict.duplicate')
    await expectNoneNamed(client, '/api/v1/groups', body.name)
  })

  const invalid = [
    ['missing number', { number: undefined }, 'number', 'validation.required'],
    ['number as a string', { number: 'x' }, 'number', 'validation.type'],
    ['number 0', { number: 0 }, 'number', 'validation.invalid'],
    ['number 100', { number: 100 }, 'number', 'validation.invalid'],
    ['missing name', { name: undefined }, 'name', 'validation.required'],
    ['name as a number', { name: 123 }, 'name', 'validation.type'],
    [
      'missing leader_id',
      { leader_id: undefined },
      'leader_id',
      'validation.required',
    ],
    [
      'unknown leader',
      { leader_id: 987654321 },
      'leader_id',
      'validation.invalid',
    ],
    [
      'leader_id as a string',
      { leader_id: '1' },
      'leader_id',
      'validation.type',
    ],
    [
      'missing unit_id',
      { unit_id: undefined },
      'unit_id',
      'validation.required',
    ],
    ['unknown unit', { unit_id: 987654321 }, 'unit_id', 'validation.invalid'],
    [
      'region_ids not an array',
      { region_ids: 5 },
      'region_ids',
      'validation.type',
    ],
    [
      'region_ids holding text',
      { region_ids: ['x'] },
      'region_ids',
      'validation.type',
    ],
    [
      'an unknown region',
      { region_ids: [987654321] },
      'region_ids',
      'validation.invalid',
    ],
  ]
  for (const [what, fields, field, code] of invalid) {
    test(`${what} is 400 on ${field} and creates nothing`, async () => {
      const body = await validBody()
      const [tag, regionId] = [body.name, body.region_ids[0]]
      Object.assign(body, fields)

      const res = await client.post(
        '/api/v1/groups',
        JSON.parse(JSON.stringify(body)),
      )

      expectError(res, 400, code, field)
      await expectNoneNamed(client, '/api/v1/groups', tag)
      assert.equal(
        (await client.get(`/api/v1/regions/${regionId}`)).json.group_id,
        null,
      )
    })
  }

  test('a unit that is not an enforcement bureau is 400 on unit_id', async () => {
    const body = await validBody({
      unit_id: await unitIdByName(client, '信访调处科'),
    })

    const res = await client.post('/api/v1/groups', body)

    expectError(res, 400, 'validation.invalid', 'unit_id')
    await expectNoneNamed(client, '/api/v1/groups', body.name)
  })
})

describe('update', () => {
  test('PATCH renames and changes regions; the dropped region is free again', async () => {
    const group = await createGroup(client)
    const added = await createRegion(client)
    const name = uniq('改组')

    const res = await client.patch(`/api/v1/groups/${group.id}`, {
      name,
      region_ids: [added.id],
    })

    expectStatus(res, 200)
    assert.equal(res.json.name, name)
    assert.deepEqual(res.json.regions, [{ id: added.id, name: added.name }])
    const dropped = (await client.get(`/api/v1/regions/${group.regions[0].id}`))
      .json
    assert.equal(dropped.group_id, null)
  })

  test('adding a region of another active group is 409 and changes nothing', async () => {
    const group = await createGroup(client)

    const res = await client.patch(`/api/v1/groups/${group.id}`, {
      region_ids: [group.regions[0].id, regionIds['余东镇']],
    })

    expectError(res, 409, 'conflict.region_taken')
    assert.deepEqual(
      (await client.get(`/api/v1/groups/${group.id}`)).json,
      group,
    )
  })

  test('disabling a group frees its regions for a new group', async () => {
    const group = await createGroup(client)

    const off = await client.patch(`/api/v1/groups/${group.id}`, {
      active: false,
    })
    expectStatus(off, 200)
    assert.equal(off.json.active, false)

    const again = await createGroup(client, {
      region_ids: [group.regions[0].id],
    })
    assert.deepEqual(
      again.regions.map((r) => r.id),
      [group.regions[0].id],
    )
  })

  test('enabling a group whose region was taken meanwhile is 409', async () => {
    const group = await createGroup(client)
    expectStatus(
      await client.patch(`/api/v1/groups/${group.id}`, { active: false }),
      200,
    )
    await createGroup(client, { region_ids: [group.regions[0].id] })

    const res = await client.patch(`/api/v1/groups/${group.id}`, {
      active: true,
    })

    expectError(res, 409, 'conflict.region_taken')
    assert.equal(
      (await client.get(`/api/v1/groups/${group.id}`)).json.active,
      false,
    )
  })

  test('unknown id is 404 not_found', async () => {
    expectError(
      await client.patch('/api/v1/groups/987654321', { name: uniq('无') }),
      404,
      'not_found',
    )
  })

  const invalid = [
    ['name as a number', { name: 123 }, 'name', 'validation.type'],
    ['number as a string', { number: 'x' }, 'number', 'validation.type'],
    ['active as a string', { active: 'false' }, 'active', 'validation.type'],
    [
      'unknown leader',
      { leader_id: 987654321 },
      'leader_id',
      'validation.invalid',
    ],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and changes nothing`, async () => {
      const group = await createGroup(client)

      const res = await client.patch(`/api/v1/groups/${group.id}`, body)

      expectError(res, 400, code, field)
      assert.deepEqual(
        (await client.get(`/api/v1/groups/${group.id}`)).json,
        group,
      )
    })
  }
})
