// Key cases owned by leaders and their one-case-one-file archive (issue 5):
// the demo rows of Attachment 3, creating and editing, the ledger, minutes,
// closing report, attachments, tasks for towns, linked petitions, escalation.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  admin,
  chinaDate,
  createUser,
  download,
  expectError,
  expectStatus,
  leaderIdByName,
  listAll,
  loggedIn,
  newPetitioner,
  pdfBytes,
  pngBytes,
  regionId,
  registerPetition,
  schemaProblems,
  uniq,
  unitIdByName,
} from './lib.mjs'

let root
let tiaochu
let zhifa1
let sanxing
let shenji
let qian // a leader account bound to 钱向东, owner of rows 1–8

before(async () => {
  root = await admin()
  tiaochu = await loggedIn('tiaochu')
  zhifa1 = await loggedIn('zhifa1')
  sanxing = await loggedIn('sanxing')
  shenji = await loggedIn('shenji')
  const user = await createUser(root, {
    role: 'leader',
    leader_id: await leaderIdByName(root, '钱向东'),
  })
  qian = await loggedIn(user.username, user.password)
})

async function caseBody(fields = {}) {
  return {
    region_id: await regionId(tiaochu, '三星镇'),
    level: 'municipal',
    location: `${uniq('点位')}化工厂异味问题`,
    situation: '企业周边居民反映夜间异味，多次投诉。',
    recommendation: '三星镇妥善做好沟通调解，海门生态环境局加强监管。',
    ...fields,
  }
}

async function createCase(client = tiaochu, fields = {}) {
  const res = await client.post('/api/v1/key-cases', await caseBody(fields))
  expectStatus(res, 201, 'create key case')
  return res.json
}

async function getCase(client, id) {
  const res = await client.get(`/api/v1/key-cases/${id}`)
  expectStatus(res, 200, `GET key case ${id}`)
  return res.json
}

async function demoCase(seq) {
  const rows = await listAll(tiaochu, '/api/v1/key-cases')
  return rows.find((r) => r.seq === seq)
}

describe('the demo rows of Attachment 3', () => {
  test('sixteen rows with their regions, levels and owners, private persons masked', async () => {
    const rows = (await listAll(shenji, '/api/v1/key-cases')).filter(
      (r) => r.seq <= 16,
    )

    assert.equal(rows.length, 16)
    const owners = rows.map((r) => r.leader.name)
    assert.equal(owners.filter((n) => n === '钱向东').length, 8)
    assert.deepEqual(
      rows.slice(8).map((r) => r.leader.name),
      ['施波', '施波', '龚雪松', '许正娟', '杨杰', '杨杰', '杨杰', '王向阳'],
    )
    assert.equal(rows[14].level, 'national')
    assert.equal(rows[14].level_note, '省委巡视组')
    assert.equal(rows[14].region.name, '常乐镇')
    assert.match(rows[14].situation, /裴某/)
    assert.match(rows[9].situation, /吴某/)
    const text = JSON.stringify(rows)
    assert.ok(!text.includes('裴明') && !text.includes('吴先生'))
    assert.equal(rows[7].level, 'district')
    assert.equal(rows[7].level_skipping, false)
    assert.ok(rows.every((r) => r.stage === 'resolving'))
    assert.deepEqual(await schemaProblems('KeyCase', rows[0]), [])
  })

  test('filters by region, leader, level and stage', async () => {
    const changle = await regionId(tiaochu, '常乐镇')
    const byRegion = await tiaochu.get(`/api/v1/key-cases?region_id=${changle}`)
    expectStatus(byRegion, 200)
    assert.ok(byRegion.json.items.every((r) => r.region.id === changle))
    assert.ok(byRegion.json.items.length >= 2)

    const yang = await leaderIdByName(tiaochu, '杨杰')
    const byLeader = await tiaochu.get(
      `/api/v1/key-cases?leader_id=${yang}&level=national`,
    )
    // Seq 15 of the demo rows; a ledger import (imports.test.mjs) may add copies.
    assert.deepEqual(
      byLeader.json.items.map((r) => r.seq).filter((seq) => seq <= 16),
      [15],
    )
    assert.ok(byLeader.json.items.every((r) => r.level === 'national'))

    const resolved = await tiaochu.get('/api/v1/key-cases?stage=resolved')
    assert.ok(resolved.json.items.every((r) => r.stage === 'resolved'))
    expectError(
      await tiaochu.get('/api/v1/key-cases?stage=done'),
      400,
      'validation.invalid',
      'stage',
    )
  })

  test('a leader sees its own cases with mine=true', async () => {
    const res = await qian.get('/api/v1/key-cases?mine=true&page_size=500')

    expectStatus(res, 200)
    assert.ok(res.json.items.length >= 8)
    assert.ok(res.json.items.every((r) => r.leader.name === '钱向东'))
    assert.ok(res.json.items.every((r) => r.may_edit === true))
  })
})

