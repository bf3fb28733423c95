// The key-case journey of issue 5: a bureau records its group's field visit
// with a requirement and follows it up until met; the section opens the case
// file, sees the visit in its ledger and exports the file as ZIP and PDF.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  beijingDatePlus,
  chooseOption,
  fillDate,
  login,
  open,
  switchUser,
  uniqueSuffix,
  useBrowser,
  withPage,
} from './lib.mjs'

useBrowser()

test('a field visit with a requirement is followed up and the case file exported', async (t) => {
  await withPage(t, {}, async (page) => {
    const marker = uniqueSuffix()
    await login(page, 'zhifa1')
    await open(page, '/field-visits')

    await page.getByTestId('visit-add').click()
    await page
      .getByTestId('visit-form-participants')
      .fill(`钱向东、执法一局 ${marker}`)
    await chooseOption(page, 'visit-form-cases', '金轮橡胶厂排放难闻气味')
    await page.keyboard.press('Escape')
    await page
      .getByTestId('visit-form-findings')
      .fill('企业废气收集设施运行不稳定')
    await page
      .getByTestId('visit-form-requirement-0')
      .fill(`更换活性炭${marker}`)
    await fillDate(page, 'visit-form-deadline-0', beijingDatePlus(10))
    await page.getByTestId('visit-form-submit').click()

    const requirement = page
      .locator('[data-testid^="requirement-"]')
      .filter({ hasText: `更换活性炭${marker}` })
    await requirement.waitFor()
    assert.match(await requirement.innerText(), /未整改到位/)

    await requirement.getByTestId('requirement-follow-up').click()
    await page.getByTestId('follow-up-note').fill(`后督察${marker}：已更换`)
    await page.getByTestId('follow-up-submit').click()
    await requirement.filter({ hasText: '已整改到位' }).waitFor()
    assert.match(await requirement.innerText(), new RegExp(`后督察${marker}`))

    await switchUser(page, 'tiaochu')
    await open(page, '/key-cases')
    await page
      .getByTestId('key-case-table')
      .getByRole('link', { name: '金轮橡胶厂排放难闻气味' })
      .click()
    await page.waitForURL(/\/key-cases\/\d+$/)
    const ledger = page.getByTestId('case-ledger')
    await ledger.filter({ hasText: marker }).waitFor()
    assert.match(await ledger.innerText(), /带案下访/)

    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('case-export-zip').click(),
    ])
    assert.match(zip.suggestedFilename(), /^一案一卷-3\.zip$/)
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('case-export-pdf').click(),
    ])
    assert.match(pdf.suggestedFilename(), /\.pdf$/)
  })
})

test('the monthly-report board shows the due date moved off a weekend', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/monthly-reports')
    await fillDate(page, 'report-month', '2023-04')
    await page
      .getByTestId('report-due')
      .filter({ hasText: '2023-05-22' })
      .waitFor()
    assert.match(await page.getByTestId('report-board').innerText(), /逾期未报/)
  })
})

test('the section edits the recommendation of a case on its page', async (t) => {
  await withPage(t, {}, async (page) => {
    const marker = uniqueSuffix()
    await login(page, 'tiaochu')
    await open(page, '/key-cases')
    await page
      .getByTestId('key-case-table')
      .getByRole('link', { name: '殡仪馆距离太近, 气味太大。' })
      .click()
    await page.waitForURL(/\/key-cases\/\d+$/)

    await page.getByTestId('case-edit').click()
    await page.getByTestId('case-edit-dialog').waitFor()
    await page
      .getByTestId('case-edit-recommendation')
      .fill(`海门街道继续做好沟通维稳工作${marker}`)
    await page.getByTestId('case-edit-submit').click()

    await page.getByText(`海门街道继续做好沟通维稳工作${marker}`).waitFor()
  })
})
