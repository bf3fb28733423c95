import assert from 'node:assert/strict'
import { test } from 'node:test'

import { login, open, useBrowser, withPage } from './lib.mjs'

useBrowser()

test('the calendar shows 春节 days off in February 2026', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/calendar?month=2026-02')

    const calendar = page.getByTestId('calendar')
    const springFestival = calendar
      .locator('.cell.day-off.current-month')
      .filter({ hasText: '春节' })
    await springFestival.first().waitFor()
    assert.ok((await springFestival.count()) >= 3)
    await calendar.locator('.cell.adjusted-workday').first().waitFor()

    const entries = page.getByTestId('calendar-entries')
    assert.match(await entries.innerText(), /春节/)
    assert.match(await entries.innerText(), /国庆节/)
  })
})

test('the calendar says when a year is not loaded', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/calendar?month=2031-05')

    const notice = page.getByTestId('calendar-not-loaded')
    await notice.waitFor()
    assert.match(await notice.innerText(), /2031/)
  })
})
