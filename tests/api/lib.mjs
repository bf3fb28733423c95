// Shared helpers for the API tests (node:test against an already-running
// `xinfang serve`).
//
// The same suite runs once per storage engine on a fresh `init --demo`
// database, and test files may run concurrently, so every helper that creates
// data takes a unique name from uniq() and no test relies on another test's
// writes.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export const SESSION_COOKIE = 'xf_session'

export const DEMO_USERS = {
  admin: 'admin',
  coordinator: 'tiaochu',
  leader: 'liuhuajun',
  bureau: 'zhifa1',
  town: 'sanxing',
  viewer: 'shenji',
}

export const DEMO_REGIONS = [
  '海门开发区',
  '海门街道',
  '江心沙农场',
  '三星镇',
  '海门港新区',
  '正余镇',
  '三厂工业园区',
  '临江新区',
  '海永镇',
  '悦来镇',
  '常乐镇',
  '四甲镇',
  '余东镇',
]

// Test-created rows sort after the demo rows, so ordering checks on demo data
// stay stable.
export const TEST_SORT_ORDER = 5000

export function env(name) {
  const value = process.env[name]
  if (!value) throw new Error(`environment variable ${name} is not set`)
  return value
}

export function baseUrl() {
  return env('XINFANG_URL').replace(/\/+$/, '')
}

export function password() {
  return env('XINFANG_ADMIN_PASSWORD')
}

export function uniq(prefix = 't') {
  return `${prefix}${randomBytes(4).toString('hex')}`
}

export function uniqInt(min = 1000, max = 900000) {
  return min + (randomBytes(4).readUInt32BE() % (max - min))
}

// A Response reduced to what the tests compare: status, headers, parsed JSON
// (or null) and text.
async function readResponse(res) {
  const text = await res.text()
  let json = null
  const type = res.headers.get('content-type') ?? ''
  if (type.includes('json') && text.length > 0) {
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
  }
  return { status: res.status, headers: res.headers, json, text }
}

function cookieValueFrom(setCookies) {
  for (const line of setCookies) {
    const [pair] = line.split(';')
    const eq = pair.indexOf('=')
    if (pair.slice(0, eq).trim() !== SESSION_COOKIE) continue
    const value = pair.slice(eq + 1).trim()
    const expired =
      /max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)
    return { value: expired ? '' : value, line }
  }
  return null
}

// One browser-like client: keeps the session cookie and the CSRF token it
// received at login.
export class Client {
  constructor(base = baseUrl()) {
    this.base = base
    this.cookie = ''
    this.csrf = ''
    this.user = null
  }

  // Sends a request. `json` is serialised with Content-Type application/json;
  // `body` is sent raw (string or Buffer) with whatever headers the caller
  // gives. The stored CSRF token is sent on writes unless `csrf` is false or a
  // string overriding it.
  async request(
    method,
    urlPath,
    { json, body, headers = {}, csrf = true } = {},
  ) {
    const h = { ...headers }
    let payload = body
    if (json !== undefined) {
      payload = JSON.stringify(json)
      h['content-type'] ??= 'application/json'
    }
    if (this.cookie) h.cookie = `${SESSION_COOKIE}=${this.cookie}`
    const isWrite = !['GET', 'HEAD'].includes(method)
    if (isWrite && csrf !== false) {
      const token = typeof csrf === 'string' ? csrf : this.csrf
      if (token) h['x-csrf-token'] = token
    }

    const res = await fetch(this.base + urlPath, {
      method,
      headers: h,
      body: payload,
      redirect: 'manual',
    })

    const cookie = cookieValueFrom(res.headers.getSetCookie())
    if (cookie) this.cookie = cookie.value
    return readResponse(res)
  }

  get(p, opts) {
    return this.request('GET', p, opts)
  }
  post(p, json, opts = {}) {
    return this.request('POST', p, { ...opts, json })
  }
  patch(p, json, opts = {}) {
    return this.request('PATCH', p, { ...opts, json })
  }
  put(p, json, opts = {}) {
    return this.request('PUT', p, { ...opts, json })
  }
  del(p, opts) {
    return this.request('DELETE', p, opts)
  }

  async login(username, pw = password()) {
    const res = await this.post('/api/v1/session', { username, password: pw })
    if (res.status === 200) {
      this.csrf = res.json.csrf_token
      this.user = res.json.user
    }
    return res
  }
}

// A client logged in as `username` (a demo user by default password); fails the
// test otherwise.
export async function loggedIn(username, pw = password(), base = baseUrl()) {
  const client = new Client(base)
  const res = await client.login(username, pw)
  assert.equal(
    res.status,
    200,
    `login as ${username}: ${res.status} ${res.text}`,
  )
  return client
}

export function admin() {
  return loggedIn(DEMO_USERS.admin)
}

// Asserts the error envelope of the contract: status, stable code, a Chinese
// message, and the field at fault when one is named.
export function expectError(res, status, code, field) {
  const where = `${res.status} ${res.text.slice(0, 300)}`
  assert.equal(res.status, status, `status: ${where}`)
  assert.ok(
    res.json && typeof res.json.error === 'object',
    `error envelope: ${where}`,
  )
  const codes = Array.isArray(code) ? code : [code]
  if (code !== undefined)
    assert.ok(codes.includes(res.json.error.code), `code: ${where}`)
  assert.equal(typeof res.json.error.message, 'string', `message: ${where}`)
  assert.match(
    res.json.error.message,
    /[\u4e00-\u9fff]/,
    `Chinese message: ${where}`,
  )
  if (field !== undefined)
    assert.equal(res.json.error.field, field, `field: ${where}`)
}

