// The seed's attachments as XLSX and PDF (issue 6): read back with an
// independent reader and compared with the seed's titles, columns, order,
// cells and merges; the PDFs' text extracted with pdftotext.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import {
  ATTACHMENT_ONE_2023,
  createGroup,
  download,
  expectError,
  loggedIn,
} from './lib.mjs'
import { pdfPages, pdfText } from './pdf.mjs'
import { readXlsx } from './xlsx.mjs'

const XLSX_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// The seed's table as printed: dates as "2 月 14 日", two-character names
// spaced ("杨 杰").
function seedRows() {
  const cell = ([date, leader]) => [
    `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8))} 日`,
    [...leader].length === 2 ? [...leader].join(' ') : leader,
  ]
  const left = ATTACHMENT_ONE_2023.slice(0, 6).map(cell)
  const right = ATTACHMENT_ONE_2023.slice(6).map(cell)
  return left.map((l, i) => [...l, ...(right[i] ?? ['', '']), ''])
}

let leader
before(async () => {
  leader = await loggedIn('liuhuajun')
})

test('Attachment 1 as XLSX has the seed title, columns, order and cells', async () => {
  const res = await download(leader, '/api/v1/reports/attachment-1.xlsx?year=2023')

  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), XLSX_TYPE)
  assert.match(
    res.headers.get('content-disposition'),
    /filename\*=UTF-8''2023%E5%B9%B4/,
  )
  const [sheet] = readXlsx(res.bytes).sheets
  assert.equal(sheet.name, '附件1')
  assert.equal(sheet.rows[0][0], '附件 1')
  assert.equal(sheet.rows[1][0], '2023 年局领导接访时间表')
  assert.deepEqual(sheet.merges, ['A2:E2'])
  assert.deepEqual(sheet.rows[2], ['日期', '接访领导', '日期', '接访领导', '备注'])
  const body = sheet.rows.slice(3).map((r) => [0, 1, 2, 3, 4].map((i) => r[i] ?? ''))
  assert.deepEqual(body, seedRows())
  assert.equal(sheet.paperSize, '9')
})

test('Attachment 1 as PDF holds the same text, selectable, on one A4 page', async () => {
  const res = await download(leader, '/api/v1/reports/attachment-1.pdf?year=2023')

  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  // pdftotext drops or adds spaces around CJK text; compare without them.
  const text = pdfText(res.bytes).replace(/\s/g, '')
  const bare = (s) => s.replace(/\s/g, '')
  assert.ok(text.includes(bare('2023 年局领导接访时间表')), text)
  for (const [date, name] of seedRows().flatMap((r) => [r.slice(0, 2), r.slice(2, 4)])) {
    if (!date) continue
    assert.ok(text.includes(bare(date)), date)
    assert.ok(text.includes(bare(name)), name)
  }
  const { pages, size } = pdfPages(res.bytes)
  assert.equal(pages, 1)
  assert.match(size, /595\.\d+ x 841\.\d+/)
})

test('a year that is not a year is refused', async () => {
  const res = await leader.get('/api/v1/reports/attachment-1.xlsx?year=23')

  expectError(res, 400, 'validation.invalid', 'year')
})

test('bureau and town users do not read the reports', async () => {
  const bureau = await loggedIn('zhifa1')

  const res = await bureau.get('/api/v1/reports/attachment-1.pdf?year=2023')

  expectError(res, 403, 'access.forbidden')
})

// Attachment 3 as the seed prints it: 区镇 as the seed names the areas, merged
// where consecutive cases share one, the level and the owning leader.
const ATTACHMENT_THREE_SEED = [
  ['开发区 (海门街道)', '部级', '钱向东'],
  ['', '省委巡视组', '钱向东'],
  ['', '市级', '钱向东'],
  ['', '市级', '钱向东'],
  ['', '市级', '钱向东'],
  ['', '市级', '钱向东'],
  ['', '市级', '钱向东'],
  ['', '区级', '钱向东'],
  ['临江新区', '省级', '施波'],
  ['三厂工业园区', '省级', '施波'],
  ['三星', '省委巡视组', '龚雪松'],
  ['海门港新区', '市级', '许正娟'],
  ['悦来', '市级', '杨杰'],
  ['常乐', '市级', '杨杰'],
  ['', '国家信访局省委巡视组', '杨杰'],
  ['四甲', '市级', '王向阳'],
]

