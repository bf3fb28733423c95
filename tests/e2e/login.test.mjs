import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  baseUrl,
  login,
  uniqueSuffix,
  useBrowser,
  withPage,
} from './lib.mjs'

useBrowser()

test('admin signs in and sees the layout with the bureau name', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'admin')

    const title = page.getByTestId('app-title')
    assert.match(await title.innerText(), /南通市海门生态环境局/)
    assert.match(await title.innerText(), /环境信访管理系统/)
    assert.match(await page.getByTestId('user-menu').innerText(), /系统管理员/)
    await page.getByTestId('menu-users').waitFor()
    await page.getByTestId('menu-audit').waitFor()
  })
})

test('a failed sign-in shows 用户名或密码错误 and stays on /login', async (t) => {
  await withPage(t, {}, async (page) => {
    await page.goto(`${baseUrl}/login`)

    // An unknown account, so no real account gets locked by the attempt.
    await page.getByTestId('login-username').fill(`nobody_${uniqueSuffix()}`)
    await page.getByTestId('login-password').fill('wrong-password-1')
    await page.getByTestId('login-submit').click()

    await page.locator('.el-message', { hasText: '用户名或密码错误' }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')
  })
})

test('an unknown visitor is sent to the login page first', async (t) => {
  await withPage(t, {}, async (page) => {
    await page.goto(`${baseUrl}/org/groups`)

    await page.getByTestId('login-form').waitFor()
    const url = new URL(page.url())
    assert.equal(url.pathname, '/login')
    assert.equal(url.searchParams.get('redirect'), '/org/groups')
  })
})

test('the language switch turns the interface to English', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'admin')

    await page.getByTestId('locale-switch').click()
    await page.getByTestId('locale-en').click()

    await page.getByTestId('app-title').filter({ hasText: 'Petition' }).waitFor()
    assert.match(await page.getByTestId('menu-groups').innerText(), /Case groups/)
    assert.match(await page.getByTestId('user-menu').innerText(), /Administrator/)
  })
})
