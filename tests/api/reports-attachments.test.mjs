// The seed's Attachment 1 as XLSX and PDF (issue 6): read back with an
// independent reader and compared with the seed's title, columns, order and
// cells; the PDF's text extracted with pdftotext.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { ATTACHMENT_ONE_2023, download, expectError, loggedIn } from './lib.mjs'
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
  const text = pdfText(res.bytes)
  assert.ok(text.includes('2023 年局领导接访时间表'), text)
  for (const [date, name] of seedRows().flatMap((r) => [r.slice(0, 2), r.slice(2, 4)])) {
    if (!date) continue
    assert.ok(text.includes(date), date)
    assert.ok(text.includes(name), name)
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
