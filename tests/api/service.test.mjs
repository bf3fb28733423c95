// Operational endpoints and headers (api-contract "Service"): /healthz,
// /metrics, X-Request-Id.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { admin, baseUrl, Client, expectStatus } from './lib.mjs'

async function metrics() {
  const res = await new Client().get('/metrics')
  expectStatus(res, 200, '/metrics')
  return res
}

// The value of the first sample of `name` whose labels include all of `labels`,
// or null.
function sample(text, name, labels) {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue
    const close = line.lastIndexOf('}')
    const body = line.slice(name.length + 1, close)
    const has = Object.entries(labels).every(([k, v]) =>
      body.includes(`${k}="${v}"`),
    )
    if (has)
      return Number(
        line
          .slice(close + 1)
          .trim()
          .split(/\s+/)[0],
      )
  }
  return null
}

describe('healthz', () => {
  test('is 200 JSON with status and database ok, without login', async () => {
    const res = await new Client().get('/healthz')

    expectStatus(res, 200)
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
    assert.deepEqual(res.json, { status: 'ok', database: 'ok' })
  })
})

describe('metrics', () => {
  test('is Prometheus text with the request counter', async () => {
    const res = await metrics()

    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/)
    assert.match(res.text, /^# TYPE xinfang_http_requests_total counter$/m)
    assert.match(
      res.text,
      /^# TYPE xinfang_http_request_duration_seconds histogram$/m,
    )
  })

  test('counts a call and records its duration under the route', async () => {
    const client = await admin()
    const labels = {
      route: '/api/v1/vocabularies',
      method: 'GET',
      status: '200',
    }
    const before =
      sample((await metrics()).text, 'xinfang_http_requests_total', labels) ?? 0

    expectStatus(await client.get('/api/v1/vocabularies'), 200)

    const text = (await metrics()).text
    assert.ok(sample(text, 'xinfang_http_requests_total', labels) >= before + 1)
    const route = { ...labels }
    assert.ok(
      sample(text, 'xinfang_http_request_duration_seconds_bucket', {
        ...route,
        le: '+Inf',
      }) >= 1,
    )
    assert.ok(
      sample(text, 'xinfang_http_request_duration_seconds_count', route) >= 1,
    )
    assert.ok(
      sample(text, 'xinfang_http_request_duration_seconds_sum', route) >= 0,
    )
  })

  test('labels a route with an id by its template, not the id', async () => {
    const client = await admin()
    const [region] = (await client.get('/api/v1/regions?page_size=1')).json
      .items

    expectStatus(await client.get(`/api/v1/regions/${region.id}`), 200)

    const text = (await metrics()).text
    const route = { route: '/api/v1/regions/{id}', method: 'GET' }
    assert.ok(
      sample(text, 'xinfang_http_requests_total', {
        ...route,
        status: '200',
      }) >= 1,
    )
    assert.ok(
      sample(text, 'xinfang_http_request_duration_seconds_bucket', {
        ...route,
        status: '200',
        le: '+Inf',
      }) >= 1,
    )
    assert.equal(text.includes(`route="/api/v1/regions/${region.id}"`), false)
  })
})

describe('X-Request-Id', () => {
  test('is on every kind of response and differs between requests', async () => {
    const client = await admin()
    const responses = [
      await client.get('/api/v1/me'),
      await new Client().get('/api/v1/me'),
      await client.get('/api/v1/no-such-route'),
      await client.get('/api/v1/regions/987654321'),
      await client.post('/api/v1/regions', { name: 123 }),
      await client.request('POST', '/api/v1/regions', {
        body: '{',
        headers: { 'content-type': 'application/json' },
      }),
      await client.request('POST', '/api/v1/regions', {
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      await client.post('/api/v1/regions', { name: 'x' }, { csrf: false }),
      await new Client().get('/healthz'),
      await new Client().get('/metrics'),
      await client.del('/api/v1/session'),
    ]

    const ids = responses.map((res) => res.headers.get('x-request-id'))
    for (const [i, id] of ids.entries()) {
      assert.ok(
        id && id.length >= 8,
        `response ${i} (${responses[i].status}) has an id`,
      )
    }
    assert.equal(new Set(ids).size, ids.length)
  })

  test('is on a HEAD response too', async () => {
    const res = await fetch(`${baseUrl()}/healthz`, { method: 'HEAD' })

    assert.ok(res.headers.get('x-request-id'))
  })
})
