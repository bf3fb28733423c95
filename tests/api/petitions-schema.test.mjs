// The petition responses match docs/openapi.yaml (documented objects are
// closed, so the document cannot fall behind the server), and the petition
// vocabularies carry the codes of the contract with Chinese labels.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  advance,
  chinaDate,
  expectStatus,
  getPetition,
  loggedIn,
  newPetitioner,
  openApi,
  pngBytes,
  petitionIn,
  randomMobile,
  regionId,
  schemaProblems,
  upload,
} from './lib.mjs'

const VOCABULARIES = {
  channels: [
    'visit',
    'letter',
    'phone',
    'online',
    'leader_reception',
    'hotline_12369',
    'hotline_12345',
    'inspection_referral',
    'media',
    'other',
  ],
  sources: [
    'escalated',
    'inspection',
    'hotline',
    'leader_instruction',
    'media',
    'leader_reception',
    'other',
  ],
  levels: [
    'national',
    'ministry',
    'provincial_inspection',
    'provincial',
    'municipal',
    'district',
  ],
  content_types: ['violation', 'suggestion', 'staff_criticism'],
  legal_categories: ['suggestion', 'accusation', 'claim'],
  pollution_types: [
    'air',
    'noise',
    'water',
    'solid_waste',
    'soil',
    'radiation',
    'other',
  ],
  petition_flags: ['repeat', 'level_skipping', 'collective', 'litigation'],
  petition_statuses: [
    'registered',
    'accepted',
    'not_accepted',
    'forwarded',
    'assigned',
    'reported',
    'replied',
    'closed',
    'review_requested',
    'reviewed',
    'rereview_requested',
    'rereviewed',
    'terminated',
    'litigation',
  ],
  reply_ways: ['written', 'phone', 'in_person'],
  satisfactions: ['satisfied', 'basically_satisfied', 'unsatisfied'],
}

const LABELS = {
  channels: {
    visit: '来访',
    letter: '来信',
    hotline_12369: '12369环保举报热线',
  },
  levels: {
    national: '国家信访局',
    provincial_inspection: '省委巡视组',
    district: '区级',
  },
  legal_categories: {
    suggestion: '建议意见类',
    accusation: '检举控告类',
    claim: '申诉求决类',
  },
  pollution_types: { air: '大气/异味', noise: '噪声', solid_waste: '固废' },
  petition_flags: {
    repeat: '重复访',
    level_skipping: '越级访',
    collective: '集体访',
  },
  petition_statuses: {
    registered: '已登记',
    terminated: '已终结',
    litigation: '诉访分离',
  },
  reply_ways: { written: '书面', phone: '电话', in_person: '当面' },
  satisfactions: {
    satisfied: '满意',
    basically_satisfied: '基本满意',
    unsatisfied: '不满意',
  },
}

let tiaochu
let zhifa1
let sanxing
let leader
// A petition carrying every optional part: extension, inspection, attachment,
// supervision notice, link, reply and satisfaction.
let full

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  leader = await loggedIn('liuhuajun')

  const earlier = await petitionIn(tiaochu, 'registered')
  let p = await petitionIn(tiaochu, 'assigned', {
    linked_petition_ids: [earlier.id],
    people_count: 2,
    petitioners: [newPetitioner(), newPetitioner({ representative: false })],
  })
  p = await advance(leader, p, 'extend')
  p = await advance(tiaochu, p, 'supervise')
  const inspection = await zhifa1.post(
    `/api/v1/petitions/${p.id}/inspections`,
    {
      inspected_on: chinaDate(0),
      participants: '执法一局',
      findings: '现场检查发现噪声超标',
      requirements: [{ content: '加装减振垫', deadline: chinaDate(10) }],
    },
  )
  expectStatus(inspection, 201)
  expectStatus(
    await upload(zhifa1, p.id, pngBytes(), 'image/png', '现场.png'),
    201,
  )
  p = await getPetition(zhifa1, p.id)
  p = await advance(zhifa1, p, 'answer_supervision')
  p = await advance(zhifa1, p, 'report')
  p = await advance(tiaochu, p, 'reply')
  full = await advance(tiaochu, p, 'record_satisfaction')
})

async function expectSchema(name, value) {
  assert.deepEqual(await schemaProblems(name, value), [])
}

