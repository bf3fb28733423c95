import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  baseUrl,
  beijingDatePlus,
  chooseFirstOption,
  chooseOption,
  fillDate,
  kPhone,
  login,
  open,
  switchUser,
  uniqueSuffix,
  useBrowser,
  withPage,
} from './lib.mjs'

useBrowser()

const kValidIdNumber = '11010519491231002X'
const kPhoneNumber = '13812345678'

/** Set by the journey; the later tests look the petition up again. */
let registered = null

async function registerThroughForm(page, summary) {
  await page.getByTestId('menu-petition-register').click()
  await page.waitForURL('**/petitions/new')

  await chooseFirstOption(page, 'petition-form-source')
  await chooseOption(page, 'petition-form-region', '海门开发区')
  assert.match(
    await page.getByTestId('petition-form-group').innerText(),
    /第一组[\s\S]*钱向东[\s\S]*执法一局/,
  )
  await page.getByTestId('petition-form-location').fill('海门开发区北京路')
  await page.getByTestId('petition-form-respondent').fill(`金轮橡胶厂${summary}`)
  await chooseOption(page, 'petition-form-pollution', '噪声')
  await chooseOption(page, 'petition-form-legal-category', '检举控告类')
  await page.getByTestId('petition-form-summary').fill(summary)
  await page.getByTestId('petition-form-demand').fill('请求查处夜间生产噪声')
  await page.getByTestId('petitioner-0-name').fill('张三明')
  await page.getByTestId('petitioner-0-id-number').fill(kValidIdNumber)
  await page.getByTestId('petitioner-0-phone').fill(kPhoneNumber)

  // Enter in a field must not submit the form by accident.
  await page.getByTestId('petitioner-0-phone').press('Enter')
  assert.match(page.url(), /\/petitions\/new$/)

  await page.getByTestId('petition-submit').click()
  await page.waitForURL(/\/petitions\/\d+$/)
  const code = (await page.getByTestId('petition-code').innerText()).trim()
  assert.match(code, /^XF-\d{4}-\d{5}$/)
  return { code, url: page.url() }
}

async function expectStatus(page, label) {
  await page
    .getByTestId('petition-header')
    .locator('.el-tag', { hasText: label })
    .first()
    .waitFor()
}

async function act(page, action, fill = async () => {}) {
  await page.getByTestId(`action-${action}`).click()
  await page.getByTestId('action-dialog').waitFor()
  await fill()
  await page.getByTestId('action-submit').click()
  await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
}

test('a petition goes from registration to closure through the pages', async (t) => {
  await withPage(t, {}, async (page) => {
    const summary = `夜间噪声扰民${uniqueSuffix()}`
    await login(page, 'tiaochu')
    registered = { summary, ...(await registerThroughForm(page, summary)) }
    await expectStatus(page, '已登记')
    const masked = await page.getByTestId('petitioners-table').innerText()
    assert.ok(!masked.includes(kPhoneNumber), 'the phone is shown masked')

    await act(page, 'accept')
    await expectStatus(page, '已受理')
    await act(page, 'assign', async () => {
      await chooseOption(page, 'action-form-unit_id', '执法一局')
      await page
        .getByTestId('action-form-requirements')
        .locator('textarea')
        .fill('请现场核查并反馈')
      await fillDate(page, 'action-form-deadline', beijingDatePlus(10))
    })
    await expectStatus(page, '已交办')

    await switchUser(page, 'zhifa1')
    await page.goto(registered.url)
    await act(page, 'report', async () => {
      await page
        .getByTestId('action-form-findings')
        .locator('textarea')
        .fill('经现场检查，该厂已停止夜间生产')
    })
    await expectStatus(page, '已反馈')

    await switchUser(page, 'tiaochu')
    await page.goto(registered.url)
    await act(page, 'reply', async () => {
      await page
        .getByTestId('action-form-content')
        .locator('textarea')
        .fill('经查，反映情况属实，已责令整改')
      await chooseOption(page, 'action-form-way', '书面')
    })
    await expectStatus(page, '已答复')
    await act(page, 'close')
    await expectStatus(page, '已办结')

    const actions = await page
      .getByTestId('timeline-item')
      .evaluateAll((items) => items.map((item) => item.dataset.action))
    const steps = ['accept', 'assign', 'report', 'reply', 'close']
    const positions = steps.map((step) => actions.indexOf(step))
    assert.ok(
      positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1])),
      `timeline in order: ${actions.join(', ')}`,
    )
    assert.equal(await page.getByTestId('action-close').count(), 0)
  })
})

test('the list search by 噪声 finds the registered petition', async (t) => {
  assert.ok(registered, 'the journey registered a petition')
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/petitions')

    await page.getByTestId('petitions-query-q').fill('噪声')
    await page.getByTestId('petitions-search').click()

    await page.getByTestId(`petition-row-${registered.code}`).waitFor()
  })
})

test('on a phone the list shows cards and fits the screen', async (t) => {
  assert.ok(registered, 'the journey registered a petition')
  await withPage(t, { viewport: kPhone, isMobile: true }, async (page) => {
    await login(page, 'tiaochu')
    await page.goto(`${baseUrl}/petitions?q=${encodeURIComponent('噪声')}`)

    const card = page.getByTestId(`petition-card-${registered.code}`)
    await card.waitFor()
    assert.match(await card.innerText(), /已办结/)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`)
  })
})

test("the section finds the petitioner's history by phone", async (t) => {
  assert.ok(registered, 'the journey registered a petition')
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await page.getByTestId('menu-petitioner-history').click()
    await page.waitForURL('**/petitioners/history')

    await page.getByTestId('history-phone').fill(kPhoneNumber)
    await page.getByTestId('history-search').click()

    await page.getByTestId(`history-petition-row-${registered.code}`).waitFor()
  })
})
