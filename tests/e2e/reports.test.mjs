// The reports pages (issue 6): the statistics dashboard with its numbers one
// click away, the attachment preview, the ledger uploads (petitions and key
// cases), the notice templates
// and issuing a notice from a petition's page.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  adminPassword,
  baseUrl,
  login,
  open,
  uniqueSuffix,
  useBrowser,
  withPage,
} from './lib.mjs'

useBrowser()

/** A Chinese marker no other run uses, for finding the imported petition. */
function marker() {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'
  return Array.from({ length: 4 }, () => chars[Math.floor(Math.random() * chars.length)]).join('')
}

async function apiSession(username) {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: adminPassword }),
  })
  assert.equal(res.status, 200)
  const cookie = res.headers.getSetCookie()[0].split(';')[0]
  return (path) => fetch(`${baseUrl}${path}`, { headers: { cookie } }).then((r) => r.json())
}

test('a leader reads the dashboard and the numbers behind a chart', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'liuhuajun')
    await open(page, '/reports/dashboard')

    await page.getByTestId('stats-total').waitFor()
    await page.locator('.chart-card canvas').first().waitFor()
    await page.getByRole('button', { name: '查看数据' }).first().click()

    const table = page.locator('.chart-card .el-table').first()
    await table.waitFor()
    assert.match(await table.innerText(), /件数/)
    await page.getByTestId('leaders-table').waitFor()
  })
})

test('the attachment page previews Attachment 1 and offers both files', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/reports/attachments')

    const frame = page.getByTestId('attachment-preview')
    await frame.waitFor()
    assert.match(await frame.getAttribute('src'), /attachment-1\.pdf\?year=\d{4}&inline=true/)
    await page.getByRole('link', { name: 'XLSX' }).waitFor()
  })
})

test('the section uploads a ledger and issues an acceptance notice for a row', async (t) => {
  const mark = marker()
  const csv =
    '收到日期,区镇,问题点位,反映问题,诉求,信访人\r\n' +
    `2024-06-03,悦来,${mark}五金厂北侧,夜间噪声扰民,要求整改,李${mark}\r\n`

  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/reports/import')

    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'ledger.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByTestId('import-submit').click()
    const result = page.getByTestId('import-result')
    await result.waitFor()
    assert.match(await result.innerText(), /已导入 1 件/)

    const get = await apiSession('tiaochu')
    const list = await get(`/api/v1/petitions?q=${encodeURIComponent(mark + '五金厂')}`)
    assert.equal(list.total, 1)
    await open(page, `/petitions/${list.items[0].id}`)
    const card = page.getByTestId('notice-card')
    await card.waitFor()
    const popup = page.waitForEvent('popup')
    await page.getByTestId('notice-issue').click()
    await (await popup).close()
    await card.getByText(/海环信受〔\d{4}〕\d+号/).waitFor()
  })
})

test('a bad ledger row is listed with its reason and nothing is imported', async (t) => {
  const csv = '收到日期,区镇,问题点位,信访人\r\n2024-06-03,火星镇,某地,张三\r\n'

  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/reports/import')

    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByTestId('import-submit').click()

    const problems = page.getByTestId('import-problems')
    await problems.waitFor()
    assert.match(await problems.innerText(), /区镇“火星镇”不存在/)
  })
})

test('the section imports a key-case ledger and opens an imported case', async (t) => {
  const mark = marker()
  const csv =
    '序号,区镇,信访层级,问题点位,目前情况,下一步工作建议,备注\r\n' +
    `1,常乐,市级,${mark}压铸厂废气问题。,一户居民持续投诉。,常乐镇做好沟通调解工作。,杨杰\r\n` +
    `2,,区级,${mark}木业噪声问题。,夜间生产。,常乐镇督促企业整改。,杨杰\r\n`

  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/reports/import')

    await page.getByTestId('import-kind').getByText('重点信访问题台账').click()
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByTestId('import-submit').click()
    const result = page.getByTestId('import-result')
    await result.waitFor()
    assert.match(await result.innerText(), /已导入 2 个重点信访问题/)

    const get = await apiSession('tiaochu')
    const list = await get(`/api/v1/key-cases?q=${encodeURIComponent(mark)}`)
    assert.equal(list.total, 2)
    await open(page, `/key-cases/${list.items[0].id}`)
    await page.getByText(`${mark}`, { exact: false }).first().waitFor()
    await page.getByText('常乐镇', { exact: false }).first().waitFor()
  })
})

test('an administrator edits a notice template', async (t) => {
  const note = `（${uniqueSuffix()}）`

  await withPage(t, {}, async (page) => {
    await login(page, 'admin')
    await open(page, '/system/notice-templates')

    const table = page.getByTestId('templates-table')
    await table.getByRole('row', { name: /延期告知书/ }).getByRole('button').click()
    // el-input hands its attributes to the textarea itself.
    const body = page.getByTestId('template-body')
    await body.fill(`${await body.inputValue()}\n\n${note}`)
    await page.getByTestId('template-save').click()
    await page.getByText('保存成功').waitFor()

    const get = await apiSession('admin')
    const template = await get('/api/v1/notice-templates/extension')
    assert.ok(template.body.endsWith(note))
  })
})