describe('creating and editing', () => {
  test('the section creates a case; leader and group come from the region', async () => {
    const created = await createCase()

    assert.equal(created.leader.name, '龚雪松')
    assert.equal(created.group.name, '第二组')
    assert.equal(created.stage, 'resolving')
    assert.equal(created.owner_level, 'bureau')
    assert.equal(created.level_skipping, true)
    const audit = await listAll(
      root,
      `/api/v1/audit?entity=key_case&entity_id=${created.id}`,
    )
    assert.equal(audit[0].action, 'create')
  })

  test('bad input is refused and creates nothing', async () => {
    const tag = uniq('坏')
    const cases = [
      [{ location: '' }, 'location'],
      [{ region_id: 999999 }, 'region_id'],
      [{ level: 'galactic' }, 'level'],
      [{ stage: 'resolved' }, 'stage'],
      [{ target_date: '2023-02-30' }, 'target_date'],
      [{ situation: 42 }, 'situation'],
      [{ leader_id: 999999 }, 'leader_id'],
    ]
    for (const [fields, field] of cases) {
      const res = await tiaochu.post(
        '/api/v1/key-cases',
        await caseBody({ location: `${tag}点位`, ...fields }),
      )
      expectError(res, 400, undefined, field)
    }
    const rows = await listAll(
      tiaochu,
      `/api/v1/key-cases?q=${encodeURIComponent(tag)}`,
    )
    assert.deepEqual(rows, [])
  })

  test('% and _ in q are matched as written, not as wildcards', async () => {
    for (const text of ['%', '_']) {
      const rows = await listAll(
        tiaochu,
        `/api/v1/key-cases?q=${encodeURIComponent(text)}`,
      )
      assert.deepEqual(rows, [], text)
    }
  })

  test('only the section creates; a leader, bureau, town or viewer gets 403', async () => {
    for (const client of [qian, zhifa1, sanxing, shenji]) {
      expectError(await client.post('/api/v1/key-cases', await caseBody()), 403)
    }
  })

  test('a leader edits its own case but not another leader’s, and cannot reassign', async () => {
    const own = await tiaochu.post(
      '/api/v1/key-cases',
      await caseBody({ region_id: await regionId(tiaochu, '海门街道') }),
    )
    expectStatus(own, 201)
    const other = await createCase()

    const ok = await qian.patch(`/api/v1/key-cases/${own.json.id}`, {
      version: own.json.version,
      situation: '已约谈企业负责人，居民情绪稳定。',
      stage: 'stabilising',
    })
    expectStatus(ok, 200)
    assert.equal(ok.json.stage, 'stabilising')
    assert.equal(ok.json.version, own.json.version + 1)

    expectError(
      await qian.patch(`/api/v1/key-cases/${other.id}`, {
        version: other.version,
        situation: '越权修改',
      }),
      403,
      'key_case.not_owner',
    )
    expectError(
      await qian.patch(`/api/v1/key-cases/${own.json.id}`, {
        version: ok.json.version,
        leader_id: await leaderIdByName(root, '施波'),
      }),
      403,
      'key_case.reassign',
    )
    expectError(
      await qian.patch(`/api/v1/key-cases/${own.json.id}`, {
        version: own.json.version,
        situation: '旧版本',
      }),
      409,
      'conflict.stale_version',
    )
    expectError(
      await zhifa1.patch(`/api/v1/key-cases/${own.json.id}`, {
        version: ok.json.version,
        situation: 'x',
      }),
      403,
    )
    expectError(
      await qian.patch(`/api/v1/key-cases/${own.json.id}`, { situation: 'x' }),
      400,
      'validation.required',
      'version',
    )
  })

  test('unknown ids are 404 and unauthenticated requests 401', async () => {
    expectError(await tiaochu.get('/api/v1/key-cases/999999'), 404)
    expectError(await tiaochu.get('/api/v1/key-cases/abc'), 404)
    const anonymous = await fetch(`${tiaochu.base}/api/v1/key-cases`).then(
      (r) => r.status,
    )
    assert.equal(anonymous, 401)
  })
})

