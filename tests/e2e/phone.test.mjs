import assert from 'node:assert/strict'
import { test } from 'node:test'

import { kPhone, login, useBrowser, withPage } from './lib.mjs'

useBrowser()

test('on a 390×844 phone the menu opens as a drawer', async (t) => {
  await withPage(t, { viewport: kPhone, isMobile: true }, async (page) => {
    await login(page, 'admin')

    assert.equal(await page.getByTestId('aside').count(), 0)
    const drawer = page.getByTestId('menu-drawer')
    assert.equal(await drawer.isVisible(), false)

    await page.getByTestId('menu-toggle').click()
    await drawer.waitFor()
    await drawer.getByTestId('menu-groups').click()

    await page.waitForURL('**/org/groups')
    await drawer.waitFor({ state: 'hidden' })
    await page.getByTestId('group-row-1').waitFor()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`)
  })
})
