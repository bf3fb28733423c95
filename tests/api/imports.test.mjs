// Ledger import (issue 6): a good file, a file with one bad row (nothing
// imported), GBK and BOM encodings, XLSX, and a huge file read by
// `xinfang import` in bounded memory; key-case ledgers in the columns of the
// seed's Attachment 3, including the app's own Attachment 3 read back in.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { crc32 } from 'node:zlib'
import {
  download,
  env,
  expectError,
  listAll,
  loggedIn,
  zhMarker,
} from './lib.mjs'

const HEADER = '收到日期,区镇,问题点位,反映问题,诉求,信访渠道,污染类型,信访人,联系电话'
const CSV_TYPE = { 'content-type': 'text/csv' }

let tiaochu
let work

before(async () => {
  tiaochu = await loggedIn('tiaochu')
  work = mkdtempSync(path.join(tmpdir(), 'xf-import-'))
})

after(() => rmSync(work, { recursive: true, force: true }))

// Ledger rows with a marker of their own in the location, so the test finds
// exactly its petitions whatever else is in the database.
function rows(marker, n) {
  return Array.from(
    { length: n },
    (_, i) =>
      `2024/3/${(i % 28) + 1},三星,${marker}纺织厂${i}号车间,夜间噪声扰民,要求停止夜间生产,来访,噪声,张${marker}${i},138${String(10000000 + i).slice(-8)}`,
  )
}

function csv(lines) {
  return [HEADER, ...lines].join('\r\n') + '\r\n'
}

function gbk(text) {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text })
}

function importFile(body, query = '', headers = CSV_TYPE) {
  return tiaochu.request('POST', `/api/v1/imports/petitions${query}`, { body, headers })
}

async function countWith(marker) {
  const res = await tiaochu.get(`/api/v1/petitions?q=${encodeURIComponent(marker + '纺织厂')}&page_size=500`)
  assert.equal(res.status, 200)
  return res.json.total
}

test('a good CSV is imported whole, with regions and vocabularies mapped', async () => {
  const marker = zhMarker()

  const res = await importFile(Buffer.from(csv(rows(marker, 3)), 'utf8'))

  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.imported, 3)
  assert.equal(res.json.rows, 3)
  assert.deepEqual(res.json.problems, [])
  assert.equal(await countWith(marker), 3)
  const list = await tiaochu.get(`/api/v1/petitions?q=${encodeURIComponent(marker + '纺织厂')}`)
  const petition = list.json.items[0]
  assert.equal(petition.region.name, '三星镇')
  assert.equal(petition.channel, 'visit')
  assert.equal(petition.pollution_type, 'noise')
})

test('one bad row: nothing is imported and each bad row is named with its reason', async () => {
  const marker = zhMarker()
  const lines = rows(marker, 5)
  lines[1] = lines[1].replace('三星', '火星镇')
  lines[3] = lines[3].replace('2024/3/4', '2024/2/30')

  const res = await importFile(Buffer.from(csv(lines), 'utf8'))

  expectError(res, 422, 'import.invalid_rows', 'file')
  assert.equal(res.json.imported, 0)
  assert.deepEqual(res.json.problems, [
    { row: 3, column: '区镇', message: '区镇“火星镇”不存在' },
    { row: 5, column: '收到日期', message: '日期“2024/2/30”无法识别' },
  ])
  assert.equal(await countWith(marker), 0)
})

test('GBK and UTF-8 with a BOM are read as Chinese', async () => {
  const gbkMarker = zhMarker()
  const bomMarker = zhMarker()

  const fromGbk = await importFile(gbk(csv(rows(gbkMarker, 2))))
  const fromBom = await importFile(Buffer.from('\ufeff' + csv(rows(bomMarker, 2)), 'utf8'))

  assert.equal(fromGbk.status, 200, fromGbk.text)
  assert.equal(fromBom.status, 200, fromBom.text)
  assert.equal(await countWith(gbkMarker), 2)
  assert.equal(await countWith(bomMarker), 2)
})

test('a dry run checks without importing', async () => {
  const marker = zhMarker()

  const res = await importFile(Buffer.from(csv(rows(marker, 2))), '?dry_run=true')

  assert.equal(res.status, 200)
  assert.equal(res.json.dry_run, true)
  assert.equal(res.json.rows, 2)
  assert.equal(res.json.imported, 0)
  assert.equal(await countWith(marker), 0)
})