describe('the case file', () => {
  test('ledger entries are dated, in date order, and reject bad input', async () => {
    const c = await createCase()
    const later = await tiaochu.post(`/api/v1/key-cases/${c.id}/ledger`, {
      kind: 'call',
      on_date: chinaDate(0),
      summary: '电话回访信访人，情绪平稳',
    })
    expectStatus(later, 201)
    const earlier = await tiaochu.post(`/api/v1/key-cases/${c.id}/ledger`, {
      kind: 'consultation',
      on_date: chinaDate(-10),
      summary: '与三星镇政府会商',
    })
    expectStatus(earlier, 201)

    const ledger = earlier.json.ledger.map((e) => e.kind)
    assert.deepEqual(ledger, ['consultation', 'call'])
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/ledger`, {
        kind: 'gossip',
        on_date: chinaDate(0),
        summary: 'x',
      }),
      400,
      'validation.invalid',
      'kind',
    )
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/ledger`, {
        kind: 'call',
        on_date: chinaDate(2),
        summary: 'x',
      }),
      400,
      'validation.future',
      'on_date',
    )
    expectError(
      await shenji.post(`/api/v1/key-cases/${c.id}/ledger`, {
        kind: 'call',
        on_date: chinaDate(0),
        summary: 'x',
      }),
      403,
    )
    assert.equal((await getCase(tiaochu, c.id)).ledger.length, 2)
  })

  test('minutes are written in Markdown, edited, and appear in the ledger', async () => {
    const c = await createCase()
    const body =
      '## 参会人员\n\n- 龚雪松\n- 三星镇\n\n| 事项 | 责任 |\n|---|---|\n| 隔声 | 企业 |\n'
    const res = await tiaochu.post(`/api/v1/key-cases/${c.id}/documents`, {
      kind: 'minutes',
      title: '属地会商会议纪要',
      body,
      held_on: chinaDate(-1),
    })
    expectStatus(res, 201)
    assert.equal(res.json.body, body.trim())
    assert.deepEqual(await schemaProblems('CaseDocument', res.json), [])

    const edited = await tiaochu.patch(
      `/api/v1/key-case-documents/${res.json.id}`,
      {
        body: `${body}\n补充：下月再会商。`,
      },
    )
    expectStatus(edited, 200)
    assert.match(edited.json.body, /补充/)
    const file = await getCase(tiaochu, c.id)
    assert.equal(file.ledger.at(-1).kind, 'consultation')
    assert.equal(file.ledger.at(-1).document_id, res.json.id)

    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/documents`, {
        kind: 'closing_report',
        title: 'x',
        body: 'x',
      }),
      400,
      'validation.invalid',
      'kind',
    )
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/documents`, {
        title: 'x',
        body: 'x'.repeat(20001),
      }),
      400,
      'validation.too_long',
      'body',
    )
  })

  test('attachments are kept as uploaded and checked like petition uploads', async () => {
    const c = await createCase()
    const png = pngBytes()
    const res = await tiaochu.request(
      'POST',
      `/api/v1/key-cases/${c.id}/attachments`,
      {
        body: png,
        headers: {
          'content-type': 'image/png',
          'x-filename': encodeURIComponent('现场照片.png'),
        },
      },
    )
    expectStatus(res, 201)
    assert.equal(res.json.filename, '现场照片.png')

    const got = await download(
      tiaochu,
      `/api/v1/key-case-attachments/${res.json.id}`,
    )
    assert.equal(got.status, 200)
    assert.deepEqual(got.bytes, png)

    const mismatch = await tiaochu.request(
      'POST',
      `/api/v1/key-cases/${c.id}/attachments`,
      { body: pdfBytes(), headers: { 'content-type': 'image/png' } },
    )
    expectError(mismatch, 400, 'upload.type_mismatch')
    assert.equal((await getCase(tiaochu, c.id)).attachments.length, 1)
  })

  test('closing needs the closing report; a closed case reopens as resolving', async () => {
    const c = await createCase()
    expectError(
      await tiaochu.patch(`/api/v1/key-cases/${c.id}`, {
        version: c.version,
        stage: 'resolved',
      }),
      409,
      'key_case.close_required',
    )
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/close`, {
        version: c.version,
        settlement: '企业整改到位',
        body: '# 结案报告',
      }),
      400,
      'validation.required',
      'petitioner_stopped',
    )

    const closed = await tiaochu.post(`/api/v1/key-cases/${c.id}/close`, {
      version: c.version,
      settlement: '企业完成隔声改造，监测达标',
      petitioner_stopped: true,
      body: '# 结案报告\n\n经多次会商，企业完成整改，信访人息诉息访。',
    })
    expectStatus(closed, 200)
    assert.equal(closed.json.stage, 'resolved')
    assert.ok(closed.json.closed_at)
    const report = closed.json.documents.find(
      (d) => d.kind === 'closing_report',
    )
    assert.equal(report.petitioner_stopped, true)
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/close`, {
        version: closed.json.version,
        settlement: 'x',
        petitioner_stopped: true,
        body: 'x',
      }),
      409,
      'key_case.stage',
    )

    const reopened = await tiaochu.patch(`/api/v1/key-cases/${c.id}`, {
      version: closed.json.version,
      stage: 'resolving',
    })
    expectStatus(reopened, 200)
    assert.equal(reopened.json.closed_at, null)
  })
})

