// The audit trail (api-contract "Audit"): every write is recorded with who,
// what and the changed fields, newest first, filterable and paged; rejected
// writes leave no row; rows cannot be changed.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  Client,
  createGroup,
  createLeader,
  createRegion,
  createUnit,
  createUser,
  expectError,
  expectStatus,
  loggedIn,
  uniq,
} from './lib.mjs'

const AUDIT_KEYS = [
  'id',
  'at',
  'user_id',
  'username',
  'action',
  'entity',
  'entity_id',
  'changes',
  'hash',
]

let client
let adminId

before(async () => {
  client = await admin()
  adminId = client.user.id
})

async function auditOf(entity, entityId, extra = '') {
  const res = await client.get(
    `/api/v1/audit?entity=${entity}&entity_id=${entityId}${extra}`,
  )
  expectStatus(res, 200, 'audit')
  return res.json
}

function expectRow(
  row,
  { action, entity, entityId, userId = adminId, username = 'admin' },
) {
  assert.deepEqual(Object.keys(row).sort(), [...AUDIT_KEYS].sort())
  assert.equal(row.action, action)
  assert.equal(row.entity, entity)
  assert.equal(row.entity_id, entityId)
  assert.equal(row.user_id, userId)
  assert.equal(row.username, username)
  assert.match(row.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/)
  assert.equal(typeof row.hash, 'string')
  assert.ok(row.hash.length >= 16)
  assert.equal(typeof row.changes, 'object')
}

describe('writes are recorded', () => {
  test('creating and updating a region: two rows, newest first, with old and new values', async () => {
    const region = await createRegion(client)
    const name = uniq('审计')
    expectStatus(
      await client.patch(`/api/v1/regions/${region.id}`, { name }),
      200,
    )

    const { items, total } = await auditOf('region', region.id)

    assert.equal(total, 2)
    assert.deepEqual(
      items.map((r) => r.action),
      ['update', 'create'],
    )
    expectRow(items[0], {
      action: 'update',
      entity: 'region',
      entityId: region.id,
    })
    expectRow(items[1], {
      action: 'create',
      entity: 'region',
      entityId: region.id,
    })
    assert.deepEqual(items[0].changes, { name: [region.name, name] })
    assert.deepEqual(items[1].changes.name, [null, region.name])
    assert.ok(items[0].id > items[1].id)
  })

  test('disabling is recorded as a change of active', async () => {
    const region = await createRegion(client)
    expectStatus(
      await client.patch(`/api/v1/regions/${region.id}`, { active: false }),
      200,
    )

    const [latest] = (await auditOf('region', region.id)).items

    assert.deepEqual(latest.changes, { active: [true, false] })
  })

  const creators = {
    unit: createUnit,
    leader: createLeader,
    group: createGroup,
    user: createUser,
  }
  for (const [entity, create] of Object.entries(creators)) {
    test(`creating a ${entity} is recorded`, async () => {
      const row = await create(client)

      const { items } = await auditOf(entity, row.id)

      assert.equal(items.length, 1)
      expectRow(items[0], { action: 'create', entity, entityId: row.id })
      const key = entity === 'user' ? 'username' : 'name'
      assert.deepEqual(items[0].changes[key], [null, row[key]])
    })

    test(`updating a ${entity} is recorded`, async () => {
      const row = await create(client)
      const [field, value] =
        entity === 'user' ? ['display_name', uniq('新')] : ['name', uniq('新')]
      expectStatus(
        await client.patch(`/api/v1/${entity}s/${row.id}`, { [field]: value }),
        200,
      )

      const { items } = await auditOf(entity, row.id)

      assert.deepEqual(
        items.map((r) => r.action),
        ['update', 'create'],
      )
      assert.deepEqual(items[0].changes, { [field]: [row[field], value] })
    })
  }

  test('a password change is recorded without the password', async () => {
    const user = await createUser(client)
    const secret = 'Secret-Passw0rd-99'
    expectStatus(
      await client.patch(`/api/v1/users/${user.id}`, { password: secret }),
      200,
    )

    const res = await client.get(
      `/api/v1/audit?entity=user&entity_id=${user.id}`,
    )

    assert.equal(res.json.items[0].action, 'update')
    assert.ok(!res.text.includes(secret), 'new password not in the audit')
    assert.ok(
      !res.text.includes(user.password),
      'initial password not in the audit',
    )
  })

  test('login and logout are recorded for the session user', async () => {
    const user = await createUser(client)
    const session = await loggedIn(user.username, user.password)
    expectStatus(await session.del('/api/v1/session'), 204)

    const res = await client.get(`/api/v1/audit?user_id=${user.id}`)

    expectStatus(res, 200)
    const actions = res.json.items.map((r) => r.action)
    assert.deepEqual(actions, ['logout', 'login'])
    for (const row of res.json.items) {
      assert.equal(row.entity, 'session')
      assert.equal(row.user_id, user.id)
      assert.equal(row.username, user.username)
    }
  })

  test('user_id filters by the acting user', async () => {
    const user = await createUser(client, { role: 'admin' })
    const other = await loggedIn(user.username, user.password)
    const region = await createRegion(other)

    const res = await client.get(`/api/v1/audit?user_id=${user.id}`)

    expectStatus(res, 200)
    assert.ok(res.json.items.every((r) => r.user_id === user.id))
    const created = res.json.items.find((r) => r.entity === 'region')
    expectRow(created, {
      action: 'create',
      entity: 'region',
      entityId: region.id,
      userId: user.id,
      username: user.username,
    })
  })
})

