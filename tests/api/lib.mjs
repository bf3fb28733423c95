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
import { deflateSync } from 'node:zlib'

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

// ---------------------------------------------------------------------------
// Petitions (petition-contract). Every helper below registers its own
// petitions with random markers, so test files stay independent of each other
// and of the order they run in.

export const MS_PER_DAY = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

// The calendar date in China `offsetDays` from today, as YYYY-MM-DD.
export function chinaDate(offsetDays = 0) {
  const t = new Date(Date.now() + CHINA_OFFSET_MS + offsetDays * MS_PER_DAY)
  return t.toISOString().slice(0, 10)
}

// A time with the +08:00 offset: `chinaTime('2023-09-20', '09:30')`.
export function chinaTime(date, clock = '09:30:00') {
  const hms = clock.length === 5 ? `${clock}:00` : clock
  return `${date}T${hms}+08:00`
}

// Now minus `minutes`, written with the +08:00 offset (whole seconds).
export function minutesAgo(minutes) {
  const t = new Date(Date.now() + CHINA_OFFSET_MS - minutes * 60_000)
  return `${t.toISOString().slice(0, 19)}+08:00`
}

export function addDays(date, days) {
  const t = new Date(`${date}T00:00:00Z`)
  return new Date(t.getTime() + days * MS_PER_DAY).toISOString().slice(0, 10)
}

// A random 18-digit resident ID number with a correct GB 11643 check digit
// (area code of Haimen, birth date in the 1960s–1990s).
export function validIdNumber() {
  const year = 1960 + uniqInt(0, 40)
  const month = String(1 + uniqInt(0, 12)).padStart(2, '0')
  const day = String(1 + uniqInt(0, 28)).padStart(2, '0')
  const seq = String(uniqInt(0, 1000)).padStart(3, '0')
  const body = `320684${year}${month}${day}${seq}`
  return body + idCheckDigit(body)
}

export function idCheckDigit(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i]
  return '10X98765432'[sum % 11]
}

// The same ID number with a check digit that GB 11643 rejects.
export function wrongCheckDigit(idNumber) {
  const right = idNumber[17]
  const wrong = ['0', '1', '2'].find((d) => d !== right)
  return idNumber.slice(0, 17) + wrong
}

// A random mainland mobile number.
export function randomMobile() {
  return `139${String(uniqInt(0, 100_000_000)).padStart(8, '0')}`
}

// Random CJK characters: a marker that only this test's petitions contain and
// that a bigram search finds.
export function zhMarker(length = 4) {
  let text = ''
  for (let i = 0; i < length; i++) {
    text += String.fromCodePoint(0x4e00 + uniqInt(0, 0x9fa5 - 0x4e00))
  }
  return text
}