describe('tasks of towns and departments', () => {
  test('a town sees only the cases and tasks given to its unit, and reports on them', async () => {
    const town = await unitIdByName(tiaochu, '三星镇人民政府')
    const other = await unitIdByName(tiaochu, '常乐镇人民政府')
    const given = await createCase()
    const notGiven = await createCase()
    const task = await tiaochu.post(`/api/v1/key-cases/${given.id}/tasks`, {
      unit_id: town,
      content: '做好信访人沟通调解',
      deadline: chinaDate(20),
    })
    expectStatus(task, 201)
    const foreign = await tiaochu.post(`/api/v1/key-cases/${given.id}/tasks`, {
      unit_id: other,
      content: '配合调查',
    })
    expectStatus(foreign, 201)

    const list = await listAll(sanxing, '/api/v1/key-cases')
    assert.ok(list.some((r) => r.id === given.id))
    assert.ok(!list.some((r) => r.id === notGiven.id))
    expectError(await sanxing.get(`/api/v1/key-cases/${notGiven.id}`), 404)
    const seen = await getCase(sanxing, given.id)
    assert.deepEqual(
      seen.tasks.map((t) => t.id),
      [task.json.id],
    )
    assert.equal(seen.ledger, undefined)
    assert.equal(seen.petitions, undefined)
    const mine = await sanxing.get('/api/v1/key-case-tasks')
    assert.ok(mine.json.items.every((t) => t.unit.id === town))

    const answered = await sanxing.post(
      `/api/v1/key-case-tasks/${task.json.id}/result`,
      { result: '已上门沟通，信访人表示理解', done: true },
    )
    expectStatus(answered, 200)
    assert.equal(answered.json.done, true)
    expectError(
      await sanxing.post(`/api/v1/key-case-tasks/${foreign.json.id}/result`, {
        result: 'x',
      }),
      404,
    )
    expectError(
      await zhifa1.post(`/api/v1/key-case-tasks/${task.json.id}/result`, {
        result: 'x',
      }),
      403,
    )
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${given.id}/tasks`, {
        unit_id: 999999,
        content: 'x',
      }),
      400,
      'validation.invalid',
      'unit_id',
    )
  })
})

describe('linked petitions and escalation', () => {
  test("a linked petition puts the case in its petitioner's history", async () => {
    const c = await createCase()
    const person = newPetitioner()
    const p = await registerPetition(tiaochu, { petitioners: [person] })
    expectStatus(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/petitions`, {
        petition_id: p.id,
      }),
      201,
    )

    const res = await tiaochu.post('/api/v1/petitioners/history', {
      phone: person.phone,
    })

    expectStatus(res, 200)
    assert.deepEqual(
      res.json.key_cases.map((k) => [k.id, k.location]),
      [[c.id, c.location]],
    )
  })


  test('a linked petition shows masked and enters the ledger', async () => {
    const c = await createCase()
    const p = await registerPetition(tiaochu)
    const res = await tiaochu.post(`/api/v1/key-cases/${c.id}/petitions`, {
      petition_id: p.id,
    })
    expectStatus(res, 201)
    assert.equal(res.json.petitions[0].code, p.code)
    assert.match(res.json.petitions[0].petitioner, /\*/)
    assert.equal(res.json.ledger.at(-1).kind, 'petition')
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/petitions`, {
        petition_id: p.id,
      }),
      409,
      'key_case.linked',
    )
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/petitions`, {
        petition_id: 99999999,
      }),
      400,
      'validation.invalid',
      'petition_id',
    )
    const removed = await tiaochu.request(
      'DELETE',
      `/api/v1/key-cases/${c.id}/petitions/${p.id}`,
    )
    expectStatus(removed, 204)
  })

  test('only repeat or level-skipping cases are escalated, once, with a special report', async () => {
    const plain = await createCase(tiaochu, { level: 'district' })
    expectError(
      await tiaochu.post(`/api/v1/key-cases/${plain.id}/escalate`, {
        version: plain.version,
        reason: '进展缓慢',
        district_leader: '区领导甲',
      }),
      409,
      'key_case.escalation',
    )

    const c = await createCase(tiaochu, { repeat: true })
    const res = await tiaochu.post(`/api/v1/key-cases/${c.id}/escalate`, {
      version: c.version,
      reason: '重复访较多，需区领导协调拆迁安置',
      district_leader: '区领导甲',
    })
    expectStatus(res, 200)
    assert.equal(res.json.owner_level, 'district')
    assert.equal(res.json.district_leader, '区领导甲')
    assert.equal(res.json.escalations.length, 1)
    const report = res.json.documents.find((d) => d.kind === 'special_report')
    assert.match(report.body, /专题报告/)
    assert.match(report.body, /重复访较多/)
    assert.equal(res.json.escalations[0].report_id, report.id)

    expectError(
      await tiaochu.post(`/api/v1/key-cases/${c.id}/escalate`, {
        version: res.json.version,
        reason: '再次上提',
        district_leader: '区领导乙',
      }),
      409,
      'key_case.escalation',
    )
    const filtered = await listAll(
      tiaochu,
      '/api/v1/key-cases?owner_level=district',
    )
    assert.ok(filtered.some((r) => r.id === c.id))
  })

  test('a leader escalates its own case; a viewer cannot', async () => {
    const own = await demoCase(3)
    expectError(
      await shenji.post(`/api/v1/key-cases/${own.id}/escalate`, {
        version: own.version,
        reason: 'x',
        district_leader: 'y',
      }),
      403,
    )
    expectError(
      await qian.post(`/api/v1/key-cases/${own.id}/escalate`, {
        version: own.version,
        reason: '',
        district_leader: '区领导甲',
      }),
      400,
      'validation.required',
      'reason',
    )
  })
})

