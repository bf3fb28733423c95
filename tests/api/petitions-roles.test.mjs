// Who sees and does what (petition-contract "Permissions" and scoping): a
// bureau user sees its own unit's assignments only, a town user its region's
// assigned petitions without identities, everything else is 404; each action
// only by its role, 403 otherwise, and nothing changes.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  advance,
  Client,
  expectError,
  expectStatus,
  expectUnchanged,
  getPetition,
  listAll,
  loggedIn,
  petitionIn,
  registerPetition,
  regionId,
  transition,
  unitId,
} from './lib.mjs'

const FORBIDDEN = [
  'workflow.forbidden_role',
  'workflow.not_assignee',
  'access.forbidden',
]

let tiaochu
let zhifa1
let sanxing
let leader
let shenji
let zhifa1Unit

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  leader = await loggedIn('liuhuajun')
  shenji = await loggedIn('shenji')
  zhifa1Unit = await unitId(tiaochu, '执法一局')
})

function searchPath(petition) {
  return `/api/v1/petitions?q=${encodeURIComponent(petition.body.summary)}`
}

async function sees(client, petition) {
  const detail = await client.get(`/api/v1/petitions/${petition.id}`)
  const listed = (await listAll(client, searchPath(petition))).some(
    (p) => p.id === petition.id,
  )
  return { status: detail.status, listed, detail }
}

describe('bureau scoping (zhifa1, 执法一局)', () => {
  test('a petition of 海门开发区 not yet assigned is 404 and not listed', async () => {
    const registered = await registerPetition(tiaochu)
    const accepted = await petitionIn(tiaochu, 'accepted')

    for (const p of [registered, accepted]) {
      const seen = await sees(zhifa1, p)
      expectError(seen.detail, 404, 'not_found')
      assert.equal(seen.listed, false)
    }
  })

  test('once assigned to 执法一局 it is listed and readable, with masked petitioners', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    const seen = await sees(zhifa1, p)

    expectStatus(seen.detail, 200)
    assert.equal(seen.listed, true)
    const [person] = seen.detail.json.petitioners
    assert.equal(person.hidden, false)
    assert.match(person.phone, /^\d{3}\*{4}\d{4}$/)
    assert.match(person.name, /\*/)
    assert.ok(!seen.detail.text.includes(p.body.petitioners[0].phone))
  })

  test('every petition the bureau lists is assigned to its unit', async () => {
    await petitionIn(tiaochu, 'assigned')
    await petitionIn(
      tiaochu,
      'assigned',
      {
        region_id: await regionId(tiaochu, '三星镇'),
      },
      { unit: '执法二局' },
    )

    const items = await listAll(zhifa1, '/api/v1/petitions')

    assert.ok(items.length > 0)
    for (const item of items) {
      assert.equal(item.unit?.id, zhifa1Unit, `${item.code} ${item.unit?.name}`)
    }
  })

  test('a petition assigned to 执法二局 is 404 for zhifa1, also for actions', async () => {
    const other = await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )

    expectError(
      await zhifa1.get(`/api/v1/petitions/${other.id}`),
      404,
      'not_found',
    )
    expectError(await transition(zhifa1, other, 'report'), 404, 'not_found')
    expectError(
      await zhifa1.get(`/api/v1/petitions/${other.id}/petitioners`),
      404,
      'not_found',
    )
    await expectUnchanged(tiaochu, other)
  })

  test('reassigned to another unit, the petition leaves zhifa1’s scope', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const seen = await getPetition(zhifa1, assigned.id)

    const moved = await advance(tiaochu, assigned, 'assign', {
      unit_id: await unitId(tiaochu, '执法三局'),
    })

    expectError(
      await zhifa1.get(`/api/v1/petitions/${moved.id}`),
      404,
      'not_found',
    )
    expectError(await transition(zhifa1, seen, 'report'), 404)
    await expectUnchanged(tiaochu, moved)
  })

  test('on its own assignment the bureau may only report (and answer supervision)', async () => {
    const assigned = await petitionIn(tiaochu, 'assigned')
    const mine = await getPetition(zhifa1, assigned.id)

    assert.ok(mine.available_actions.includes('report'))
    for (const action of [
      'accept',
      'assign',
      'reply',
      'close',
      'supervise',
      'extend',
    ]) {
      assert.ok(!mine.available_actions.includes(action), action)
    }
    for (const action of [
      'accept',
      'decline',
      'forward',
      'assign',
      'reply',
      'close',
      'mark_litigation',
      'supervise',
      'extend',
      'pause',
    ]) {
      const res = await transition(zhifa1, mine, action, {
        unit_id: zhifa1Unit,
      })
      expectError(res, 403, FORBIDDEN)
    }
    await expectUnchanged(tiaochu, assigned)
  })
})

