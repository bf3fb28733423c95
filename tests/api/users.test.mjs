// Users: demo accounts, create with every role, the role/unit rules, password
// and username rules, disable, password change, and the self-disable guard
// (api-contract "Organisation").
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  Client,
  createUser,
  DEMO_USERS,
  expectError,
  expectStatus,
  leaderIdByName,
  listAll,
  loggedIn,
  uniq,
  unitIdByName,
} from './lib.mjs'

let client
let units

before(async () => {
  client = await admin()
  const towns = await listAll(client, '/api/v1/units?kind=town')
  units = {
    section: await unitIdByName(client, '信访调处科'),
    enforcement: await unitIdByName(client, '执法二局'),
    town: towns.find((u) => u.region_name === '三星镇').id,
  }
})

async function allUsers() {
  return listAll(client, '/api/v1/users')
}

async function expectNoUser(username) {
  const found = (await allUsers()).filter((u) => u.username === username)
  assert.deepEqual(found, [], `user ${username} must not exist`)
}

describe('list', () => {
  test('has the demo users with their roles, units and leader', async () => {
    const users = await allUsers()

    const by = Object.fromEntries(users.map((u) => [u.username, u]))
    for (const [role, username] of Object.entries(DEMO_USERS)) {
      assert.equal(by[username]?.role, role, username)
      assert.equal(by[username].active, true)
    }
    assert.equal(by.tiaochu.unit_name, '信访调处科')
    assert.equal(by.zhifa1.unit_name, '执法一局')
    assert.equal(by.sanxing.unit_id, units.town)
    assert.equal(by.liuhuajun.leader_name, '刘华军')
    assert.equal(by.admin.unit_id, null)
  })

  test('never exposes a password or its hash', async () => {
    const res = await client.get('/api/v1/users')

    expectStatus(res, 200)
    assert.equal(typeof res.json.total, 'number')
    assert.doesNotMatch(res.text, /pass|hash|salt|argon/i)
  })
})

describe('get', () => {
  test('by id returns the user', async () => {
    const user = await createUser(client)

    const res = await client.get(`/api/v1/users/${user.id}`)

    expectStatus(res, 200)
    assert.equal(res.json.username, user.username)
    assert.doesNotMatch(res.text, /pass|hash|salt/i)
  })

  test('unknown id is 404 not_found', async () => {
    expectError(await client.get('/api/v1/users/987654321'), 404, 'not_found')
  })
})

describe('create', () => {
  const roles = {
    admin: () => ({}),
    coordinator: () => ({ unit_id: units.section }),
    leader: async () => ({ leader_id: await leaderIdByName(client, '许正娟') }),
    bureau: () => ({ unit_id: units.enforcement }),
    town: () => ({ unit_id: units.town }),
    viewer: () => ({}),
  }
  for (const [role, extra] of Object.entries(roles)) {
    test(`a ${role} user is created and can log in`, async () => {
      const fields = { role, ...(await extra()) }

      const user = await createUser(client, fields)

      assert.equal(user.role, role)
      assert.equal(user.active, true)
      assert.equal(user.last_login_at, null)
      assert.equal(user.unit_id, fields.unit_id ?? null)
      assert.equal(user.leader_id, fields.leader_id ?? null)
      if (role === 'leader') assert.equal(user.leader_name, '许正娟')
      if (role === 'bureau') assert.equal(user.unit_name, '执法二局')
      const session = new Client()
      expectStatus(await session.login(user.username, user.password), 200)
      assert.equal(session.user.role, role)
    })
  }

  test('duplicate username is 409 conflict.duplicate', async () => {
    const res = await client.post('/api/v1/users', {
      username: 'tiaochu',
      display_name: '重复',
      role: 'viewer',
      password: 'Passw0rd-long-enough',
    })

    expectError(res, 409, 'conflict.duplicate')
    assert.equal(
      (await allUsers()).filter((u) => u.username === 'tiaochu').length,
      1,
    )
  })

  const invalid = [
    [
      'a 9-character password',
      { password: '123456789' },
      'password',
      'validation.invalid',
    ],
    [
      'a missing password',
      { password: undefined },
      'password',
      'validation.required',
    ],
    [
      'a numeric password',
      { password: 12345678901 },
      'password',
      'validation.type',
    ],
    [
      'a 2-character username',
      { username: 'ab' },
      'username',
      'validation.invalid',
    ],
    [
      'a 33-character username',
      { username: 'a'.repeat(33) },
      'username',
      ['validation.invalid', 'validation.too_long'],
    ],
    [
      'an upper-case username',
      { username: 'UpperCase' },
      'username',
      'validation.invalid',
    ],
    [
      'a username with a space',
      { username: 'with space' },
      'username',
      'validation.invalid',
    ],
    [
      'a Chinese username',
      { username: '用户名字' },
      'username',
      'validation.invalid',
    ],
    [
      'a username with a slash',
      { username: 'a/b/c' },
      'username',
      'validation.invalid',
    ],
    [
      'a missing username',
      { username: undefined },
      'username',
      'validation.required',
    ],
    ['a numeric username', { username: 12345 }, 'username', 'validation.type'],
    [
      'a missing display_name',
      { display_name: undefined },
      'display_name',
      'validation.required',
    ],
    [
      'an empty display_name',
      { display_name: '' },
      'display_name',
      ['validation.required', 'validation.invalid'],
    ],
    [
      'a numeric display_name',
      { display_name: 42 },
      'display_name',
      'validation.type',
    ],
    ['an unknown role', { role: 'root' }, 'role', 'validation.invalid'],
    ['a missing role', { role: undefined }, 'role', 'validation.required'],
    [
      'a bureau user without unit',
      { role: 'bureau' },
      'unit_id',
      'validation.required',
    ],
    [
      'a bureau user with a town unit',
      { role: 'bureau', unit: 'town' },
      'unit_id',
      'validation.invalid',
    ],
    [
      'a town user without unit',
      { role: 'town' },
      'unit_id',
      'validation.required',
    ],
    [
      'a town user with an enforcement unit',
      { role: 'town', unit: 'enforcement' },
      'unit_id',
      'validation.invalid',
    ],
    [
      'a leader user without leader',
      { role: 'leader' },
      'leader_id',
      'validation.required',
    ],
    [
      'a leader user with an unknown leader',
      { role: 'leader', leader_id: 987654321 },
      'leader_id',
      'validation.invalid',
    ],
    [
      'unit_id as a string',
      { role: 'bureau', unit_id: 'x' },
      'unit_id',
      'validation.type',
    ],
  ]
  for (const [what, fields, field, code] of invalid) {
    test(`${what} is 400 on ${field} and creates nothing`, async () => {
      const username = uniq('bad_')
      const { unit, ...rest } = fields
      const body = {
        username,
        display_name: '测试用户',
        role: 'viewer',
        password: 'Passw0rd-long-enough',
        ...rest,
      }
      if (unit) body.unit_id = units[unit]

      const res = await client.post(
        '/api/v1/users',
        JSON.parse(JSON.stringify(body)),
      )

      expectError(res, 400, code, field)
      await expectNoUser(username)
    })
  }
})