// Masks as the contract shows them: 张*明, 138****5678.
export function maskedPhone(phone) {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export function maskedName(name) {
  return name.length <= 2
    ? `${name[0]}*`
    : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`
}

const idCache = new Map()

async function cachedId(client, urlPath, name) {
  const key = `${urlPath} ${name}`
  if (!idCache.has(key)) {
    const [row] = await findByName(client, urlPath, name)
    assert.ok(row, `${urlPath}: ${name} exists`)
    idCache.set(key, row.id)
  }
  return idCache.get(key)
}

export function regionId(client, name) {
  return cachedId(client, '/api/v1/regions', name)
}

export function unitId(client, name) {
  return cachedId(client, '/api/v1/units', name)
}

// A petitioner that passes validation: a three-character name, a valid ID
// number, a mobile number and an address.
export function newPetitioner(fields = {}) {
  return {
    name: `张${zhMarker(1)}明`,
    id_number: validIdNumber(),
    phone: randomMobile(),
    address: `海门区三星镇${zhMarker(2)}村`,
    representative: true,
    ...fields,
  }
}

// A valid registration body for region 海门开发区 (group 1, 执法一局) received
// an hour ago; `fields` override any part.
export async function petitionBody(client, fields = {}) {
  const marker = zhMarker()
  return {
    channel: 'visit',
    source: 'other',
    level: 'district',
    content_type: 'violation',
    legal_category: 'accusation',
    pollution_type: 'noise',
    region_id: await regionId(client, '海门开发区'),
    location: `海门开发区${marker}路8号`,
    respondent: `${marker}机械厂`,
    summary: `${marker}夜间生产扰民`,
    demand: '要求停止夜间生产',
    received_at: minutesAgo(60),
    people_count: 1,
    petitioners: [newPetitioner()],
    ...fields,
  }
}

// Registers a petition as `client` (a coordinator or admin) and returns the
// created Petition with the request body under `body`.
export async function registerPetition(client, fields = {}) {
  const body = await petitionBody(client, fields)
  const res = await client.post('/api/v1/petitions', body)
  expectStatus(res, 201, 'register petition')
  return { ...res.json, body }
}

export async function getPetition(client, id) {
  const res = await client.get(`/api/v1/petitions/${id}`)
  expectStatus(res, 200, `GET petition ${id}`)
  return res.json
}

// Valid fields for every action; tests override what they look at.
export function actionFields(action) {
  switch (action) {
    case 'decline':
      return { reason: '不属于生态环境部门职责范围' }
    case 'forward':
      return { agency: '海门区住房和城乡建设局' }
    case 'assign':
      return { requirements: '请现场调查并限期反馈', deadline: chinaDate(10) }
    case 'report':
      return { findings: '已现场检查，企业已停止夜间生产' }
    case 'reply':
      return { content: '经调查，已责令企业整改', way: 'written' }
    case 'record_satisfaction':
      return { satisfaction: 'satisfied' }
    case 'request_review':
      return { reason: '对答复意见不满意' }
    case 'decide_review':
      return { content: '维持原答复意见' }
    case 'request_rereview':
      return { reason: '对复查意见不服' }
    case 'decide_rereview':
      return { content: '维持复查意见' }
    case 'mark_litigation':
      return { reason: '信访人已提起行政诉讼' }
    case 'extend':
      return { extension_days: 15, reason: '案情复杂，需补充调查' }
    case 'supervise':
      return { content: '请加快办理并按时反馈', deadline: chinaDate(5) }
    case 'answer_supervision':
      return { content: '已加快办理，三日内反馈' }
    case 'pause':
      return { reason: '组织听证', until: chinaDate(7) }
    default:
      return {}
  }
}

// Posts a transition with the petition's current version; returns the raw
// response.
export function transition(client, petition, action, fields = {}) {
  return client.post(`/api/v1/petitions/${petition.id}/transitions`, {
    action,
    version: petition.version,
    ...actionFields(action),
    ...fields,
  })
}

// A transition that must succeed; returns the Petition after it.
export async function advance(client, petition, action, fields = {}) {
  const res = await transition(client, petition, action, fields)
  expectStatus(res, 200, `${action} on ${petition.code} (${petition.status})`)
  return res.json
}

// The actions, from registered, that reach each status.
export const PATHS = {
  registered: [],
  accepted: ['accept'],
  not_accepted: ['decline'],
  forwarded: ['forward'],
  assigned: ['accept', 'assign'],
  reported: ['accept', 'assign', 'report'],
  replied: ['accept', 'assign', 'report', 'reply'],
  closed: ['accept', 'assign', 'report', 'reply', 'close'],
  review_requested: ['accept', 'assign', 'report', 'reply', 'request_review'],
  reviewed: [
    'accept',
    'assign',
    'report',
    'reply',
    'request_review',
    'decide_review',
  ],
  rereview_requested: [
    'accept',
    'assign',
    'report',
    'reply',
    'request_review',
    'decide_review',
    'request_rereview',
  ],
  rereviewed: [
    'accept',
    'assign',
    'report',
    'reply',
    'request_review',
    'decide_review',
    'request_rereview',
    'decide_rereview',
  ],
  terminated: [
    'accept',
    'assign',
    'report',
    'reply',
    'request_review',
    'decide_review',
    'request_rereview',
    'decide_rereview',
    'close',
  ],
  litigation: ['accept', 'mark_litigation'],
}

// Moves `petition` to `status` by the PATHS actions, all as `client` (the
// coordinator may also report). `unit` names the unit to assign to (default
// 执法一局). With `stepAt(i)` each step i is recorded at that time, and the
// assignment deadline counts from it.
export async function moveTo(client, petition, status, opts = {}) {
  const unit = await unitId(client, opts.unit ?? '执法一局')
  let current = petition
  const steps = PATHS[status]
  for (let i = 0; i < steps.length; i++) {
    const action = steps[i]
    const fields = {}
    if (opts.stepAt) fields.at = opts.stepAt(i)
    if (action === 'assign') {
      fields.unit_id = unit
      if (opts.stepAt) fields.deadline = addDays(fields.at.slice(0, 10), 10)
    }
    current = await advance(client, current, action, fields)
  }
  assert.equal(current.status, status)
  return current
}

// Registers a petition and moves it to `status`; the result keeps the
// registration body under `body`.
export async function petitionIn(client, status, fields = {}, opts = {}) {
  const registered = await registerPetition(client, fields)
  const moved = await moveTo(client, registered, status, opts)
  return { ...moved, body: registered.body }
}

// Asserts that a refused request left the petition as it was: same version,
// status and timeline.
export async function expectUnchanged(client, before) {
  const after = await getPetition(client, before.id)
  assert.equal(after.version, before.version, 'version unchanged')
  assert.equal(after.status, before.status, 'status unchanged')
  assert.equal(
    after.timeline.length,
    before.timeline.length,
    'no timeline entry added',
  )
  return after
}

// A minimal valid PNG (1×1 pixel, grey) and a minimal PDF, built here so the
// upload tests need no fixture files.
export function pngBytes() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(typed))
    return Buffer.concat([len, typed, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0)
  header.writeUInt32BE(1, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // greyscale
  const pixels = deflateSync(Buffer.from([0, 0x80]))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return (crc ^ 0xffffffff) >>> 0
}

export function pdfBytes() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ]
  let text = '%PDF-1.4\n'
  const offsets = []
  objects.forEach((body, i) => {
    offsets.push(text.length)
    text += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = text.length
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const off of offsets)
    text += `${String(off).padStart(10, '0')} 00000 n \n`
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\n`
  text += `startxref\n${xref}\n%%EOF\n`
  return Buffer.from(text, 'latin1')
}

export function upload(client, petitionId, bytes, contentType, filename) {
  return client.request('POST', `/api/v1/petitions/${petitionId}/attachments`, {
    body: bytes,
    headers: {
      'content-type': contentType,
      'x-filename': encodeURIComponent(filename),
    },
  })
}

// Raw bytes of a GET (for downloads).
export async function download(client, urlPath) {
  const headers = client.cookie
    ? { cookie: `${SESSION_COOKIE}=${client.cookie}` }
    : {}
  const res = await fetch(client.base + urlPath, { headers })
  return {
    status: res.status,
    headers: res.headers,
    bytes: Buffer.from(await res.arrayBuffer()),
  }
}

// Audit rows of one petition (the client needs audit.read: admin or viewer).
export async function petitionAudit(client, petitionId) {
  return listAll(
    client,
    `/api/v1/audit?entity=petition&entity_id=${petitionId}`,
  )
}

// docs/openapi.yaml, parsed once.
let openApiDoc
export async function openApi() {
  if (!openApiDoc) {
    const { readFileSync } = await import('node:fs')
    const { fileURLToPath } = await import('node:url')
    const YAML = (await import('yaml')).default
    const file = fileURLToPath(
      new URL('../../docs/openapi.yaml', import.meta.url),
    )
    openApiDoc = YAML.parse(readFileSync(file, 'utf8'))
  }
  return openApiDoc
}

// Where `value` departs from the named schema of docs/openapi.yaml (the
// OpenAPI 3.0 subset the document uses: type, nullable, enum, required,
// properties, items, additionalProperties, allOf, $ref). Documented objects are
// closed: a field the document does not list is reported.
export async function schemaProblems(schemaName, value) {
  const doc = await openApi()
  const resolve = (ref) =>
    ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node?.[key], doc)
  const check = (schema, v, where) => {
    if (schema.$ref) return check(resolve(schema.$ref), v, where)
    if (v === null) {
      const ok = schema.nullable || (!schema.type && !schema.allOf)
      return ok ? [] : [`${where}: null but not nullable`]
    }
    const problems = []
    for (const part of schema.allOf ?? [])
      problems.push(...check(part, v, where))
    if (schema.enum && !schema.enum.includes(v)) {
      problems.push(`${where}: ${JSON.stringify(v)} not in enum`)
    }
    const type = Array.isArray(v) ? 'array' : typeof v
    const expected = schema.type === 'integer' ? 'number' : schema.type
    if (schema.type && expected !== type) {
      return [...problems, `${where}: ${type}, documented ${schema.type}`]
    }
    if (type === 'array' && schema.items) {
      v.forEach((x, i) =>
        problems.push(...check(schema.items, x, `${where}[${i}]`)),
      )
    }
    if (type === 'object') {
      for (const key of schema.required ?? []) {
        if (!(key in v)) problems.push(`${where}: missing ${key}`)
      }
      for (const [key, x] of Object.entries(v)) {
        const property = schema.properties?.[key]
        if (property) problems.push(...check(property, x, `${where}.${key}`))
        else if (schema.properties && !schema.additionalProperties) {
          problems.push(`${where}: undocumented field ${key}`)
        }
      }
    }
    return problems
  }
  return check(
    { $ref: `#/components/schemas/${schemaName}` },
    value,
    schemaName,
  )
}

