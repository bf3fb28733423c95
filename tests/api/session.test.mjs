// Login, logout, /me and the CSRF rule for writes (api-contract "Session",
// "Conventions").
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  admin,
  Client,
  createRegion,
  DEMO_USERS,
  expectError,
  expectNoneNamed,
  expectStatus,
  password,
  SESSION_COOKIE,
  uniq,
} from './lib.mjs'

const USER_KEYS = [
  'id',
  'username',
  'display_name',
  'role',
  'unit_id',
  'unit_name',
  'leader_id',
  'leader_name',
  'active',
  'created_at',
  'last_login_at',
]

describe('login', () => {
  test('right password sets a strict HttpOnly session cookie and returns user and csrf token', async () => {
    const client = new Client()

    const res = await client.post('/api/v1/session', {
      username: 'admin',
      password: password(),
    })

    expectStatus(res, 200)
    const line = res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    assert.ok(
      line,
      `Set-Cookie ${SESSION_COOKIE}: ${res.headers.getSetCookie()}`,
    )
    assert.match(line, /;\s*HttpOnly/i)
    assert.match(line, /;\s*SameSite=Strict/i)
    assert.match(line, /;\s*Path=\/(;|$)/i)
    assert.ok(
      line.split(';')[0].length > SESSION_COOKIE.length + 16,
      'non-trivial token',
    )
    assert.equal(typeof res.json.csrf_token, 'string')
    assert.ok(res.json.csrf_token.length >= 16)
    assert.deepEqual(Object.keys(res.json.user).sort(), [...USER_KEYS].sort())
    assert.equal(res.json.user.username, 'admin')
    assert.equal(res.json.user.role, 'admin')
    assert.equal(res.json.user.active, true)
    assert.ok(Number.isInteger(res.json.user.id))
    assert.match(
      res.json.user.created_at,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/,
    )
  })

  test('wrong password is 401 auth.invalid_credentials with the Chinese message', async () => {
    const client = new Client()

    const res = await client.post('/api/v1/session', {
      username: 'shenji',
      password: `${password()}-wrong`,
    })

    expectError(res, 401, 'auth.invalid_credentials')
    assert.equal(res.json.error.message, '用户名或密码错误')
    assert.equal(
      res.headers
        .getSetCookie()
        .some((c) => /^xf_session=[^;]+/.test(c) && !/max-age=0/i.test(c)),
      false,
      'no session cookie',
    )
  })

  test('each demo user can log in with its role', async () => {
    for (const [role, username] of Object.entries(DEMO_USERS)) {
      const client = new Client()
      const res = await client.login(username)
      expectStatus(res, 200, username)
      assert.equal(res.json.user.role, role)
    }
  })

  test("login and /me carry the role's permission codes from the server's table", async () => {
    const town = new Client()
    const res = await town.login(DEMO_USERS.town)

    expectStatus(res, 200)
    assert.ok(res.json.permissions.includes('petitions.read'))
    assert.ok(!res.json.permissions.includes('reception.read'))
    assert.ok(!res.json.permissions.includes('petitioners.reveal'))
    const me = await town.get('/api/v1/me')
    assert.deepEqual(me.json.permissions, res.json.permissions)

    const adminClient = await admin()
    const mine = (await adminClient.get('/api/v1/me')).json.permissions
    assert.ok(mine.includes('org.write') && mine.includes('users.write'))
  })
})

describe('me', () => {
  test('with a session returns the user and the same csrf token', async () => {
    const client = await admin()

    const res = await client.get('/api/v1/me')

    expectStatus(res, 200)
    assert.equal(res.json.user.username, 'admin')
    assert.equal(res.json.csrf_token, client.csrf)
    assert.ok(res.json.user.last_login_at, 'last_login_at set after login')
  })

  test('without a session is 401 auth.required', async () => {
    const res = await new Client().get('/api/v1/me')

    expectError(res, 401, 'auth.required')
  })

  test('with a made-up session cookie is 401 auth.required', async () => {
    const client = new Client()
    client.cookie = 'deadbeef'.repeat(8)

    expectError(await client.get('/api/v1/me'), 401, 'auth.required')
  })

  test('other org endpoints also need a session', async () => {
    const client = new Client()

    for (const p of [
      '/api/v1/regions',
      '/api/v1/users',
      '/api/v1/audit',
      '/api/v1/calendar/2023',
      '/api/v1/vocabularies',
    ]) {
      expectError(await client.get(p), 401, 'auth.required')
    }
  })
})

describe('logout', () => {
  test('DELETE /session is 204, clears the cookie and invalidates the session', async () => {
    const client = await admin()
    const oldCookie = client.cookie

    const res = await client.del('/api/v1/session')

    expectStatus(res, 204)
    const line = res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    assert.ok(line, 'logout sends a clearing Set-Cookie')
    assert.ok(
      /^xf_session=;/.test(line) ||
        /max-age=0/i.test(line) ||
        /expires=thu, 01 jan 1970/i.test(line),
      line,
    )
    client.cookie = oldCookie
    expectError(await client.get('/api/v1/me'), 401, 'auth.required')
  })

  test('logging out one session leaves another session of the same user working', async () => {
    const first = await admin()
    const second = await admin()

    expectStatus(await first.del('/api/v1/session'), 204)

    expectStatus(await second.get('/api/v1/me'), 200)
  })

  test('without the CSRF header is 403 and the session stays valid', async () => {
    const client = await admin()

    const res = await client.del('/api/v1/session', { csrf: false })

    expectError(res, 403, 'csrf.invalid')
    expectStatus(await client.get('/api/v1/me'), 200)
  })
})

describe('csrf', () => {
  test('POST without the header is 403 csrf.invalid and creates nothing', async () => {
    const client = await admin()
    const name = uniq('csrf区')

    const res = await client.post(
      '/api/v1/regions',
      { name, sort_order: 5000 },
      { csrf: false },
    )

    expectError(res, 403, 'csrf.invalid')
    await expectNoneNamed(client, '/api/v1/regions', name)
  })

  test('PATCH with a wrong token is 403 csrf.invalid and changes nothing', async () => {
    const client = await admin()
    const region = await createRegion(client)

    const res = await client.patch(
      `/api/v1/regions/${region.id}`,
      { name: uniq('改') },
      { csrf: 'not-the-token' },
    )

    expectError(res, 403, 'csrf.invalid')
    assert.deepEqual(
      (await client.get(`/api/v1/regions/${region.id}`)).json,
      region,
    )
  })

  test("another session's token is rejected", async () => {
    const client = await admin()
    const other = await admin()
    const region = await createRegion(client)

    const res = await client.patch(
      `/api/v1/regions/${region.id}`,
      { active: false },
      { csrf: other.csrf },
    )

    expectError(res, 403, 'csrf.invalid')
    assert.equal(
      (await client.get(`/api/v1/regions/${region.id}`)).json.active,
      true,
    )
  })

  test('POST /users without the header is 403 and creates no user', async () => {
    const client = await admin()
    const username = uniq('csrf_')

    const res = await client.post(
      '/api/v1/users',
      {
        username,
        display_name: '测试',
        role: 'viewer',
        password: 'Passw0rd-long-enough',
      },
      { csrf: false },
    )

    expectError(res, 403, 'csrf.invalid')
    const users = await client.get('/api/v1/users?page_size=500')
    assert.equal(
      users.json.items.some((u) => u.username === username),
      false,
    )
  })
})
