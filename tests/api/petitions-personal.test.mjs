// Petitioners' personal data (petition-contract "Petitioners"): masked in
// every list and detail, revealed only to the roles allowed to, each reveal
// audited without personal data, and never in clear in the database file.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { before, describe, test } from 'node:test'
import {
  admin,
  env,
  expectError,
  expectStatus,
  getPetition,
  listAll,
  loggedIn,
  maskedName,
  maskedPhone,
  newPetitioner,
  petitionAudit,
  petitionIn,
  registerPetition,
} from './lib.mjs'

let tiaochu
let leader
let zhifa1
let shenji
let auditor

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  leader = await loggedIn('liuhuajun')
  zhifa1 = await loggedIn('zhifa1')
  shenji = await loggedIn('shenji')
  auditor = await admin()
})

function personalValues(petition) {
  return petition.body.petitioners.flatMap((p) => [
    p.name,
    p.id_number,
    p.phone,
    p.address,
  ])
}

function expectNoPersonalData(text, petition, where) {
  for (const value of personalValues(petition)) {
    assert.ok(!text.includes(value), `${where} contains ${value.slice(0, 1)}…`)
  }
}

function expectMasked(shown, given) {
  assert.equal(shown.hidden, false)
  assert.equal(shown.name, maskedName(given.name))
  assert.equal(shown.phone, maskedPhone(given.phone))
  assert.equal(shown.id_number.length, 18)
  assert.equal(shown.id_number.slice(0, 6), given.id_number.slice(0, 6))
  assert.equal(shown.id_number.slice(-4), given.id_number.slice(-4))
  assert.match(shown.id_number.slice(6, 14), /^\*{8}$/)
  assert.notEqual(shown.address, given.address)
  assert.match(shown.address, /\*/)
}

describe('masked by default', () => {
  test('the detail shows 张*明, 138****5678 and a masked ID number and address', async () => {
    const p = await registerPetition(tiaochu, {
      people_count: 2,
      petitioners: [newPetitioner(), newPetitioner({ representative: false })],
    })

    const res = await tiaochu.get(`/api/v1/petitions/${p.id}`)

    expectStatus(res, 200)
    expectNoPersonalData(res.text, p, 'detail')
    p.body.petitioners.forEach((given, i) =>
      expectMasked(res.json.petitioners[i], given),
    )
  })

  test('the registration response is masked as well', async () => {
    const p = await registerPetition(tiaochu)

    expectNoPersonalData(
      JSON.stringify({ ...p, body: undefined }),
      p,
      'registration',
    )
    expectMasked(p.petitioners[0], p.body.petitioners[0])
  })

  test('the list shows the masked first petitioner and nothing personal', async () => {
    const p = await registerPetition(tiaochu)

    const res = await tiaochu.get(
      `/api/v1/petitions?q=${encodeURIComponent(p.body.summary)}`,
    )

    expectStatus(res, 200)
    expectNoPersonalData(res.text, p, 'list')
    const row = res.json.items.find((x) => x.id === p.id)
    assert.equal(row.petitioner, maskedName(p.body.petitioners[0].name))
  })

  test('GET /petitioners without reveal is masked for every reader', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    for (const client of [tiaochu, leader, zhifa1, shenji]) {
      const res = await client.get(`/api/v1/petitions/${p.id}/petitioners`)
      expectStatus(res, 200, client.user.username)
      expectNoPersonalData(res.text, p, client.user.username)
      expectMasked(res.json.items[0], p.body.petitioners[0])
    }
  })
})