// A minimal XLSX (stored zip entries, inline strings), written here so the
// import is not tested with the server's own writer.
function xlsx(table) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const col = (i) => String.fromCharCode(65 + i)
  const sheetRows = table
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((v, c) => `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('')
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  }
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8')
    const nameBytes = Buffer.from(name, 'utf8')
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt32LE(crc32(data), 14)
    head.writeUInt32LE(data.length, 18)
    head.writeUInt32LE(data.length, 22)
    head.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(head, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

test('an XLSX ledger is imported by its headers', async () => {
  const marker = zhMarker()
  const table = [HEADER.split(','), ...rows(marker, 2).map((l) => l.split(','))]

  const res = await importFile(xlsx(table), '', {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })

  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.imported, 2)
  assert.equal(await countWith(marker), 2)
})

test('files that are no ledger are refused and change nothing', async () => {
  expectError(await importFile(Buffer.from('')), 400, 'validation.required', 'file')
  expectError(await importFile(Buffer.from('PK\x03\x04garbage')), 422, 'import.unreadable', 'file')
  const noColumns = await importFile(Buffer.from('序号,备注\r\n1,x\r\n'))
  expectError(noColumns, 422, 'import.invalid_rows', 'file')
  assert.ok(noColumns.json.problems.some((p) => p.message === '缺少“收到日期”列'))
  const bureau = await loggedIn('zhifa1')
  expectError(
    await bureau.request('POST', '/api/v1/imports/petitions', { body: csv([]), headers: CSV_TYPE }),
    403,
    'access.forbidden',
  )
})

// Peak resident memory of a child process, sampled from /proc while it runs.
function peakRss(child) {
  let peak = 0
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
      peak = Math.max(peak, kb)
    } catch {
      // The process has exited.
    }
  }, 20)
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearInterval(timer)
      resolve({ code, peakKb: peak })
    }),
  )
}

test('a huge ledger is checked in bounded memory by xinfang import', async () => {
  const file = path.join(work, 'huge.csv')
  const out = createWriteStream(file)
  out.write(HEADER + '\r\n')
  const marker = zhMarker()
  const line = rows(marker, 1)[0]
  const count = 300_000
  for (let i = 0; i < count; i++) out.write(line + '\r\n')
  out.write('2024/3/1,火星镇,x,x,x,来访,噪声,张三,13800000000\r\n')
  await new Promise((resolve) => out.end(resolve))
  const size = readFileSync(file).length

  const child = spawn(
    path.resolve(env('XINFANG_BIN')),
    ['import', '--db', env('XINFANG_DB_URL'), file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  const { code, peakKb } = await peakRss(child)

  assert.equal(code, 1, stdout)
  assert.match(stdout, new RegExp(`row ${count + 2} \\[区镇\\]: 区镇“火星镇”不存在`))
  assert.match(stdout, /nothing imported/)
  assert.ok(size > 25 * 1024 * 1024, `the file is ${size} bytes`)
  assert.ok(peakKb > 0 && peakKb < 64 * 1024, `peak memory ${peakKb} KiB`)
  assert.equal(await countWith(marker), 0)
})

// Key cases ------------------------------------------------------------------

const KEY_CASE_HEADER = '序号,区镇,信访层级,问题点位,目前情况,下一步工作建议,备注'

function importKeyCases(body, query = '', headers = CSV_TYPE) {
  return tiaochu.request('POST', `/api/v1/imports/key-cases${query}`, { body, headers })
}

async function casesWith(marker) {
  const res = await tiaochu.get(`/api/v1/key-cases?q=${encodeURIComponent(marker)}&page_size=100`)
  assert.equal(res.status, 200)
  return res.json.items.sort((a, b) => a.seq - b.seq)
}

// A ledger as the bureau keeps Attachment 3: a title row, the header, a
// merged 区镇 cell (empty below its first row) and the header again where a
// new page of the table begins.
function keyCaseLedger(marker, leader = '王向阳') {
  return [
    `2024 年度重点环境信访问题一览表（${marker}）,,,,,,`,
    KEY_CASE_HEADER,
    `1,四甲,市级,${marker}铸造厂异味问题。,企业西侧有村民住宅。,四甲镇做好沟通调解工作。,${leader}`,
    `2,,国家信访局省委巡视组,${marker}木业粉尘问题。,信访人持续上访。,四甲镇持续做好信访人工作。,`,
    KEY_CASE_HEADER,
    `3,开发区 (海门街道),区级,${marker}塑料粒子加工厂问题。,搬出后又重新搬入。,海门街道按散乱污取缔。,钱向东`,
  ].join('\r\n') + '\r\n'
}

test('a key-case ledger in the columns of Attachment 3 is imported whole', async () => {
  const marker = zhMarker()

  const res = await importKeyCases(gbk(keyCaseLedger(marker)))

  assert.equal(res.status, 200, res.text)
  assert.equal(res.json.rows, 3)
  assert.equal(res.json.imported, 3)
  const cases = await casesWith(marker)
  assert.equal(cases.length, 3)
  assert.deepEqual(
    cases.map((c) => [c.region.name, c.level, c.level_note, c.leader.name, c.stage]),
    [
      ['四甲镇', 'municipal', '', '王向阳', 'resolving'],
      // The merged 区镇 cell carries down; no 备注: the group of the region.
      ['四甲镇', 'national', '省委巡视组', '王向阳', 'resolving'],
      // "开发区 (海门街道)": the area the recommendation names.
      ['海门街道', 'district', '', '钱向东', 'resolving'],
    ],
  )
  assert.equal(cases[1].level_skipping, true)
  assert.equal(cases[2].level_skipping, false)
  assert.ok(cases[1].seq > cases[0].seq)
  assert.ok(cases.every((c) => c.group && c.group.id > 0))
})

test('one bad key-case row: nothing is imported and the row is named', async () => {
  const marker = zhMarker()
  const ledger = keyCaseLedger(marker, '李四').replace(',区级,', ',乡级,')

  const res = await importKeyCases(Buffer.from(ledger, 'utf8'))

  expectError(res, 422, 'import.invalid_rows', 'file')
  assert.equal(res.json.imported, 0)
  assert.deepEqual(
    res.json.problems.map((p) => [p.row, p.column]),
    [
      [3, '备注'],
      [6, '信访层级'],
    ],
  )
  assert.match(res.json.problems[0].message, /李四/)
  assert.deepEqual(await casesWith(marker), [])

  const dry = await importKeyCases(Buffer.from(keyCaseLedger(marker), 'utf8'), '?dry_run=true')
  assert.equal(dry.status, 200, dry.text)
  assert.equal(dry.json.rows, 3)
  assert.equal(dry.json.imported, 0)
  assert.deepEqual(await casesWith(marker), [])

  const missing = await importKeyCases(Buffer.from('序号,区镇,问题点位\r\n1,四甲,x\r\n'))
  expectError(missing, 422, 'import.invalid_rows', 'file')
  assert.ok(missing.json.problems.some((p) => p.message === '缺少“信访层级”列'))
  const bureau = await loggedIn('zhifa1')
  expectError(
    await bureau.request('POST', '/api/v1/imports/key-cases', {
      body: keyCaseLedger(marker),
      headers: CSV_TYPE,
    }),
    403,
    'access.forbidden',
  )
})

test("the app's own Attachment 3 reads back in as the same key cases", async () => {
  const before = await listAll(tiaochu, '/api/v1/key-cases')
  const top = Math.max(...before.map((c) => c.seq))
  const exported = await download(tiaochu, '/api/v1/reports/attachment-3.xlsx?year=2023')
  assert.equal(exported.status, 200)

  const res = await importKeyCases(exported.bytes, '', {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })

  assert.equal(res.status, 200, res.text)
  assert.ok(res.json.imported >= 16, res.text)
  const after = await listAll(tiaochu, '/api/v1/key-cases')
  const imported = after.filter((c) => c.seq > top).sort((a, b) => a.seq - b.seq)
  assert.equal(imported.length, res.json.imported)
  const seed = before.filter((c) => c.seq <= 16).sort((a, b) => a.seq - b.seq)
  const shape = (c) => [
    c.region.name,
    c.level,
    c.level_note,
    c.location,
    c.situation,
    c.recommendation,
    c.leader.name,
  ]
  assert.deepEqual(imported.slice(0, 16).map(shape), seed.map(shape))
})
