// docs/openapi.yaml against the server's own route table (`xinfang routes`),
// plus the internal consistency of the document (every $ref resolves, every
// path parameter is declared).
//
// The route table is the set of `METHOD /path/{param}` lines the binary prints.
// Only API and service routes are compared (/api/..., /healthz, /metrics): the
// web app served at `/` with its SPA fallback is not part of the HTTP API.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, test } from 'node:test'
import YAML from 'yaml'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const DOC_PATH = path.resolve(HERE, '../../docs/openapi.yaml')
const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]

let doc

before(() => {
  doc = YAML.parse(readFileSync(DOC_PATH, 'utf8'))
})

function isApiRoute(p) {
  return p.startsWith('/api/') || p === '/healthz' || p === '/metrics'
}

function documentedOperations() {
  const ops = new Set()
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method] && method !== 'head')
        ops.add(`${method.toUpperCase()} ${p}`)
    }
  }
  return ops
}

function serverRoutes() {
  const bin = process.env.XINFANG_BIN
  assert.ok(bin, 'XINFANG_BIN names the xinfang binary')
  const out = execFileSync(path.resolve(bin), ['routes'], { encoding: 'utf8' })
  const routes = new Set()
  for (const line of out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([A-Z]+) (\/\S*)$/.exec(line)
    assert.ok(match, `route line "${line}" is "METHOD /path"`)
    if (isApiRoute(match[2])) routes.add(`${match[1]} ${match[2]}`)
  }
  return routes
}

test('every server route is documented and every documented operation exists', () => {
  const documented = documentedOperations()
  const served = serverRoutes()

  const undocumented = [...served].filter((r) => !documented.has(r)).sort()
  const missing = [...documented].filter((r) => !served.has(r)).sort()

  assert.ok(served.size > 0, 'xinfang routes printed no API routes')
  assert.deepEqual(
    { undocumented, missing },
    { undocumented: [], missing: [] },
    `routes the document lacks:\n  ${undocumented.join('\n  ') || '(none)'}\n` +
      `documented operations the server lacks:\n  ${missing.join('\n  ') || '(none)'}`,
  )
})

test('the document is OpenAPI 3.0.3 with info, servers and security schemes', () => {
  assert.equal(doc.openapi, '3.0.3')
  assert.ok(doc.info?.title && doc.info?.version)
  const schemes = doc.components?.securitySchemes ?? {}
  assert.deepEqual(schemes.cookieAuth, {
    type: 'apiKey',
    in: 'cookie',
    name: 'xf_session',
    description: schemes.cookieAuth?.description,
  })
  assert.deepEqual(schemes.csrfToken, {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: schemes.csrfToken?.description,
  })
})

test('every $ref resolves inside the document', () => {
  const broken = []
  const visit = (node, where) => {
    if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${where}/${i}`))
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && resolve(node.$ref) === undefined) {
        broken.push(`${where}: ${node.$ref}`)
      }
      for (const [k, v] of Object.entries(node)) visit(v, `${where}/${k}`)
    }
  }

  visit(doc, '#')

  assert.deepEqual(broken, [])
})

function resolve(ref) {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/')], doc)
}

function parametersOf(item, op) {
  return [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
    p.$ref ? resolve(p.$ref) : p,
  )
}

test('every operation declares its path parameters, a summary, a description and responses', () => {
  const problems = []
  for (const [p, item] of Object.entries(doc.paths)) {
    const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method]
      const where = `${method.toUpperCase()} ${p}`
      const declared = parametersOf(item, op)
        .filter((x) => x?.in === 'path')
        .map((x) => x.name)
        .sort()
      if (templated.join() !== declared.join())
        problems.push(`${where}: path params`)
      if (!op.summary || !op.description)
        problems.push(`${where}: summary/description`)
      if (!op.operationId) problems.push(`${where}: operationId`)
      if (!op.responses || Object.keys(op.responses).length === 0) {
        problems.push(`${where}: responses`)
      }
    }
  }

  assert.deepEqual(problems, [])
})

test('writes under /api/v1 other than login require the CSRF header', () => {
  const lacking = []
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!p.startsWith('/api/v1/')) continue
    for (const method of ['post', 'put', 'patch', 'delete'].filter(
      (m) => item[m],
    )) {
      if (p === '/api/v1/session' && method === 'post') continue
      const security = item[method].security ?? doc.security ?? []
      if (!security.some((s) => 'csrfToken' in s))
        lacking.push(`${method} ${p}`)
    }
  }

  assert.deepEqual(lacking, [])
})

test('the error schema lists every stable error code of the contract', () => {
  const codes = resolve('#/components/schemas/Error')?.properties?.error
    ?.properties?.code?.enum

  for (const code of [
    'json.malformed',
    'json.not_object',
    'request.unsupported_media_type',
    'request.too_large',
    'validation.required',
    'validation.type',
    'validation.invalid',
    'validation.too_long',
    'auth.required',
    'auth.invalid_credentials',
    'auth.too_many_attempts',
    'csrf.invalid',
    'access.forbidden',
    'not_found',
    'method_not_allowed',
    'conflict.duplicate',
    'conflict.in_use',
    'conflict.region_taken',
    'conflict.self',
    'internal',
  ]) {
    assert.ok(codes?.includes(code), code)
  }
})

// Checks `value` against an OpenAPI 3.0 schema subset (type, nullable, enum,
// required, properties, items, additionalProperties, allOf, $ref). Documented
// objects are treated as closed: a field the server sends but the document
// does not list is reported, so the document cannot fall behind the server.
function schemaProblems(schema, value, where) {
  if (schema.$ref) return schemaProblems(resolve(schema.$ref), value, where)
  // OpenAPI 3.0: an untyped schema admits null; a typed one needs nullable.
  if (value === null) {
    const ok = schema.nullable || (!schema.type && !schema.allOf)
    return ok ? [] : [`${where}: null but not nullable`]
  }
  const problems = []
  for (const part of schema.allOf ?? []) {
    problems.push(...schemaProblems(part, value, where))
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${where}: ${JSON.stringify(value)} not in enum`)
  }
  const type = Array.isArray(value) ? 'array' : typeof value
  const expected = schema.type === 'integer' ? 'number' : schema.type
  if (schema.type && expected !== type) {
    return [...problems, `${where}: ${type}, documented ${schema.type}`]
  }
  if (schema.type === 'integer' && !Number.isInteger(value)) {
    problems.push(`${where}: ${value} is not an integer`)
  }
  if (type === 'array' && schema.items) {
    value.forEach((v, i) =>
      problems.push(...schemaProblems(schema.items, v, `${where}[${i}]`)),
    )
  }
  if (type === 'object') problems.push(...objectProblems(schema, value, where))
  return problems
}