describe('town scoping (sanxing, 三星镇)', () => {
  test('sees an assigned petition of 三星镇 with every identity field null and hidden', async () => {
    const p = await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )

    const seen = await sees(sanxing, p)

    expectStatus(seen.detail, 200)
    assert.equal(seen.listed, true)
    const text = seen.detail.text
    for (const person of p.body.petitioners) {
      assert.ok(!text.includes(person.phone))
      assert.ok(!text.includes(person.id_number))
      assert.ok(!text.includes(person.name))
    }
    for (const person of seen.detail.json.petitioners) {
      assert.equal(person.hidden, true)
      assert.equal(person.name, null)
      assert.equal(person.id_number, null)
      assert.equal(person.phone, null)
      assert.equal(person.address, null)
    }
    const listed = (await listAll(sanxing, searchPath(p))).find(
      (x) => x.id === p.id,
    )
    assert.equal(listed.petitioner, null)

    const people = await sanxing.get(`/api/v1/petitions/${p.id}/petitioners`)
    expectStatus(people, 200)
    for (const person of people.json.items) {
      assert.equal(person.hidden, true)
      assert.equal(person.phone, null)
    }
    expectError(
      await sanxing.get(`/api/v1/petitions/${p.id}/petitioners?reveal=true`),
      403,
    )
  })

  test('a 三星镇 petition not yet assigned is 404', async () => {
    const region = await regionId(tiaochu, '三星镇')
    const registered = await registerPetition(tiaochu, { region_id: region })
    const accepted = await petitionIn(tiaochu, 'accepted', {
      region_id: region,
    })

    for (const p of [registered, accepted]) {
      const seen = await sees(sanxing, p)
      expectError(seen.detail, 404, 'not_found')
      assert.equal(seen.listed, false)
    }
  })

  test('an assigned petition of another region is 404', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    const seen = await sees(sanxing, p)

    expectError(seen.detail, 404, 'not_found')
    assert.equal(seen.listed, false)
  })

  test('every petition the town lists is of 三星镇, assigned or later, without a petitioner', async () => {
    await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )
    const region = await regionId(tiaochu, '三星镇')

    const items = await listAll(sanxing, '/api/v1/petitions')

    assert.ok(items.length > 0)
    for (const item of items) {
      assert.equal(item.region.id, region)
      assert.ok(
        !['registered', 'accepted', 'not_accepted', 'forwarded'].includes(
          item.status,
        ),
      )
      assert.equal(item.petitioner, null)
    }
  })

  test('the town takes no workflow action', async () => {
    const p = await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )

    for (const action of ['report', 'reply', 'accept', 'answer_supervision']) {
      expectError(await transition(sanxing, p, action), 403, FORBIDDEN)
    }
    await expectUnchanged(tiaochu, p)
  })
})

describe('leader, viewer and the section', () => {
  test('the leader reads every petition but takes no section action', async () => {
    const registered = await registerPetition(tiaochu)
    const assigned = await petitionIn(tiaochu, 'assigned')

    expectStatus(await leader.get(`/api/v1/petitions/${registered.id}`), 200)
    expectError(
      await transition(leader, registered, 'accept'),
      403,
      'workflow.forbidden_role',
    )
    expectError(
      await transition(leader, assigned, 'report'),
      403,
      'workflow.forbidden_role',
    )
    expectError(
      await transition(leader, assigned, 'supervise'),
      403,
      'workflow.forbidden_role',
    )
    await expectUnchanged(tiaochu, registered)
    await expectUnchanged(tiaochu, assigned)
  })

  test('the viewer reads every petition, is offered no action and is refused each', async () => {
    const registered = await registerPetition(tiaochu)

    const seen = await getPetition(shenji, registered.id)

    assert.deepEqual(seen.available_actions, [])
    for (const action of ['accept', 'decline', 'forward']) {
      expectError(await transition(shenji, registered, action), 403, FORBIDDEN)
    }
    await expectUnchanged(tiaochu, registered)
  })

  test('an unknown petition is 404 for everyone', async () => {
    for (const client of [tiaochu, zhifa1, sanxing, shenji]) {
      expectError(
        await client.get('/api/v1/petitions/987654321'),
        404,
        'not_found',
      )
    }
  })

  test('without a session the petitions are 401', async () => {
    const anonymous = new Client()

    expectError(await anonymous.get('/api/v1/petitions'), 401, 'auth.required')
    expectError(
      await anonymous.get('/api/v1/supervision'),
      401,
      'auth.required',
    )
    expectError(await anonymous.get('/api/v1/todo'), 401, 'auth.required')
  })
})