describe('rejected writes leave no row', () => {
  test('a 400, a 409 and a 403 on a region add nothing to its audit', async () => {
    const region = await createRegion(client)

    expectStatus(
      await client.patch(`/api/v1/regions/${region.id}`, { name: 123 }),
      400,
    )
    expectStatus(
      await client.patch(`/api/v1/regions/${region.id}`, { name: '三星镇' }),
      409,
    )
    expectStatus(
      await client.patch(
        `/api/v1/regions/${region.id}`,
        { name: uniq('x') },
        { csrf: false },
      ),
      403,
    )

    const { items } = await auditOf('region', region.id)
    assert.deepEqual(
      items.map((r) => r.action),
      ['create'],
    )
  })
})

describe('reading', () => {
  test('pages newest first with page and page_size', async () => {
    const region = await createRegion(client)
    for (const order of [5001, 5002, 5003]) {
      expectStatus(
        await client.patch(`/api/v1/regions/${region.id}`, {
          sort_order: order,
        }),
        200,
      )
    }

    const all = await auditOf('region', region.id)
    const first = await auditOf('region', region.id, '&page=1&page_size=2')
    const second = await auditOf('region', region.id, '&page=2&page_size=2')
    const third = await auditOf('region', region.id, '&page=3&page_size=2')

    assert.equal(all.total, 4)
    assert.equal(first.total, 4)
    assert.deepEqual([...first.items, ...second.items], all.items)
    assert.deepEqual(third.items, [])
    assert.deepEqual(all.items[0].changes, { sort_order: [5002, 5003] })
  })

  test('the whole trail is newest first and every row has a distinct hash', async () => {
    await createRegion(client)

    const res = await client.get('/api/v1/audit?page_size=100')

    expectStatus(res, 200)
    assert.ok(res.json.total >= res.json.items.length)
    const ids = res.json.items.map((r) => r.id)
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    )
    const times = res.json.items.map((r) => Date.parse(r.at))
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    )
    const hashes = new Set(res.json.items.map((r) => r.hash))
    assert.equal(hashes.size, res.json.items.length)
  })

  test('the viewer role reads the audit, others without audit.read get 403', async () => {
    const viewer = await loggedIn('shenji')
    const coordinator = await loggedIn('tiaochu')

    expectStatus(await viewer.get('/api/v1/audit'), 200)
    expectError(await coordinator.get('/api/v1/audit'), 403, 'access.forbidden')
  })

  test('without a session it is 401', async () => {
    expectError(await new Client().get('/api/v1/audit'), 401, 'auth.required')
  })
})

describe('append-only', () => {
  test('there is no way to change or delete audit rows', async () => {
    const region = await createRegion(client)
    const [row] = (await auditOf('region', region.id)).items

    const attempts = [
      ['PUT', `/api/v1/audit/${row.id}`, { action: 'forged' }],
      ['PATCH', `/api/v1/audit/${row.id}`, { action: 'forged' }],
      ['DELETE', `/api/v1/audit/${row.id}`],
      ['DELETE', '/api/v1/audit'],
      ['PUT', '/api/v1/audit', { action: 'forged' }],
      ['POST', '/api/v1/audit', { action: 'forged', entity: 'region' }],
    ]
    for (const [method, p, json] of attempts) {
      const res = await client.request(method, p, { json })
      assert.ok(
        [404, 405].includes(res.status),
        `${method} ${p}: ${res.status}`,
      )
      expectError(
        res,
        res.status,
        res.status === 404 ? 'not_found' : 'method_not_allowed',
      )
    }

    assert.deepEqual((await auditOf('region', region.id)).items, [row])
  })
})