test('Attachment 3 as XLSX groups the sixteen key cases by area with merged cells', async () => {
  const res = await download(leader, '/api/v1/reports/attachment-3.xlsx?year=2023')

  assert.equal(res.status, 200)
  const [sheet] = readXlsx(res.bytes).sheets
  assert.equal(sheet.rows[1][0], '2023 年度海门区重点环境信访问题一览表')
  assert.deepEqual(sheet.rows[2], ['序号', '区镇', '信访层级', '问题点位', '目前情况', '下一步工作建议', '备注'])
  const seedRows = sheet.rows.slice(3, 19)
  assert.deepEqual(
    seedRows.map((r) => [r[1] ?? '', r[2], r[6]]),
    ATTACHMENT_THREE_SEED,
  )
  assert.deepEqual(seedRows.map((r) => r[0]), ATTACHMENT_THREE_SEED.map((_, i) => String(i + 1)))
  assert.ok(seedRows[0][3].startsWith('开发区赫联园区厂群距离不足'))
  for (const merge of ['A2:G2', 'B4:B11', 'B17:B18']) {
    assert.ok(sheet.merges.includes(merge), `${merge} in ${sheet.merges}`)
  }
  assert.equal(sheet.orientation, 'landscape')
})

test('Attachment 3 as PDF is landscape with the header on every page', async () => {
  const res = await download(leader, '/api/v1/reports/attachment-3.pdf?year=2023')

  assert.equal(res.status, 200)
  const text = pdfText(res.bytes)
  const { pages, size } = pdfPages(res.bytes)
  assert.match(size, /841\.\d+ x 595\.\d+/)
  assert.equal(text.split('下一步工作建议').length - 1, pages)
  for (const part of ['开发区 (海门街道)', '国家信访局省委巡视组', '四甲镇持续妥善处理好厂群双方矛盾沟通调解工作']) {
    assert.ok(text.replace(/\s/g, '').includes(part.replace(/\s/g, '')), part)
  }
})

test("Attachment 2 lists a group's visits of a month in the seed's columns", async () => {
  const coordinator = await loggedIn('tiaochu')
  const group = await createGroup(await loggedIn('admin'))
  const visit = await coordinator.post('/api/v1/field-visits', {
    group_id: group.id,
    visit_on: '2022-03-08',
    participants: '执法四局 张科长',
    inspection_time: '3 月 8 日上午',
    findings: '企业已停产整改',
    requirements: [{ content: '完成废气收集改造', deadline: '2022-03-31' }],
  })
  assert.equal(visit.status, 201, visit.text)

  const res = await download(
    leader,
    `/api/v1/reports/attachment-2.xlsx?month=2022-03&group_id=${group.id}`,
  )

  assert.equal(res.status, 200)
  const [sheet] = readXlsx(res.bytes).sheets
  assert.equal(sheet.rows[0][0], '附件 2')
  assert.equal(sheet.rows[1][0], `2022 年度 3 月份${group.name}领导地区包案、带案下访化解表`)
  assert.deepEqual(sheet.rows[2], ['序号', '区镇', '带案领导', '参与人员', '带案事项', '督查时间', '督查情况', '督查要求'])
  const row = sheet.rows[3]
  assert.equal(row[0], '1')
  assert.equal(row[2], '施 波')
  assert.equal(row[3], '执法四局 张科长')
  assert.equal(row[5], '3 月 8 日上午')
  assert.equal(row[6], '企业已停产整改')
  assert.equal(row[7], '完成废气收集改造（3 月 31 日前）')
  assert.equal(sheet.rows.length, 4)
  const pdf = await download(leader, `/api/v1/reports/attachment-2.pdf?month=2022-03&group_id=${group.id}`)
  assert.ok(pdfText(pdf.bytes).includes('企业已停产整改'))
  expectError(await leader.get('/api/v1/reports/attachment-2.xlsx?month=2022-3'), 400, 'validation.invalid', 'month')
})