export function expectStatus(res, status, what = '') {
  assert.equal(
    res.status,
    status,
    `${what} ${res.status} ${res.text.slice(0, 300)}`,
  )
}

// Every row of a list endpoint (page_size is at most 500, so page through).
export async function listAll(client, urlPath) {
  const items = []
  const sep = urlPath.includes('?') ? '&' : '?'
  for (let page = 1; ; page++) {
    const res = await client.get(`${urlPath}${sep}page=${page}&page_size=500`)
    expectStatus(res, 200, `GET ${urlPath}`)
    items.push(...res.json.items)
    if (res.json.items.length < 500 || items.length >= res.json.total)
      return items
  }
}

export async function findByName(client, urlPath, name) {
  return (await listAll(client, urlPath)).filter((item) => item.name === name)
}

// Asserts that no row of the list has a name containing `tag` (a rejected
// create left no trace).
export async function expectNoneNamed(client, urlPath, tag) {
  const rows = (await listAll(client, urlPath)).filter((r) =>
    String(r.name).includes(tag),
  )
  assert.deepEqual(rows, [], `${urlPath} gained rows named like ${tag}`)
}

// Creates rows through the API as `client` (an admin); each returns the created
// JSON.
export async function createRegion(client, fields = {}) {
  const res = await client.post('/api/v1/regions', {
    name: uniq('区'),
    sort_order: TEST_SORT_ORDER,
    ...fields,
  })
  expectStatus(res, 201, 'create region')
  return res.json
}

export async function createUnit(client, fields = {}) {
  const res = await client.post('/api/v1/units', {
    name: uniq('单位'),
    kind: 'department',
    sort_order: TEST_SORT_ORDER,
    ...fields,
  })
  expectStatus(res, 201, 'create unit')
  return res.json
}

export async function createLeader(client, fields = {}) {
  const res = await client.post('/api/v1/leaders', {
    name: uniq('领导'),
    title: '副局长',
    group_role: 'deputy',
    sort_order: TEST_SORT_ORDER,
    ...fields,
  })
  expectStatus(res, 201, 'create leader')
  return res.json
}

export async function unitIdByName(client, name) {
  const [unit] = await findByName(client, '/api/v1/units', name)
  assert.ok(unit, `unit ${name} exists`)
  return unit.id
}

export async function leaderIdByName(client, name) {
  const [leader] = await findByName(client, '/api/v1/leaders', name)
  assert.ok(leader, `leader ${name} exists`)
  return leader.id
}

// Group numbers are 1–99 and unique over all groups, active or not, so a test
// takes a number no group has yet. Concurrent test files may race for it;
// createGroup retries on that conflict.
export async function freeGroupNumber(client) {
  const used = new Set(
    (await listAll(client, '/api/v1/groups')).map((g) => g.number),
  )
  const free = []
  for (let n = 7; n <= 99; n++) if (!used.has(n)) free.push(n)
  assert.ok(
    free.length > 0,
    'a free group number (1–99) remains; use a fresh database',
  )
  return free[uniqInt(0, free.length)]
}

export async function createGroup(client, fields = {}) {
  const regionIds = fields.region_ids ?? [(await createRegion(client)).id]
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await postGroup(client, fields, regionIds)
    if (res.status === 409 && res.json?.error?.field === 'number') continue
    expectStatus(res, 201, 'create group')
    return res.json
  }
  throw new Error('no free group number after 3 attempts')
}

async function postGroup(client, fields, regionIds) {
  return client.post('/api/v1/groups', {
    number: await freeGroupNumber(client),
    name: uniq('组'),
    leader_id: fields.leader_id ?? (await leaderIdByName(client, '施波')),
    unit_id: fields.unit_id ?? (await unitIdByName(client, '执法四局')),
    ...fields,
    region_ids: regionIds,
  })
}

export async function createUser(client, fields = {}) {
  const body = {
    username: uniq('u_'),
    display_name: uniq('用户'),
    role: 'viewer',
    password: 'Passw0rd-long-enough',
    ...fields,
  }
  const res = await client.post('/api/v1/users', body)
  expectStatus(res, 201, 'create user')
  return { ...res.json, password: body.password }
}

// Starts another `xinfang serve` on the same database with extra flags, on a
// free port, and waits for /healthz. The caller must await stop().
export async function startServer(extraArgs) {
  const port = await freePort()
  const bin = path.resolve(env('XINFANG_BIN'))
  const args = [
    'serve',
    '--db',
    env('XINFANG_DB_URL'),
    '--listen',
    `127.0.0.1:${port}`,
    ...extraArgs,
  ]
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGTERM')
    await exited
  }

  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.status === 200) return { url, stop }
    } catch {
      // Not listening yet.
    }
    await sleep(100)
  }
  await stop()
  throw new Error(
    `server ${args.join(' ')} did not become healthy: ${stderr.slice(-2000)}`,
  )
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}
