// Printed notices (issue 6): templates as data an admin edits, notices issued
// from a petition with their number, date and the bureau's name, kept as
// issued, and printed as PDF with selectable Chinese text.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import {
  download,
  expectError,
  loggedIn,
  petitionAudit,
  petitionIn,
  registerPetition,
  schemaProblems,
} from './lib.mjs'
import { pdfText } from './pdf.mjs'

let admin
let tiaochu

// pdftotext adds or drops spaces around CJK text; compare without them.
const bare = (text) => text.replace(/\s/g, '')

before(async () => {
  admin = await loggedIn('admin')
  tiaochu = await loggedIn('tiaochu')
})

async function issue(client, petitionId, kind, fields = {}) {
  const res = await client.post(`/api/v1/petitions/${petitionId}/notices`, { kind, ...fields })
  assert.equal(res.status, 201, res.text)
  return res.json
}

test('the seven templates are listed in workflow order with their placeholders', async () => {
  const res = await tiaochu.get('/api/v1/notice-templates')

  assert.equal(res.status, 200)
  assert.deepEqual(
    res.json.items.map((t) => t.name),
    ['受理告知书', '不予受理告知书', '交办单', '督办单', '延期告知书', '答复意见书', '复查意见书'],
  )
  assert.ok(res.json.placeholders.some((p) => p.name === 'petitioner'))
  for (const t of res.json.items) {
    assert.deepEqual(await schemaProblems('NoticeTemplate', t), [])
  }
})

test('an acceptance notice is numbered, dated, names the petitioner and prints as PDF', async () => {
  const petition = await registerPetition(tiaochu, { received_at: '2024-05-06T10:00:00+08:00' })
  const name = petition.body.petitioners[0].name

  const first = await issue(tiaochu, petition.id, 'acceptance', { issued_on: '2024-05-08' })
  const second = await issue(tiaochu, petition.id, 'acceptance', { issued_on: '2024-05-09' })

  assert.match(first.number, /^海环信受〔2024〕\d+号$/)
  const n = (doc) => Number(/〕(\d+)号/.exec(doc.number)[1])
  assert.equal(n(second), n(first) + 1)
  assert.equal(first.content.addressee, `${name}：`)
  assert.equal(first.content.date, '2024年5月8日')
  assert.equal(first.content.issuer, '南通市海门生态环境局')
  assert.ok(first.content.paragraphs[0].includes('2024年5月6日'))
  assert.ok(first.content.paragraphs[0].includes(petition.summary))
  assert.deepEqual(await schemaProblems('IssuedNotice', first), [])

  const pdf = await download(tiaochu, `/api/v1/petitions/${petition.id}/notices/${first.id}/pdf`)
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  const text = bare(pdfText(pdf.bytes))
  for (const part of ['南通市海门生态环境局', '信访事项受理告知书', first.number, `${name}：`, '2024年5月8日', '特此告知。']) {
    assert.ok(text.includes(bare(part)), `${part} in\n${text}`)
  }
  const audit = await petitionAudit(admin, petition.id)
  assert.ok(audit.some((a) => a.action === 'issue_notice'))
})

test('an assignment sheet carries the unit, requirements and time limit as a form', async () => {
  const petition = await petitionIn(tiaochu, 'assigned')

  const sheet = await issue(tiaochu, petition.id, 'assignment')

  assert.equal(sheet.content.addressee, '执法一局：')
  const fields = Object.fromEntries(sheet.content.fields)
  assert.equal(fields['信访编号'], petition.code)
  assert.equal(fields['交办要求'], '请现场调查并限期反馈')
  const text = bare(
    pdfText((await download(tiaochu, `/api/v1/petitions/${petition.id}/notices/${sheet.id}/pdf`)).bytes),
  )
  assert.ok(text.includes('信访事项交办单'))
  assert.ok(text.includes('请现场调查并限期反馈'))
  assert.ok(text.includes('抄送：局信访调处科。'))
})

test('every kind can be issued and printed', async () => {
  const petition = await petitionIn(tiaochu, 'replied')
  const kinds = ['acceptance', 'non_acceptance', 'assignment', 'supervision', 'extension', 'reply', 'review']

  for (const kind of kinds) {
    const doc = await issue(tiaochu, petition.id, kind)
    const pdf = await download(tiaochu, `/api/v1/petitions/${petition.id}/notices/${doc.id}/pdf`)
    assert.equal(pdf.status, 200, kind)
    assert.ok(bare(pdfText(pdf.bytes)).includes(bare(doc.content.title)), kind)
  }
  const list = await tiaochu.get(`/api/v1/petitions/${petition.id}/notices`)
  assert.deepEqual(list.json.items.map((d) => d.kind), kinds)
})

test('an admin edits a template; notices issued before keep their text', async () => {
  const petition = await registerPetition(tiaochu)
  const before = await issue(tiaochu, petition.id, 'extension')
  const template = (await admin.get('/api/v1/notice-templates/extension')).json

  const saved = await admin.request('PUT', '/api/v1/notice-templates/extension', {
    json: { ...template, body: `${template.body}\n\n经办人：{{leader}}` },
  })
  const stale = await admin.request('PUT', '/api/v1/notice-templates/extension', {
    json: { ...template, body: '过期版本' },
  })
  const after = await issue(tiaochu, petition.id, 'extension')
  await admin.request('PUT', '/api/v1/notice-templates/extension', {
    json: { ...template, version: saved.json.version },
  })

  assert.equal(saved.status, 200)
  assert.equal(saved.json.version, template.version + 1)
  expectError(stale, 409, 'conflict.stale_version', 'version')
  assert.ok(after.content.paragraphs.at(-1).startsWith('经办人：'))
  const reprinted = (await tiaochu.get(`/api/v1/petitions/${petition.id}/notices`)).json.items.find(
    (d) => d.id === before.id,
  )
  assert.deepEqual(reprinted.content, before.content)
})

test('templates with unknown placeholders, other roles and unknown kinds are refused', async () => {
  const template = (await admin.get('/api/v1/notice-templates/reply')).json
  const petition = await registerPetition(tiaochu)
  const bureau = await loggedIn('zhifa1')

  expectError(
    await admin.request('PUT', '/api/v1/notice-templates/reply', {
      json: { ...template, body: '{{petitioner_phone}}' },
    }),
    400,
    'validation.template',
    'body',
  )
  expectError(
    await tiaochu.request('PUT', '/api/v1/notice-templates/reply', { json: template }),
    403,
    'access.forbidden',
  )
  expectError(await bureau.get('/api/v1/notice-templates'), 403, 'access.forbidden')
  expectError(await admin.get('/api/v1/notice-templates/memo'), 404, 'not_found')
  expectError(
    await tiaochu.post(`/api/v1/petitions/${petition.id}/notices`, { kind: 'memo' }),
    400,
    'validation.invalid',
    'kind',
  )
  expectError(await tiaochu.get('/api/v1/petitions/987654321/notices'), 404, 'not_found')
})
