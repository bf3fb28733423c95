// Login throttling and session idle expiry (api-contract "Session"). The
// per-address and idle checks run against a second server on the same database,
// started here with tighter limits, so the main server's per-address budget (20
// failures) is not spent: this whole suite makes at most 14 failed logins
// against it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  admin,
  Client,
  createUser,
  expectError,
  expectStatus,
  startServer,
  uniq,
} from './lib.mjs'

const TOO_MANY = '登录失败次数过多，请15分钟后再试'

describe('per account', () => {
  test(
    'after 5 failures the 6th attempt is 429 even with the right password',
    { timeout: 120_000 },
    async () => {
      const user = await createUser(await admin())

      for (let i = 1; i <= 5; i++) {
        const res = await new Client().login(
          user.username,
          `wrong-password-${i}`,
        )
        expectError(res, 401, 'auth.invalid_credentials')
      }
      const res = await new Client().login(user.username, user.password)

      expectError(res, 429, 'auth.too_many_attempts')
      assert.equal(res.json.error.message, TOO_MANY)
      assert.equal(res.headers.get('retry-after'), '900')
      assert.equal(
        res.headers.getSetCookie().some((c) => /^xf_session=[^;]+/.test(c)),
        false,
      )
    },
  )
})

describe('per address', () => {
  test(
    'after 3 failures with different usernames the 4th is 429 (--login-max-per-address 3)',
    { timeout: 120_000 },
    async () => {
      const server = await startServer(['--login-max-per-address', '3'])
      try {
        // Earlier attempts may already be 429 when failures are counted in the
        // shared database, where the main server's failures from this address
        // add up too.
        for (let i = 0; i < 4; i++) {
          const res = await new Client(server.url).login(
            uniq('nobody_'),
            'wrong-pass',
          )
          if (i < 3) assert.ok([401, 429].includes(res.status), `${res.status}`)
          else {
            expectError(res, 429, 'auth.too_many_attempts')
            assert.equal(res.json.error.message, TOO_MANY)
          }
        }
      } finally {
        await server.stop()
      }
    },
  )
})

describe('idle expiry', () => {
  test(
    'a session idle longer than --session-idle-seconds is 401',
    { timeout: 60_000 },
    async () => {
      const server = await startServer(['--session-idle-seconds', '2'])
      try {
        const client = new Client(server.url)
        expectStatus(await client.login('admin'), 200)
        expectStatus(await client.get('/api/v1/me'), 200)

        await sleep(3000)

        expectError(await client.get('/api/v1/me'), 401, 'auth.required')
      } finally {
        await server.stop()
      }
    },
  )

  test(
    'activity within the idle limit keeps the session alive',
    { timeout: 60_000 },
    async () => {
      const server = await startServer(['--session-idle-seconds', '2'])
      try {
        const client = new Client(server.url)
        expectStatus(await client.login('admin'), 200)

        for (let i = 0; i < 3; i++) {
          await sleep(1000)
          expectStatus(await client.get('/api/v1/me'), 200, `after ${i + 1} s`)
        }
      } finally {
        await server.stop()
      }
    },
  )
})