// ---------------------------------------------------------------------------
// Reception days, bookings and the public portal (reception-contract). Test
// files create their own days, in years or on dates no other file uses, and
// give each booking a fresh phone number, so that capacity and duplicate
// checks only ever see that test's bookings.

// The seed's Attachment 1: the 2023 reception days and their leaders.
export const ATTACHMENT_ONE_2023 = [
  ['2023-02-14', '刘华军'],
  ['2023-03-14', '杨杰'],
  ['2023-04-18', '许正娟'],
  ['2023-05-16', '施波'],
  ['2023-06-20', '钱向东'],
  ['2023-07-18', '王向阳'],
  ['2023-08-15', '龚雪松'],
  ['2023-09-19', '刘华军'],
  ['2023-10-17', '杨杰'],
  ['2023-11-14', '许正娟'],
  ['2023-12-19', '施波'],
]

// A random date of `year` (days 1–28, so every month has it).
export function dateIn(year) {
  const month = String(1 + uniqInt(0, 12)).padStart(2, '0')
  const day = String(1 + uniqInt(0, 28)).padStart(2, '0')
  return `${year}-${month}-${day}`
}

// "星期二" for a YYYY-MM-DD date.
export function weekdayZh(date) {
  const names = [
    '星期日',
    '星期一',
    '星期二',
    '星期三',
    '星期四',
    '星期五',
    '星期六',
  ]
  return names[new Date(`${date}T00:00:00Z`).getUTCDay()]
}

