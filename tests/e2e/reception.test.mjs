// The staff side of reception days: the schedule and its generator, the
// desk turning a booking into a petition, and a leader's invitation turned
// into a petition whose classification is then corrected.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  baseUrl,
  chooseFirstOption,
  chooseOption,
  login,
  open,
  rowOf,
  uniqueSuffix,
  useBrowser,
  withPage,
} from './lib.mjs'

useBrowser()

/** The seed's Attachment 1: the 2023 dates and their leaders. */
const kAttachment1 = [
  ['2023-02-14', '刘华军'],
  ['2023-03-14', '杨杰'],
  ['2023-04-18', '许正娟'],
  ['2023-05-16', '施波'],
  ['2023-06-20', '钱向东'],
  ['2023-07-18', '王向阳'],
  ['2023-08-15', '龚雪松'],
  ['2023-09-19', '刘华军'],
  ['2023-10-17', '杨杰'],
  ['2023-11-14', '许正娟'],
  ['2023-12-19', '施波'],
]

/** Set by the desk test; the invitation test names its petition. */
let registered = null

/** A mobile number no earlier run has booked with. */
function uniqueMobile() {
  const digits = String(Date.now() % 1e8).padStart(8, '0')
  return `139${digits}`
}

/** Books the first open published day through the public API. */
async function bookThroughPortal(booking) {
  const daysResponse = await fetch(`${baseUrl}/api/public/reception-days`)
  assert.equal(daysResponse.status, 200)
  const { items } = await daysResponse.json()
  const day = items.find((item) => item.booking_open && item.free > 0)
  assert.ok(day, 'an upcoming published day is open for booking')

  const response = await fetch(`${baseUrl}/api/public/appointments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reception_day_id: day.id, ...booking }),
  })
  const body = await response.json()
  assert.equal(response.status, 201, JSON.stringify(body))
  return { code: body.code, day }
}

/** The labels an el-select shows as chosen (blank placeholders left out). */
async function selectedText(page, testId) {
  const texts = await page
    .getByTestId(testId)
    .locator('.el-select__selected-item')
    .allInnerTexts()
  return texts.map((text) => text.trim()).filter(Boolean)
}

/** Waits until no select popup is shown (they fade out after a choice). */
async function dropdownsClosed(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-select-dropdown')].every(
      (popup) => !popup.checkVisibility(),
    ),
  )
}

test('the schedule shows Attachment 1 and previews a holiday move', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await page.getByTestId('menu-reception-days').click()
    await page.waitForURL('**/reception-days')

    const yearInput = page
      .getByTestId('reception-days-year')
      .locator('input')
      .first()
    await yearInput.fill('2023')
    await yearInput.press('Enter')
    await page.getByTestId('reception-days-search').click()
    await page.waitForURL(/year=2023/)
    await page.getByTestId('reception-day-row-2023-02-14').waitFor()

    const table = page.getByTestId('reception-days-table')
    const rows = await table
      .locator('[data-testid^="reception-day-row-"]')
      .evaluateAll((cells) => cells.map((cell) => cell.dataset.testid))
    assert.deepEqual(
      rows,
      kAttachment1.map(([date]) => `reception-day-row-${date}`),
    )
    for (const [date, leader] of kAttachment1) {
      const row = rowOf(page, `reception-day-row-${date}`)
      const leaders = await row.getByTestId('reception-day-leaders').innerText()
      assert.equal(leaders.trim(), leader, `leader of ${date}`)
    }
    assert.match(
      await rowOf(page, 'reception-day-row-2023-02-14').innerText(),
      /周二[\s\S]*08:30–11:30[\s\S]*已发布/,
    )

    await page.getByTestId('reception-days-generate').click()
    await page.getByTestId('generate-dialog').waitFor()
    const year = page.getByTestId('generate-form-year').locator('input')
    await year.fill('2026')
    await year.press('Tab')
    await page.getByTestId('generate-preview').click()

    const february = page.getByTestId('proposed-day-2026-02-24')
    await february.waitFor()
    assert.equal(
      await page.getByTestId('proposed-day-2026-02-17').count(),
      0,
      'nothing is proposed on the Spring Festival holiday',
    )
    const movedRow = page
      .getByTestId('generate-dialog')
      .locator('tr')
      .filter({ has: february })
    assert.match(await movedRow.getAttribute('class'), /moved-row/)
    const text = await movedRow.innerText()
    assert.match(text, /刘华军/)
    assert.match(text, /原定 2026-02-17/)
    assert.match(text, /春节/)
  })
})

test('the desk turns a booking into a petition', async (t) => {
  const suffix = uniqueSuffix()
  const booking = {
    name: '赵预约',
    phone: uniqueMobile(),
    region: '海门街道',
    topic: `化工厂夜间异味${suffix}`,
  }
  const { code, day } = await bookThroughPortal(booking)
  const leader = day.leaders[0].name

  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, `/reception-days?year=${day.date.slice(0, 4)}`)
    await rowOf(page, `reception-day-row-${day.date}`)
      .getByTestId('reception-day-appointments')
      .click()
    await page.waitForURL(/\/reception-days\/\d+\/appointments/)
    const bookingsUrl = page.url()

    const row = rowOf(page, `appointment-row-${code}`)
    await row.waitFor()
    const masked = await row.innerText()
    assert.ok(!masked.includes(booking.phone), 'the list masks the phone')
    assert.match(masked, /已预约/)
    await row.getByTestId('appointment-register').click()
    await page.waitForURL(/\/petitions\/new\?appointment=\d+/)

    await page.getByTestId('petition-from-appointment').waitFor()
    assert.match(
      await page.getByTestId('petition-from-appointment').innerText(),
      /来自预约/,
    )
    // The draft arrives after the page: wait for it to fill the form.
    const name = page.getByTestId('petitioner-0-name')
    await page.waitForFunction(
      (expected) =>
        document.querySelector('input[data-testid="petitioner-0-name"]')
          ?.value === expected,
      booking.name,
    )
    assert.equal(await name.inputValue(), booking.name)
    assert.equal(
      await page.getByTestId('petitioner-0-phone').inputValue(),
      booking.phone,
    )
    assert.equal(
      await page.getByTestId('petition-form-summary').inputValue(),
      booking.topic,
    )
    assert.deepEqual(await selectedText(page, 'petition-form-channel'), [
      '领导接访',
    ])
    assert.match(
      (await selectedText(page, 'petition-form-region')).join(),
      /^海门街道/,
    )
    assert.deepEqual(
      await selectedText(page, 'petition-form-receiving-leader'),
      [leader],
    )

    await page.getByTestId('petition-form-location').fill('海门街道人民路')
    await page.getByTestId('petition-form-respondent').fill(`化工厂${suffix}`)
    await chooseOption(page, 'petition-form-pollution', '大气/异味')
    await chooseOption(page, 'petition-form-legal-category', '检举控告类')
    await page.getByTestId('petition-form-demand').fill('请求查处夜间异味排放')
    await page.getByTestId('petition-submit').click()
    await page.waitForURL(/\/petitions\/\d+$/)

    const petitionCode = (
      await page.getByTestId('petition-code').innerText()
    ).trim()
    assert.match(petitionCode, /^XF-\d{4}-\d{5}$/)
    assert.match(
      await page.getByTestId('petition-basic').innerText(),
      /领导接访/,
    )
    assert.equal(
      (await page.getByTestId('petition-receiving-leader').innerText()).trim(),
      leader,
    )
    registered = { code: petitionCode, keyword: booking.topic }

    await page.goto(bookingsUrl)
    const done = rowOf(page, `appointment-row-${code}`)
    await done.getByTestId('appointment-petition').waitFor()
    assert.match(
      await done.getByTestId('appointment-status').innerText(),
      /已到场/,
    )
    await page.waitForFunction(
      ([bookingCode, expected]) => {
        const cell = document.querySelector(
          `[data-testid="appointment-row-${bookingCode}"]`,
        )
        const row = cell?.closest('tr')
        return (
          row
            ?.querySelector('[data-testid="appointment-petition"]')
            ?.textContent?.trim() === expected
        )
      },
      [code, petitionCode],
    )
    assert.equal(await done.getByTestId('appointment-register').count(), 0)
  })
})

test('an invitation is recorded and then its answer', async (t) => {
  assert.ok(registered, 'the desk test registered a petition')
  const note = `请就异味问题当面说明${uniqueSuffix()}`

  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await page.getByTestId('menu-invitations').click()
    await page.waitForURL('**/invitations')

    await page.getByTestId('invitations-add').click()
    await page.getByTestId('invitation-dialog').waitFor()
    await chooseOption(page, 'invitation-form-leader', '刘华军')
    const petition = page.getByTestId('invitation-form-petition')
    await petition.locator('.el-select__wrapper').click()
    // The list's keyword search covers summary, demand, place and
    // respondent (not the code), so the petition is found by its summary.
    await petition.locator('input').fill(registered.keyword)
    await page
      .locator('.el-select-dropdown:visible .el-select-dropdown__item')
      .filter({ hasText: registered.code })
      .first()
      .click()
    await dropdownsClosed(page)
    await page.getByTestId('invitation-form-name').fill('钱约访')
    await page.getByTestId('invitation-form-phone').fill('13700001111')
    await chooseFirstOption(page, 'invitation-form-day')
    await page.getByTestId('invitation-form-note').fill(note)
    await page.getByTestId('invitation-submit').click()
    await page.getByTestId('invitation-dialog').waitFor({ state: 'hidden' })

    const row = page.locator('tr.el-table__row').filter({ hasText: note })
    await row.waitFor()
    const text = await row.innerText()
    assert.match(text, /刘华军/)
    assert.match(text, /钱\*/)
    assert.ok(text.includes(registered.code), 'the row names the petition')
    assert.ok(!text.includes('13700001111'), 'the phone is masked')
    assert.match(
      await row.getByTestId('invitation-status').innerText(),
      /已约访/,
    )

    await row.getByTestId('invitation-record').click()
    await page.getByTestId('answer-dialog').waitFor()
    await chooseOption(page, 'answer-form-status', '已同意')
    await page
      .getByTestId('answer-form-answer')
      .fill('信访人同意在接访日到局面谈')
    await page.getByTestId('answer-submit').click()
    await page.getByTestId('answer-dialog').waitFor({ state: 'hidden' })

    await row
      .getByTestId('invitation-status')
      .filter({ hasText: '已同意' })
      .waitFor()
    assert.match(
      await row.getByTestId('invitation-answer').innerText(),
      /信访人同意在接访日到局面谈/,
    )

    // The accepted invitation opens the registration form, prefilled.
    await row.getByTestId('invitation-register').click()
    await page.waitForURL(/\/petitions\/new\?invitation=\d+/)
    assert.match(
      await page.getByTestId('petition-from-appointment').innerText(),
      /来自约访/,
    )
    await page.waitForFunction(
      () =>
        document.querySelector('input[data-testid="petitioner-0-name"]')
          ?.value === '钱约访',
    )
    assert.equal(
      await page.getByTestId('petitioner-0-phone').inputValue(),
      '13700001111',
    )
    assert.deepEqual(await selectedText(page, 'petition-form-channel'), [
      '领导接访',
    ])
    assert.deepEqual(
      await selectedText(page, 'petition-form-receiving-leader'),
      ['刘华军'],
    )
    const suffix = uniqueSuffix()
    await page.getByTestId('petition-form-location').fill('海门街道人民路')
    await page.getByTestId('petition-form-respondent').fill(`化工厂${suffix}`)
    await chooseOption(page, 'petition-form-pollution', '大气/异味')
    await chooseOption(page, 'petition-form-legal-category', '检举控告类')
    await page.getByTestId('petition-form-demand').fill('请求当面说明处理结果')
    await page.getByTestId('petition-submit').click()
    await page.waitForURL(/\/petitions\/\d+$/)
    assert.equal(
      (await page.getByTestId('petition-receiving-leader').innerText()).trim(),
      '刘华军',
    )

    // Still registered, its classification can be corrected on the page.
    await page.getByTestId('petition-reclassify').click()
    await page.getByTestId('reclassify-dialog').waitFor()
    await chooseOption(page, 'reclassify-content_type', '对环保工作的意见建议')
    await page.getByTestId('reclassify-submit').click()
    await page.getByTestId('reclassify-dialog').waitFor({ state: 'hidden' })
    await page
      .getByTestId('petition-basic')
      .filter({ hasText: '对环保工作的意见建议' })
      .waitFor()

    await page.getByTestId('menu-invitations').click()
    await page.waitForURL('**/invitations')
    const held = page.locator('tr.el-table__row').filter({ hasText: note })
    await held.getByTestId('invitation-registered').waitFor()
    assert.equal(await held.getByTestId('invitation-register').count(), 0)
  })
})
