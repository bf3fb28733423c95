// Controlled vocabularies with their Chinese labels (api-contract
// "Vocabularies").
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { expectStatus, loggedIn } from './lib.mjs'

const ROLES = {
  admin: '系统管理员',
  coordinator: '信访调处科',
  leader: '局领导',
  bureau: '执法局',
  town: '属地政府',
  viewer: '只读/审计',
}

test('roles carry code, Chinese and English labels', async () => {
  const client = await loggedIn('zhifa1')

  const res = await client.get('/api/v1/vocabularies')

  expectStatus(res, 200)
  assert.deepEqual(
    Object.fromEntries(res.json.roles.map((r) => [r.code, r.zh])),
    ROLES,
  )
  for (const role of res.json.roles) {
    assert.equal(typeof role.en, 'string')
    assert.ok(role.en.length > 0)
    assert.doesNotMatch(role.en, /[\u4e00-\u9fff]/)
  }
})

test('unit kinds and group roles are listed with Chinese labels', async () => {
  const client = await loggedIn('shenji')

  const res = await client.get('/api/v1/vocabularies')

  expectStatus(res, 200)
  assert.deepEqual(res.json.unit_kinds.map((k) => k.code).sort(), [
    'bureau',
    'department',
    'enforcement',
    'section',
    'town',
  ])
  assert.deepEqual(res.json.group_roles.map((k) => k.code).sort(), [
    'deputy',
    'head',
  ])
  for (const entry of [...res.json.unit_kinds, ...res.json.group_roles]) {
    assert.match(entry.zh, /[\u4e00-\u9fff]/, entry.code)
    assert.equal(typeof entry.en, 'string')
  }
})