describe('update', () => {
  test('PATCH display_name and role, GET shows the change', async () => {
    const user = await createUser(client)

    const res = await client.patch(`/api/v1/users/${user.id}`, {
      display_name: '新名字',
      role: 'bureau',
      unit_id: units.enforcement,
    })

    expectStatus(res, 200)
    assert.equal(res.json.display_name, '新名字')
    assert.equal(res.json.role, 'bureau')
    assert.equal(res.json.unit_name, '执法二局')
    const got = (await client.get(`/api/v1/users/${user.id}`)).json
    assert.deepEqual(got, res.json)
  })

  test('a disabled user can no longer log in', async () => {
    const user = await createUser(client)

    const res = await client.patch(`/api/v1/users/${user.id}`, {
      active: false,
    })

    expectStatus(res, 200)
    assert.equal(res.json.active, false)
    const login = await new Client().login(user.username, user.password)
    expectError(login, 401, 'auth.invalid_credentials')
    assert.equal(login.json.error.message, '用户名或密码错误')
  })

  test("disabling a user ends the user's open sessions", async () => {
    const user = await createUser(client)
    const session = await loggedIn(user.username, user.password)

    const res = await client.patch(`/api/v1/users/${user.id}`, {
      active: false,
    })

    expectStatus(res, 200)
    expectError(await session.get('/api/v1/me'), 401, 'auth.required')
  })

  test('a disabled user can log in again once enabled', async () => {
    const user = await createUser(client)
    expectStatus(
      await client.patch(`/api/v1/users/${user.id}`, { active: false }),
      200,
    )

    expectStatus(
      await client.patch(`/api/v1/users/${user.id}`, { active: true }),
      200,
    )

    expectStatus(await new Client().login(user.username, user.password), 200)
  })

  test('changing the password: the new one works, the old one does not', async () => {
    const user = await createUser(client)
    const newPassword = 'Another-Passw0rd-2'

    const res = await client.patch(`/api/v1/users/${user.id}`, {
      password: newPassword,
    })

    expectStatus(res, 200)
    expectStatus(await new Client().login(user.username, newPassword), 200)
    expectError(
      await new Client().login(user.username, user.password),
      401,
      'auth.invalid_credentials',
    )
  })

  test('a too-short new password is 400 and the old one still works', async () => {
    const user = await createUser(client)

    const res = await client.patch(`/api/v1/users/${user.id}`, {
      password: 'short',
    })

    expectError(res, 400, 'validation.invalid', 'password')
    expectStatus(await new Client().login(user.username, user.password), 200)
  })

  test('the admin cannot disable themselves: 409 conflict.self', async () => {
    const me = (await client.get('/api/v1/me')).json.user

    const res = await client.patch(`/api/v1/users/${me.id}`, { active: false })

    expectError(res, 409, 'conflict.self')
    assert.equal((await client.get(`/api/v1/users/${me.id}`)).json.active, true)
    expectStatus(await client.get('/api/v1/me'), 200)
  })

  test('switching to role bureau without a unit is 400 and changes nothing', async () => {
    const user = await createUser(client)
    const before = (await client.get(`/api/v1/users/${user.id}`)).json

    const res = await client.patch(`/api/v1/users/${user.id}`, {
      role: 'bureau',
    })

    expectError(res, 400, 'validation.required', 'unit_id')
    assert.deepEqual(
      (await client.get(`/api/v1/users/${user.id}`)).json,
      before,
    )
  })

  const invalid = [
    ['an unknown role', { role: 'root' }, 'role', 'validation.invalid'],
    [
      'a numeric display_name',
      { display_name: 7 },
      'display_name',
      'validation.type',
    ],
    ['active as a string', { active: 'false' }, 'active', 'validation.type'],
  ]
  for (const [what, body, field, code] of invalid) {
    test(`${what} is 400 on ${field} and changes nothing`, async () => {
      const user = await createUser(client)
      const before = (await client.get(`/api/v1/users/${user.id}`)).json

      const res = await client.patch(`/api/v1/users/${user.id}`, body)

      expectError(res, 400, code, field)
      assert.deepEqual(
        (await client.get(`/api/v1/users/${user.id}`)).json,
        before,
      )
    })
  }

  test('unknown id is 404 not_found', async () => {
    expectError(
      await client.patch('/api/v1/users/987654321', { display_name: '无' }),
      404,
      'not_found',
    )
  })
})
