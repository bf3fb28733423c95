// The public portal at /public/ on a phone: booking a reception day and
// cancelling it, an online complaint and its progress, the layout at 375 px
// and the size of the first load. The public endpoints are throttled per
// address (30 requests an hour by default); this file makes 7 of them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { gzipSync } from 'node:zlib'

import { baseUrl, useBrowser, withPage } from './lib.mjs'

useBrowser()

const kNarrowPhone = { width: 375, height: 740 }
const kFirstLoadBudget = 300 * 1024

// One phone may hold one booking per day, so every run uses a new number.
function uniquePhone() {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
  return `139${digits}`
}

function phonePage(t, body) {
  return withPage(t, { viewport: kNarrowPhone, isMobile: true }, body)
}

// A 1×1 PNG, enough for the server's type sniffing.
const kTinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

test('a citizen books the first open day, looks the booking up and cancels it', async (t) => {
  await phonePage(t, async (page) => {
    const phone = uniquePhone()
    await page.goto(`${baseUrl}/public/`)
    await page.getByTestId('days').waitFor()
    await page.getByTestId('day-book').first().click()

    await page.waitForURL('**/public/book?day=*')
    assert.notEqual(await page.getByTestId('booking-form-day').inputValue(), '')
    await page.getByTestId('booking-form-name').fill('测试预约人')
    await page.getByTestId('booking-form-phone').fill(phone)
    await page.getByTestId('booking-form-region').selectOption({ index: 1 })
    await page.getByTestId('booking-form-topic').fill('反映厂区夜间噪声扰民')
    await page.getByTestId('booking-submit').click()

    const code = (await page.getByTestId('booking-code').innerText()).trim()
    assert.match(code, /^[A-Z0-9]{6,}$/)

    await page.getByRole('link', { name: '查看或取消预约' }).click()
    await page.waitForURL('**/public/my-booking?code=*')
    assert.equal(await page.getByTestId('my-booking-form-code').inputValue(), code)
    await page.getByTestId('my-booking-form-last4').fill(phone.slice(-4))
    await page.getByTestId('my-booking-submit').click()
    const status = page.getByTestId('my-booking-status')
    assert.equal((await status.innerText()).trim(), '已预约')

    await page.getByTestId('my-booking-cancel').click()
    await page.getByTestId('my-booking-cancel-confirm').click()
    await page.getByText('预约已取消').waitFor()
    assert.equal((await status.innerText()).trim(), '已取消')
    assert.equal(await page.getByTestId('my-booking-cancel').count(), 0)
  })
})

test('a citizen files a complaint with a photo and follows its progress', async (t) => {
  await phonePage(t, async (page) => {
    const phone = uniquePhone()
    await page.goto(`${baseUrl}/public/complaint`)
    await page.getByTestId('complaint-form-pollution-type').selectOption('noise')
    await page.getByTestId('complaint-form-region').selectOption({ index: 1 })
    await page.getByTestId('complaint-form-location').fill('某路88号附近')
    await page.getByTestId('complaint-form-summary').fill('工地夜间施工噪声')
    await page.getByTestId('complaint-form-demand').fill('请查处夜间违规施工')
    await page.getByTestId('complaint-form-name').fill('测试投诉人')
    await page.getByTestId('complaint-form-phone').fill(phone)
    await page.getByTestId('complaint-form-files').setInputFiles({
      name: '现场照片.png',
      mimeType: 'image/png',
      buffer: kTinyPng,
    })

    // Without accepting the privacy notice the form is not sent.
    await page.getByTestId('complaint-submit').click()
    await page.getByText('请阅读并同意个人信息保护说明').waitFor()
    assert.equal(await page.getByTestId('complaint-done').count(), 0)

    await page.getByTestId('complaint-form-privacy').check()
    await page.getByTestId('complaint-submit').click()
    const tracking = (
      await page.getByTestId('complaint-tracking-code').innerText()
    ).trim()
    assert.match(tracking, /^[A-Z0-9]{8,}$/)
    const upload = page.getByTestId('complaint-uploads').locator('li')
    await upload.filter({ hasText: '已上传' }).waitFor()

    await page.getByRole('link', { name: '查询办理进度' }).click()
    await page.waitForURL('**/public/progress?code=*')
    await page.getByTestId('progress-form-last4').fill(phone.slice(-4))
    await page.getByTestId('progress-submit').click()
    assert.equal((await page.getByTestId('progress-status').innerText()).trim(), '已登记')

    const wrong = String((Number(phone.slice(-4)) + 1) % 10_000).padStart(4, '0')
    await page.getByTestId('progress-form-last4').fill(wrong)
    await page.getByTestId('progress-submit').click()
    await page.getByTestId('form-error').filter({ hasText: '未找到该投诉' }).waitFor()
    assert.equal(await page.getByTestId('progress').count(), 0)
  })
})

test('no page of the portal scrolls sideways at 375 px', async (t) => {
  await phonePage(t, async (page) => {
    for (const [path, ready] of [
      ['/public/', 'days'],
      ['/public/book', 'booking-form'],
      ['/public/my-booking', 'my-booking-form'],
      ['/public/complaint', 'complaint-form'],
      ['/public/progress', 'progress-form'],
    ]) {
      await page.goto(`${baseUrl}${path}`)
      await page.getByTestId(ready).waitFor()
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`)
    }
  })
})

// Scripts, stylesheets and module preloads that an HTML or JS file refers to.
function referencedAssets(text, from) {
  const found = new Set()
  const patterns = [
    /<script[^>]+src="([^"]+)"/g,
    /<link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href="([^"]+)"/g,
    /<link[^>]+href="([^"]+)"[^>]+rel="(?:stylesheet|modulepreload)"/g,
    /\bimport\s*(?:[\w{}*,\s]+from\s*)?["']([^"']+\.(?:js|css))["']/g,
  ]
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      found.add(new URL(match[1], from).href)
    }
  }
  return found
}

test('the first load of the portal is under 300 KB gzip-compressed', async () => {
  const entry = `${baseUrl}/public/`
  const queue = [entry]
  const sizes = new Map()
  while (queue.length > 0) {
    const url = queue.shift()
    if (sizes.has(url)) continue
    const response = await fetch(url)
    assert.equal(response.status, 200, url)
    const body = Buffer.from(await response.arrayBuffer())
    sizes.set(url, gzipSync(body, { level: 9 }).length)
    if (/\.(css)$/.test(new URL(url).pathname)) continue
    queue.push(...referencedAssets(body.toString('utf8'), url))
  }

  const scripts = [...sizes.keys()].filter((url) => url.endsWith('.js'))
  assert.ok(scripts.length > 0, 'index.html refers to no script')
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0)
  console.log(
    `portal first load: ${sizes.size} files, ${(total / 1024).toFixed(1)} KB gzip`,
  )
  assert.ok(total < kFirstLoadBudget, `first load is ${total} bytes gzip`)
})