describe('reveal', () => {
  test('the coordinator and the leader see clear values; each reveal is one audit row without personal data', async () => {
    const p = await petitionIn(tiaochu, 'assigned')
    const given = p.body.petitioners[0]

    for (const client of [tiaochu, leader]) {
      const res = await client.get(
        `/api/v1/petitions/${p.id}/petitioners?reveal=true`,
      )
      expectStatus(res, 200, client.user.username)
      const [shown] = res.json.items
      assert.equal(shown.name, given.name)
      assert.equal(shown.id_number, given.id_number)
      assert.equal(shown.phone, given.phone)
      assert.equal(shown.address, given.address)
      assert.equal(shown.representative, true)
      assert.equal(shown.hidden, false)
    }

    const rows = await petitionAudit(auditor, p.id)
    const reveals = rows.filter((r) => r.action === 'reveal')
    assert.deepEqual(reveals.map((r) => r.username).sort(), [
      'liuhuajun',
      'tiaochu',
    ])
    for (const row of reveals) {
      assert.equal(row.entity, 'petition')
      assert.equal(row.entity_id, p.id)
    }
    expectNoPersonalData(JSON.stringify(rows), p, 'audit')
  })

  test('the bureau and the viewer get 403, and no reveal is audited', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    for (const client of [zhifa1, shenji]) {
      const res = await client.get(
        `/api/v1/petitions/${p.id}/petitioners?reveal=true`,
      )
      expectError(res, 403, 'access.forbidden')
      expectNoPersonalData(res.text, p, client.user.username)
    }

    const rows = await petitionAudit(auditor, p.id)
    assert.deepEqual(
      rows.filter((r) => r.action === 'reveal'),
      [],
    )
  })

  test('two reveals write two audit rows', async () => {
    const p = await registerPetition(tiaochu)

    for (let i = 0; i < 2; i++) {
      expectStatus(
        await tiaochu.get(`/api/v1/petitions/${p.id}/petitioners?reveal=true`),
        200,
      )
    }

    const rows = await petitionAudit(auditor, p.id)
    assert.equal(rows.filter((r) => r.action === 'reveal').length, 2)
  })

  test('the audit rows of registration and transitions carry no personal data', async () => {
    const p = await petitionIn(tiaochu, 'replied')

    const rows = await petitionAudit(auditor, p.id)

    assert.ok(rows.length >= 5, `registration and 4 steps: ${rows.length} rows`)
    expectNoPersonalData(JSON.stringify(rows), p, 'audit')
  })
})

describe('at rest', () => {
  test('the SQLite database file (and its WAL) does not contain a registered phone or ID number', async (t) => {
    if (process.env.XINFANG_ENGINE !== 'sqlite') {
      t.skip('SQLite only')
      return
    }
    const url = process.env.XINFANG_DB_URL ?? ''
    const file = url.replace(/^sqlite:(\/\/)?/, '')
    assert.ok(existsSync(file), `database file ${file}`)
    const p = await registerPetition(tiaochu)

    const parts = [file, `${file}-wal`, `${file}-journal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f))
    const raw = Buffer.concat(parts)

    const given = p.body.petitioners[0]
    assert.ok(
      raw.includes(Buffer.from(p.body.summary)),
      'the petition was written',
    )
    for (const value of [
      given.phone,
      given.id_number,
      given.name,
      given.address,
    ]) {
      assert.equal(
        raw.includes(Buffer.from(value, 'utf8')),
        false,
        'found in clear',
      )
    }
  })

  test('a pg_dump of the PostgreSQL database does not contain a registered phone or ID number', async (t) => {
    if (process.env.XINFANG_ENGINE !== 'postgres') {
      t.skip('PostgreSQL only')
      return
    }
    const p = await registerPetition(tiaochu)

    const dump = execFileSync(
      'pg_dump',
      ['--data-only', env('XINFANG_DB_URL')],
      {
        maxBuffer: 512 * 1024 * 1024,
      },
    )

    const given = p.body.petitioners[0]
    assert.ok(
      dump.includes(Buffer.from(p.body.summary)),
      'the petition was dumped',
    )
    for (const value of [
      given.phone,
      given.id_number,
      given.name,
      given.address,
    ]) {
      assert.equal(
        dump.includes(Buffer.from(value, 'utf8')),
        false,
        'found in clear',
      )
    }
  })

  test('a petitioner read back after registration is the same person (round trip through encryption)', async () => {
    const p = await registerPetition(tiaochu)

    const res = await tiaochu.get(
      `/api/v1/petitions/${p.id}/petitioners?reveal=true`,
    )

    expectStatus(res, 200)
    const { name, id_number, phone, address } = res.json.items[0]
    assert.deepEqual(
      { name, id_number, phone, address },
      {
        name: p.body.petitioners[0].name,
        id_number: p.body.petitioners[0].id_number,
        phone: p.body.petitioners[0].phone,
        address: p.body.petitioners[0].address,
      },
    )
    const detail = await getPetition(tiaochu, p.id)
    assert.equal(detail.petitioners[0].id, res.json.items[0].id)
    assert.ok(
      (
        await listAll(
          tiaochu,
          `/api/v1/petitions?q=${encodeURIComponent(p.body.summary)}`,
        )
      ).length >= 1,
    )
  })
})
