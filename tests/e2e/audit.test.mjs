import assert from 'node:assert/strict'
import { test } from 'node:test'

import { login, open, useBrowser, withPage } from './lib.mjs'

useBrowser()

test('an auditor sees their own sign-in in the audit log', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'shenji')
    await open(page, '/system/audit')

    // Other test files may sign in at the same moment, so look for the row
    // rather than expecting it on top.
    const signIn = page
      .getByTestId('audit-table')
      .locator('tr.el-table__row')
      .filter({ hasText: 'shenji' })
      .filter({ hasText: '登录' })
    await signIn.first().waitFor()
    assert.match(await signIn.first().innerText(), /会话/)
    assert.equal(await page.getByTestId('menu-users').count(), 0)
  })
})

test('a coordinator may not open the audit log', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/system/audit')

    await page.getByTestId('forbidden').waitFor()
  })
})