describe('responses match the document', () => {
  test('Petition: a fresh one and one with every part filled', async () => {
    const fresh = await petitionIn(tiaochu, 'registered')

    await expectSchema('Petition', await getPetition(tiaochu, fresh.id))
    await expectSchema('Petition', await getPetition(tiaochu, full.id))
    await expectSchema('Petition', await getPetition(zhifa1, full.id))
  })

  test('Petition as the town sees it (hidden petitioners)', async () => {
    const p = await petitionIn(
      tiaochu,
      'assigned',
      { region_id: await regionId(tiaochu, '三星镇') },
      { unit: '执法二局' },
    )

    await expectSchema('Petition', await getPetition(sanxing, p.id))
  })

  test('PetitionList, PetitionerList, SupervisionBoard and Todo', async () => {
    const list = await tiaochu.get('/api/v1/petitions?page_size=100')
    const people = await tiaochu.get(`/api/v1/petitions/${full.id}/petitioners`)
    const clear = await tiaochu.get(
      `/api/v1/petitions/${full.id}/petitioners?reveal=true`,
    )
    const board = await tiaochu.get('/api/v1/supervision')
    const todos = await zhifa1.get('/api/v1/todo')

    for (const res of [list, people, clear, board, todos])
      expectStatus(res, 200)
    await expectSchema('PetitionList', list.json)
    await expectSchema('PetitionerList', people.json)
    await expectSchema('PetitionerList', clear.json)
    await expectSchema('SupervisionBoard', board.json)
    await expectSchema('Todo', todos.json)
    await expectSchema('Todo', (await tiaochu.get('/api/v1/todo')).json)
  })

  test('RepeatCandidateList and PetitionerHistory', async () => {
    const phone = randomMobile()
    await petitionIn(tiaochu, 'registered', {
      petitioners: [newPetitioner({ phone })],
    })

    const repeats = await tiaochu.post('/api/v1/petitions/repeat-candidates', {
      phone,
    })
    const history = await tiaochu.post('/api/v1/petitioners/history', { phone })

    expectStatus(repeats, 200)
    expectStatus(history, 200)
    assert.equal(repeats.json.items.length, 1)
    await expectSchema('RepeatCandidateList', repeats.json)
    await expectSchema('PetitionerHistory', history.json)
  })

  test('Inspection and Attachment as created', async () => {
    const p = await petitionIn(tiaochu, 'assigned')

    const inspection = await tiaochu.post(
      `/api/v1/petitions/${p.id}/inspections`,
      {
        inspected_on: chinaDate(0),
        participants: '信访调处科',
        findings: '已核实',
        requirements: [{ content: '整改', deadline: chinaDate(5) }],
      },
    )
    const attachment = await upload(
      tiaochu,
      p.id,
      pngBytes(),
      'image/png',
      'x.png',
    )

    expectStatus(inspection, 201)
    expectStatus(attachment, 201)
    await expectSchema('Inspection', inspection.json)
    await expectSchema('Attachment', attachment.json)
  })

  test('every error code a petition route returns is listed in the Error schema', async () => {
    const doc = await openApi()
    const codes =
      doc.components.schemas.Error.properties.error.properties.code.enum

    for (const code of [
      'validation.future',
      'validation.id_number',
      'validation.phone',
      'validation.representative',
      'conflict.stale_version',
      'workflow.wrong_state',
      'workflow.forbidden_role',
      'workflow.not_assignee',
      'workflow.extension_already_granted',
      'workflow.review_window_closed',
      'workflow.at_in_future',
      'workflow.at_before_previous',
      'upload.type_mismatch',
      'upload.unsupported_type',
    ]) {
      assert.ok(codes.includes(code), code)
    }
  })
})

describe('petition vocabularies', () => {
  test('each list has the contract’s codes with Chinese and English labels', async () => {
    const res = await zhifa1.get('/api/v1/vocabularies')

    expectStatus(res, 200)
    await expectSchema('Vocabularies', res.json)
    for (const [name, codes] of Object.entries(VOCABULARIES)) {
      assert.deepEqual(
        res.json[name]?.map((e) => e.code),
        codes,
        name,
      )
      for (const entry of res.json[name]) {
        assert.match(entry.zh, /[\u4e00-\u9fff]|\d/, `${name}.${entry.code}`)
        assert.ok(entry.en.length > 0)
      }
    }
    for (const [name, labels] of Object.entries(LABELS)) {
      for (const [code, zh] of Object.entries(labels)) {
        assert.equal(
          res.json[name].find((e) => e.code === code).zh,
          zh,
          `${name}.${code}`,
        )
      }
    }
    const actions = res.json.workflow_actions.map((e) => e.code)
    for (const code of [
      'accept',
      'assign',
      'report',
      'reply',
      'close',
      'extend',
      'supervise',
    ]) {
      assert.ok(actions.includes(code), code)
    }
    assert.ok(res.json.deadline_kinds.some((e) => e.code === 'acceptance'))
  })
})
