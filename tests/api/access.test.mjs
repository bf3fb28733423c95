// The permission table of api-contract "Permissions": every demo role against
// every endpoint. Forbidden writes carry a valid body, so a 403 can only come
// from the permission check, and a GET afterwards proves nothing changed.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  createGroup,
  createLeader,
  createRegion,
  createUnit,
  createUser,
  DEMO_USERS,
  expectError,
  expectStatus,
  freeGroupNumber,
  listAll,
  loggedIn,
  TEST_SORT_ORDER,
  uniq,
} from './lib.mjs'

const ROLES = Object.keys(DEMO_USERS)
const ALL = ROLES
const ORG_WRITE = ['admin']
const USERS_READ = ['admin', 'coordinator']
const USERS_WRITE = ['admin']
const AUDIT_READ = ['admin', 'viewer']

let root
let clients
let targets

before(async () => {
  root = await admin()
  clients = {}
  for (const [role, username] of Object.entries(DEMO_USERS)) {
    clients[role] = await loggedIn(username)
  }
  const group = await createGroup(root)
  targets = {
    region: await createRegion(root),
    unit: await createUnit(root),
    leader: await createLeader(root),
    group,
    user: await createUser(root),
    leaderId: group.leader.id,
    unitId: group.unit.id,
  }
})

const READS = [
  ['/api/v1/me', ALL],
  ['/api/v1/regions', ALL],
  ['/api/v1/regions/{region}', ALL],
  ['/api/v1/units', ALL],
  ['/api/v1/units?kind=town', ALL],
  ['/api/v1/units/{unit}', ALL],
  ['/api/v1/leaders', ALL],
  ['/api/v1/leaders/{leader}', ALL],
  ['/api/v1/groups', ALL],
  ['/api/v1/groups/{group}', ALL],
  ['/api/v1/calendar/2023', ALL],
  ['/api/v1/vocabularies', ALL],
  ['/api/v1/users', USERS_READ],
  ['/api/v1/users/{user}', USERS_READ],
  ['/api/v1/audit', AUDIT_READ],
]

describe('reads', () => {
  for (const [template, allowed] of READS) {
    for (const role of ROLES) {
      const permitted = allowed.includes(role)
      test(`${role} GET ${template} → ${permitted ? 200 : 403}`, async () => {
        const p = template.replace(/\{(\w+)\}/, (_, key) => targets[key].id)

        const res = await clients[role].get(p)

        if (permitted) expectStatus(res, 200, `${role} GET ${p}`)
        else expectError(res, 403, 'access.forbidden')
      })
    }
  }
})

// Each write: how to send it with a fresh valid body, how to read back the
// state it would change, and what a successful write returns.
const WRITES = [
  {
    name: 'POST /api/v1/regions',
    allowed: ORG_WRITE,
    status: 201,
    send: (c, tag) =>
      c.post('/api/v1/regions', { name: tag, sort_order: TEST_SORT_ORDER }),
    state: (tag) => names('/api/v1/regions', tag),
  },
  {
    name: 'PATCH /api/v1/regions/{id}',
    allowed: ORG_WRITE,
    status: 200,
    send: (c, tag) =>
      c.patch(`/api/v1/regions/${targets.region.id}`, { name: tag }),
    state: () => get(`/api/v1/regions/${targets.region.id}`),
  },
  {
    name: 'POST /api/v1/units',
    allowed: ORG_WRITE,
    status: 201,
    send: (c, tag) =>
      c.post('/api/v1/units', {
        name: tag,
        kind: 'department',
        sort_order: TEST_SORT_ORDER,
      }),
    state: (tag) => names('/api/v1/units', tag),
  },
  {
    name: 'PATCH /api/v1/units/{id}',
    allowed: ORG_WRITE,
    status: 200,
    send: (c, tag) =>
      c.patch(`/api/v1/units/${targets.unit.id}`, { name: tag }),
    state: () => get(`/api/v1/units/${targets.unit.id}`),
  },
  {
    name: 'POST /api/v1/leaders',
    allowed: ORG_WRITE,
    status: 201,
    send: (c, tag) =>
      c.post('/api/v1/leaders', {
        name: tag,
        title: '副局长',
        group_role: 'deputy',
        sort_order: TEST_SORT_ORDER,
      }),
    state: (tag) => names('/api/v1/leaders', tag),
  },
  {
    name: 'PATCH /api/v1/leaders/{id}',
    allowed: ORG_WRITE,
    status: 200,
    send: (c, tag) =>
      c.patch(`/api/v1/leaders/${targets.leader.id}`, { name: tag }),
    state: () => get(`/api/v1/leaders/${targets.leader.id}`),
  },
  {
    name: 'POST /api/v1/groups',
    allowed: ORG_WRITE,
    status: 201,
    send: async (c, tag) =>
      c.post('/api/v1/groups', {
        number: await freeGroupNumber(root),
        name: tag,
        leader_id: targets.leaderId,
        unit_id: targets.unitId,
        region_ids: [(await createRegion(root)).id],
      }),
    state: (tag) => names('/api/v1/groups', tag),
  },
  {
    name: 'PATCH /api/v1/groups/{id}',
    allowed: ORG_WRITE,
    status: 200,
    send: (c, tag) =>
      c.patch(`/api/v1/groups/${targets.group.id}`, { name: tag }),
    state: () => get(`/api/v1/groups/${targets.group.id}`),
  },
  {
    name: 'POST /api/v1/users',
    allowed: USERS_WRITE,
    status: 201,
    send: (c, tag) =>
      c.post('/api/v1/users', {
        username: tag.toLowerCase(),
        display_name: tag,
        role: 'viewer',
        password: 'Passw0rd-long-enough',
      }),
    state: async (tag) =>
      (await listAll(root, '/api/v1/users')).filter(
        (u) => u.username === tag.toLowerCase(),
      ),
  },
  {
    name: 'PATCH /api/v1/users/{id}',
    allowed: USERS_WRITE,
    status: 200,
    send: (c, tag) =>
      c.patch(`/api/v1/users/${targets.user.id}`, { display_name: tag }),
    state: () => get(`/api/v1/users/${targets.user.id}`),
  },
]

async function names(p, tag) {
  return (await listAll(root, p)).filter((row) => row.name === tag)
}

async function get(p) {
  const res = await root.get(p)
  expectStatus(res, 200, p)
  return res.json
}

describe('writes', () => {
  for (const write of WRITES) {
    for (const role of ROLES) {
      const permitted = write.allowed.includes(role)
      test(`${role} ${write.name} → ${permitted ? write.status : 403}`, async () => {
        const tag = uniq('acl_')
        const before = await write.state(tag)

        const res = await write.send(clients[role], tag)

        if (permitted) {
          expectStatus(res, write.status, `${role} ${write.name}`)
          return
        }
        expectError(res, 403, 'access.forbidden')
        assert.deepEqual(await write.state(tag), before, 'nothing changed')
      })
    }
  }
})

describe('session endpoints', () => {
  test('every role can log out', async () => {
    for (const username of Object.values(DEMO_USERS)) {
      const client = await loggedIn(username)

      expectStatus(await client.del('/api/v1/session'), 204, username)
    }
  })
})
