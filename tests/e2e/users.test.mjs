import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  chooseOption,
  login,
  open,
  rowOf,
  uniqueSuffix,
  useBrowser,
  withPage,
} from './lib.mjs'

useBrowser()

test('an admin creates a user through the dialog', async (t) => {
  await withPage(t, {}, async (page) => {
    const username = `e2e_${uniqueSuffix()}`
    await login(page, 'admin')
    await open(page, '/system/users')

    await page.getByTestId('users-add').click()
    await page.getByTestId('user-form-username').fill(username)
    await page.getByTestId('user-form-display-name').fill('测试调处员')
    await chooseOption(page, 'user-form-role', '信访调处科')
    await page.getByTestId('user-form-password').fill('e2e-password-123')
    await page.getByTestId('user-submit').click()

    await page.locator('.el-message', { hasText: '保存成功' }).waitFor()
    await page.getByTestId('users-query-keyword').fill(username)
    await page.getByTestId('users-search').click()
    const row = rowOf(page, `user-row-${username}`)
    await row.waitFor()
    assert.match(await row.innerText(), /测试调处员/)
    assert.match(await row.innerText(), /信访调处科/)
  })
})

test('the user dialog checks the fields before sending', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'admin')
    await open(page, '/system/users')

    await page.getByTestId('users-add').click()
    await page.getByTestId('user-form-username').fill('A b')
    await page.getByTestId('user-form-password').fill('short')
    await page.getByTestId('user-submit').click()

    const errors = page.getByTestId('user-form').locator('.el-form-item__error')
    await errors.filter({ hasText: '用户名为 3–32 位' }).waitFor()
    await errors.filter({ hasText: '请选择角色' }).waitFor()
    await errors.filter({ hasText: '密码至少 10 位' }).waitFor()
    assert.equal(await page.locator('.el-message').count(), 0)
  })
})

test('a coordinator sees the users but not the 新增 button', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'tiaochu')
    await open(page, '/system/users')

    await rowOf(page, 'user-row-admin').waitFor()
    assert.equal(await page.getByTestId('users-add').count(), 0)
    assert.equal(await page.getByTestId('user-edit-admin').count(), 0)
    assert.equal(await page.getByTestId('menu-audit').count(), 0)
  })
})

test('a bureau user has no users page in the menu', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'zhifa1')

    await page.getByTestId('menu-groups').waitFor()
    assert.equal(await page.getByTestId('menu-users').count(), 0)
    await open(page, '/system/users')
    await page.getByTestId('forbidden').waitFor()
  })
})