function objectProblems(schema, value, where) {
  const problems = []
  for (const key of schema.required ?? []) {
    if (!(key in value)) problems.push(`${where}: missing ${key}`)
  }
  for (const [key, v] of Object.entries(value)) {
    const property = schema.properties?.[key]
    const extra = schema.additionalProperties
    if (property)
      problems.push(...schemaProblems(property, v, `${where}.${key}`))
    else if (extra && typeof extra === 'object') {
      problems.push(...schemaProblems(extra, v, `${where}.${key}`))
    } else if (schema.properties && !extra) {
      problems.push(`${where}: undocumented field ${key}`)
    }
  }
  return problems
}

function responseSchema(method, template, status) {
  const op = doc.paths[template]?.[method]
  let response = op?.responses?.[String(status)]
  if (response?.$ref) response = resolve(response.$ref)
  return response?.content?.['application/json']?.schema
}

test('live responses match their documented schemas', async (t) => {
  if (!process.env.XINFANG_URL) {
    t.skip('XINFANG_URL is not set')
    return
  }
  const { admin } = await import('./lib.mjs')
  const client = await admin()
  const firstId = async (p) =>
    (await client.get(`${p}?page_size=1`)).json.items[0].id
  const ids = {
    regions: await firstId('/api/v1/regions'),
    units: await firstId('/api/v1/units'),
    leaders: await firstId('/api/v1/leaders'),
    groups: await firstId('/api/v1/groups'),
    users: await firstId('/api/v1/users'),
  }
  const calls = [
    ['/api/v1/me', '/api/v1/me', 200],
    ['/api/v1/audit?page_size=200', '/api/v1/audit', 200],
    ['/api/v1/calendar/2023', '/api/v1/calendar/{year}', 200],
    ['/api/v1/calendar/2030', '/api/v1/calendar/{year}', 200],
    ['/api/v1/calendar/abc', '/api/v1/calendar/{year}', 400],
    ['/api/v1/vocabularies', '/api/v1/vocabularies', 200],
    ['/healthz', '/healthz', 200],
  ]
  for (const [name, id] of Object.entries(ids)) {
    calls.push([`/api/v1/${name}?page_size=500`, `/api/v1/${name}`, 200])
    calls.push([`/api/v1/${name}/${id}`, `/api/v1/${name}/{id}`, 200])
    calls.push([`/api/v1/${name}/987654321`, `/api/v1/${name}/{id}`, 404])
  }

  const problems = []
  for (const [url, template, status] of calls) {
    const res = await client.get(url)
    const schema = responseSchema('get', template, status)
    if (res.status !== status) problems.push(`GET ${url}: status ${res.status}`)
    else if (!schema) problems.push(`GET ${template} ${status}: no schema`)
    else problems.push(...schemaProblems(schema, res.json, `GET ${url}`))
  }

  assert.deepEqual(problems, [])
})
