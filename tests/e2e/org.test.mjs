import assert from 'node:assert/strict'
import { test } from 'node:test'

import { login, open, rowOf, useBrowser, withPage } from './lib.mjs'

useBrowser()

test('the groups page lists the six groups of the seed', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'admin')
    await page.getByTestId('menu-groups').click()
    await page.waitForURL('**/org/groups')

    const first = rowOf(page, 'group-row-1')
    await first.waitFor()
    const text = await first.innerText()
    assert.match(text, /第一组/)
    assert.match(text, /钱向东/)
    assert.match(text, /执法一局/)
    assert.match(text, /海门开发区/)
    for (const number of [2, 3, 4, 5, 6]) {
      await page.getByTestId(`group-row-${number}`).waitFor()
    }
    assert.match(await rowOf(page, 'group-row-6').innerText(), /王向阳/)
  })
})

test('the regions page lists the demo regions with their group', async (t) => {
  await withPage(t, {}, async (page) => {
    await login(page, 'zhifa1')
    await open(page, '/org/regions')

    const row = rowOf(page, 'region-row-三星镇')
    await row.waitFor()
    assert.match(await row.innerText(), /第二组/)
    assert.equal(await page.getByTestId('regions-add').count(), 0)
  })
})