// "2023年2月14日" for a YYYY-MM-DD date.
export function dateZh(date) {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

// A session starting about `hours` from now, as {date, start_time, end_time}
// in China time. A start after 23:00 is moved 90 minutes earlier so the hour
// after it still fits in the day; callers keep a margin of hours either side
// of any limit they test.
export function sessionIn(hours) {
  let t = Date.now() + CHINA_OFFSET_MS + hours * 3_600_000
  if (new Date(t).getUTCHours() >= 23) t -= 90 * 60_000
  const iso = new Date(t).toISOString()
  const end = new Date(t + 3_600_000).toISOString()
  return {
    date: iso.slice(0, 10),
    start_time: iso.slice(11, 16),
    end_time: end.slice(11, 16),
  }
}

// Creates a reception day as `client` (coordinator or admin), published and
// received by 刘华军 unless `fields` say otherwise.
export async function createReceptionDay(client, fields = {}) {
  const res = await client.post('/api/v1/reception-days', {
    leader_ids: [await leaderIdByName(client, '刘华军')],
    published: true,
    ...fields,
  })
  expectStatus(res, 201, 'create reception day')
  return res.json
}

export async function receptionDays(client, year) {
  const res = await client.get(`/api/v1/reception-days?year=${year}`)
  expectStatus(res, 200, `GET reception days of ${year}`)
  return res.json.items
}

export async function dayAppointments(client, dayId) {
  const res = await client.get(`/api/v1/reception-days/${dayId}/appointments`)
  expectStatus(res, 200, `GET appointments of day ${dayId}`)
  return res.json.items
}

// The phone's last four digits, and four digits that are not them.
export function lastFour(phone) {
  return phone.slice(-4)
}

export function otherFour(phone) {
  return String((Number(lastFour(phone)) + 1) % 10000).padStart(4, '0')
}

// A valid public booking for `dayId`.
export function bookingBody(dayId, fields = {}) {
  return {
    reception_day_id: dayId,
    name: `李${zhMarker(1)}华`,
    phone: randomMobile(),
    region: '三星镇',
    topic: `${zhMarker(4)}厂夜间噪声扰民`,
    ...fields,
  }
}

// POST /api/public/... without a session, as a citizen's browser sends it.
export function publicPost(urlPath, json, base = baseUrl()) {
  return new Client(base).post(`/api/public${urlPath}`, json, { csrf: false })
}

export function publicGet(urlPath, base = baseUrl()) {
  return new Client(base).get(`/api/public${urlPath}`)
}

// Books `body` and expects 201; returns the booking with the request body.
export async function book(body) {
  const res = await publicPost('/appointments', body)
  expectStatus(res, 201, 'public booking')
  return { ...res.json, body }
}

// A valid online complaint about 海门开发区; `fields` override any part.
export async function complaintBody(client, fields = {}) {
  const marker = zhMarker()
  return {
    privacy_accepted: true,
    pollution_type: 'noise',
    region_id: await regionId(client, '海门开发区'),
    location: `海门开发区${marker}路18号`,
    respondent: `${marker}五金厂`,
    summary: `${marker}夜间冲压噪声扰民`,
    demand: '要求停止夜间生产',
    name: `王${zhMarker(1)}芳`,
    phone: randomMobile(),
    ...fields,
  }
}

// Uploads a file to an online complaint as the complainant.
export function uploadToComplaint(
  trackingCode,
  last4,
  bytes,
  contentType,
  filename,
) {
  return new Client().request('POST', '/api/public/complaints/attachments', {
    body: bytes,
    csrf: false,
    headers: {
      'content-type': contentType,
      'x-filename': encodeURIComponent(filename),
      'x-tracking-code': trackingCode,
      'x-phone-last4': last4,
    },
  })
}
