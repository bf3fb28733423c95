// Request-level rejections that apply to every write (api-contract
// "Conventions", DESIGN §6): malformed JSON, non-object bodies, wrong content
// types, oversized bodies, broken UTF-8, unknown routes and methods. Each
// rejected write is followed by a read proving nothing changed.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  Client,
  createRegion,
  expectError,
  expectNoneNamed,
  expectStatus,
  listAll,
  TEST_SORT_ORDER,
  uniq,
} from './lib.mjs'

const JSON_TYPE = { 'content-type': 'application/json' }

let client

before(async () => {
  client = await admin()
})

// The write endpoints a raw body is sent to, with a check that it left no
// trace.
const TARGETS = [
  {
    name: 'POST /api/v1/regions',
    send: (body, headers) =>
      client.request('POST', '/api/v1/regions', { body, headers }),
    unchanged: (tag) => expectNoneNamed(client, '/api/v1/regions', tag),
  },
  {
    name: 'PATCH /api/v1/regions/{id}',
    setup: () => createRegion(client),
    send: (body, headers, region) =>
      client.request('PATCH', `/api/v1/regions/${region.id}`, {
        body,
        headers,
      }),
    unchanged: async (tag, region) => {
      assert.deepEqual(
        (await client.get(`/api/v1/regions/${region.id}`)).json,
        region,
      )
    },
  },
  {
    name: 'POST /api/v1/users',
    send: (body, headers) =>
      client.request('POST', '/api/v1/users', { body, headers }),
    unchanged: async (tag) => {
      const users = await listAll(client, '/api/v1/users')
      assert.deepEqual(
        users.filter((u) => u.display_name.includes(tag)),
        [],
      )
    },
  },
]

// A body every target accepts (unknown fields are ignored), so only the defect
// under test differs.
function anyBody(tag) {
  return {
    name: tag,
    sort_order: TEST_SORT_ORDER,
    username: `u${tag}`.toLowerCase(),
    display_name: tag,
    role: 'viewer',
    password: 'Passw0rd-long-enough',
  }
}

// Registers one test per target: the body built from a fresh tag must be
// rejected with status and code, leaving no trace.
function eachTarget(what, makeBody, headers, status, code) {
  for (const target of TARGETS) {
    test(`${target.name}: ${what} → ${status} ${code}`, async () => {
      const tag = uniq('req')
      const state = target.setup ? await target.setup() : null

      const res = await target.send(makeBody(tag), headers, state)

      expectError(res, status, code)
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
      await target.unchanged(tag, state)
    })
  }
}

describe('malformed JSON → 400 json.malformed', () => {
  const cases = {
    'an unterminated object': (tag) => `{"name": "${tag}"`,
    'unquoted keys': (tag) => `{name: "${tag}"}`,
    'a trailing comma': (tag) => `{"name": "${tag}",}`,
    'plain text': (tag) => `name=${tag}`,
    'an empty body': () => '',
    'single quotes': (tag) => `{'name': '${tag}'}`,
    'trailing garbage': (tag) => `${JSON.stringify(anyBody(tag))} x`,
  }
  for (const [what, body] of Object.entries(cases)) {
    eachTarget(what, body, JSON_TYPE, 400, 'json.malformed')
  }
})

describe('a JSON body that is not an object → 400 json.not_object', () => {
  const cases = {
    'an array': (tag) => JSON.stringify([anyBody(tag)]),
    'a string': (tag) => JSON.stringify(tag),
    'a number': () => '42',
    null: () => 'null',
    true: () => 'true',
  }
  for (const [what, body] of Object.entries(cases)) {
    eachTarget(what, body, JSON_TYPE, 400, 'json.not_object')
  }
})

describe('wrong content type → 415 request.unsupported_media_type', () => {
  const types = {
    'text/plain': { 'content-type': 'text/plain' },
    'form encoding': { 'content-type': 'application/x-www-form-urlencoded' },
    multipart: { 'content-type': 'multipart/form-data; boundary=x' },
    'no content type': {},
  }
  for (const [what, headers] of Object.entries(types)) {
    eachTarget(
      what,
      (tag) => JSON.stringify(anyBody(tag)),
      headers,
      415,
      'request.unsupported_media_type',
    )
  }

  test('application/json with a charset parameter is accepted', async () => {
    const tag = uniq('cs')

    const res = await client.request('POST', '/api/v1/regions', {
      body: JSON.stringify(anyBody(tag)),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })

    expectStatus(res, 201)
    assert.equal(res.json.name, tag)
  })
})

describe('oversized body → 413 request.too_large', () => {
  eachTarget(
    '2 MiB of JSON',
    (tag) =>
      JSON.stringify({ ...anyBody(tag), padding: 'x'.repeat(2 * 1024 * 1024) }),
    JSON_TYPE,
    413,
    'request.too_large',
  )

  test('the session stays usable after a 413', async () => {
    const big = JSON.stringify({
      name: 'x',
      padding: 'y'.repeat(2 * 1024 * 1024),
    })
    await client.request('POST', '/api/v1/regions', {
      body: big,
      headers: JSON_TYPE,
    })

    expectStatus(await client.get('/api/v1/me'), 200)
  })

  test('a body just under 1 MiB is not rejected as too large', async () => {
    const tag = uniq('big')
    const body = JSON.stringify({
      ...anyBody(tag),
      padding: 'z'.repeat(1000 * 1000),
    })

    const res = await client.request('POST', '/api/v1/regions', {
      body,
      headers: JSON_TYPE,
    })

    expectStatus(res, 201)
  })
})

describe('broken UTF-8 inside a string → 400', () => {
  const sequences = {
    'a stray 0xFF byte': [0xff],
    'a lone continuation byte': [0x80],
    'a truncated 3-byte sequence': [0xe5, 0x9d],
    'an overlong slash': [0xc0, 0xaf],
    'an encoded surrogate': [0xed, 0xa0, 0x80],
  }
  for (const [what, bytes] of Object.entries(sequences)) {
    eachTarget(
      what,
      (tag) => {
        const [head, tail] = JSON.stringify(anyBody(tag)).split(`"${tag}"`)
        return Buffer.concat([
          Buffer.from(`${head}"${tag}`),
          Buffer.from(bytes),
          Buffer.from(`"${tail}`),
        ])
      },
      JSON_TYPE,
      400,
      ['json.malformed', 'validation.invalid'],
    )
  }
})

describe('routes', () => {
  test('an unknown /api/v1 route is 404 not_found as JSON', async () => {
    const res = await client.get('/api/v1/no-such-thing')

    expectError(res, 404, 'not_found')
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
  })

  test('an unknown nested /api/v1 route is 404 not_found', async () => {
    expectError(
      await client.get('/api/v1/regions/1/children'),
      404,
      'not_found',
    )
  })

  test('an unknown /api/v1 route without a session is 404 or 401 JSON, never the web app', async () => {
    const res = await new Client().get('/api/v1/no-such-thing')

    assert.ok([401, 404].includes(res.status), `${res.status}`)
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
  })

  test('an unsupported method on a known route is 405 method_not_allowed', async () => {
    const res = await client.request('PUT', '/api/v1/regions', {
      json: { name: uniq('put') },
    })

    expectError(res, 405, 'method_not_allowed')
  })

  test('DELETE on a region is 405 and the region stays', async () => {
    const region = await createRegion(client)

    const res = await client.del(`/api/v1/regions/${region.id}`)

    expectError(res, 405, 'method_not_allowed')
    assert.deepEqual(
      (await client.get(`/api/v1/regions/${region.id}`)).json,
      region,
    )
  })
})
