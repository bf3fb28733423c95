// Shared helpers of the browser tests: one Chromium per test file, a fresh
// browser context per test, and a screenshot in tests/output/ on failure.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { after, before } from 'node:test'

import { chromium } from 'playwright-core'

export const baseUrl = (process.env.XINFANG_URL ?? '').replace(/\/$/, '')
export const adminPassword = process.env.XINFANG_ADMIN_PASSWORD ?? ''

if (!baseUrl || !adminPassword) {
  throw new Error('XINFANG_URL and XINFANG_ADMIN_PASSWORD must be set')
}

const kChromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const kOutputDir = path.resolve(import.meta.dirname, '..', 'output')

export const kDesktop = { width: 1366, height: 860 }
export const kPhone = { width: 390, height: 844 }

let browser

/**
 * Starts Chromium before the tests of the calling file and stops it after.
 * Playwright gives each launch its own temporary profile directory.
 */
export function useBrowser() {
  before(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: kChromiumArgs,
    })
  })
  after(async () => {
    await browser?.close()
  })
}

/** A short random suffix for names a test creates. */
export function uniqueSuffix() {
  return Math.random().toString(36).slice(2, 8)
}

function screenshotName(title) {
  const safe = title.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80)
  return `${safe}-${Date.now()}.png`
}

/**
 * Runs `body(page)` in a fresh context (no cookies); on failure saves a
 * full-page screenshot named after the test and rethrows.
 */
export async function withPage(t, options, body) {
  const context = await browser.newContext({
    viewport: options.viewport ?? kDesktop,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  try {
    await body(page)
  } catch (error) {
    mkdirSync(kOutputDir, { recursive: true })
    const file = path.join(kOutputDir, screenshotName(t.name))
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    throw error
  } finally {
    await context.close()
  }
}

/** Signs in through the login form and waits for the admin layout. */
export async function login(page, username, password = adminPassword) {
  await page.goto(`${baseUrl}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.getByTestId('app-title').waitFor()
}

/** Opens a page of the app by its path once signed in. */
export async function open(page, pathname) {
  await page.goto(`${baseUrl}${pathname}`)
  await page.getByTestId('app-title').waitFor()
}

/**
 * Picks `optionText` in the el-select inside the form item `testId`
 * (Element Plus renders the options in a popup outside the form).
 */
export async function chooseOption(page, testId, optionText) {
  await page.getByTestId(testId).locator('.el-select__wrapper').click()
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .filter({ hasText: optionText })
    .first()
    .click()
}

/** The table row holding the element with `testId`. */
export function rowOf(page, testId) {
  return page.locator('tr.el-table__row').filter({
    has: page.getByTestId(testId),
  })
}

/** Picks the first option of the el-select inside the form item `testId`. */
export async function chooseFirstOption(page, testId) {
  await page.getByTestId(testId).locator('.el-select__wrapper').click()
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item')
    .first()
    .click()
}

/** Types a date (`YYYY-MM-DD`) into the el-date-picker inside `testId`. */
export async function fillDate(page, testId, value) {
  const input = page.getByTestId(testId).locator('input').first()
  await input.fill(value)
  await input.press('Enter')
}

/** A date `days` after today in Beijing, as `YYYY-MM-DD`. */
export function beijingDatePlus(days) {
  const shifted = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000)
  return shifted.toISOString().slice(0, 10)
}

/** Signs out by dropping the session cookie, then signs in as `username`. */
export async function switchUser(page, username, password = adminPassword) {
  await page.context().clearCookies()
  await login(page, username, password)
}