describe('the archive export', () => {
  async function caseWithFile() {
    const c = await createCase()
    const p = await registerPetition(tiaochu)
    await tiaochu.post(`/api/v1/key-cases/${c.id}/petitions`, {
      petition_id: p.id,
    })
    await tiaochu.post(`/api/v1/key-cases/${c.id}/documents`, {
      title: '会商纪要',
      body: '## 议定事项\n\n- 企业限期整改',
    })
    await tiaochu.request('POST', `/api/v1/key-cases/${c.id}/attachments`, {
      body: pngBytes(),
      headers: {
        'content-type': 'image/png',
        'x-filename': encodeURIComponent('照片.png'),
      },
    })
    return { c, p }
  }

  test('the PDF is one document with the case file in Chinese', async () => {
    const { c } = await caseWithFile()
    const res = await download(tiaochu, `/api/v1/key-cases/${c.id}/archive.pdf`)

    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.match(res.headers.get('content-disposition'), /attachment/)
  })

  test('the ZIP holds the PDF, the text, each document and the originals', async () => {
    const { c, p } = await caseWithFile()
    const res = await download(tiaochu, `/api/v1/key-cases/${c.id}/archive.zip`)

    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/zip')
    const names = zipNames(res.bytes)
    assert.ok(names.includes('案卷.pdf'), names.join())
    assert.ok(names.includes('案卷.md'))
    assert.ok(names.some((n) => n.startsWith('文书/会议纪要-')))
    assert.ok(names.some((n) => n.endsWith('-照片.png')))
    const petitionerName = p.body.petitioners[0].name
    assert.ok(!res.bytes.includes(Buffer.from(petitionerName)))
  })

  test('reveal is for roles that see identities; towns do not export', async () => {
    const { c } = await caseWithFile()
    expectError(
      await shenji.get(`/api/v1/key-cases/${c.id}/archive.zip?reveal=true`),
      403,
    )
    const revealed = await download(
      tiaochu,
      `/api/v1/key-cases/${c.id}/archive.pdf?reveal=true`,
    )
    assert.equal(revealed.status, 200)
    const audit = await listAll(
      root,
      `/api/v1/audit?entity=key_case&entity_id=${c.id}`,
    )
    assert.ok(audit.some((a) => a.action === 'reveal'))
    expectStatus(await shenji.get(`/api/v1/key-cases/${c.id}/archive.pdf`), 200)
    expectError(await sanxing.get(`/api/v1/key-cases/${c.id}/archive.zip`), 404)
  })
})

// Entry names of a ZIP from its central directory (names are UTF-8).
function zipNames(bytes) {
  const names = []
  for (let at = 0; at + 46 <= bytes.length; at++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) continue
    const length = bytes.readUInt16LE(at + 28)
    names.push(bytes.subarray(at + 46, at + 46 + length).toString('utf8'))
    at += 45 + length
  }
  return names
}
