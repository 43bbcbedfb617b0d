// logout-loop.mjs — a stress check of the UI's log in / log out, as
// ui.mjs's logout() does it: log in as admin, wait for the dashboard's
// figure cards, log out from the user menu; FZ_LOOPS times in one browser
// profile. Per round it records whether the menu item's click reached the
// page, whether POST /api/logout was sent and answered (and how fast), and
// whether the login page came. Prints one JSON line per round and a
// summary; exits 1 on any round that did not reach /login.
// Env: FZ_URL, FZ_ROOT, FZ_TMP, FZ_LOOPS (default 50), FZ_HELPER=old|new
// (old: ui.mjs's original clicks; new: the helper ui.mjs uses now).
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const URL = process.env.FZ_URL
const ROOT = process.env.FZ_ROOT
const TMP = process.env.FZ_TMP || '/tmp'
const LOOPS = Number(process.env.FZ_LOOPS || 50)
const HELPER = process.env.FZ_HELPER || 'new'
const { chromium } = createRequire(path.join(ROOT, 'web', 'package.json'))('playwright-core')

const userDir = fs.mkdtempSync(path.join(TMP, 'chromium-'))
let pwLog = [] // playwright's own account of each action, shown on a failure
const context = await chromium.launchPersistentContext(userDir, {
  logger: { isEnabled: (name) => name === 'api', log: (name, sev, msg) => pwLog.push(`${Date.now() % 100000} ${msg}`) },
  executablePath: '/usr/bin/chromium', headless: true,
  viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
})
context.setDefaultTimeout(30000)
const page = context.pages()[0] || await context.newPage()

let rec = null // this round's record
const t0 = () => Date.now()
const inflight = new Map() // API requests not yet answered: request -> start
page.on('request', (q) => { if (q.url().includes('/api/')) inflight.set(q, t0()) })
page.on('requestfinished', (q) => inflight.delete(q))
page.on('requestfailed', (q) => inflight.delete(q))
page.on('request', (q) => {
  if (rec && q.url().endsWith('/api/logout')) rec.sent = t0() - rec.start
})
page.on('response', (s) => {
  if (rec && s.url().endsWith('/api/logout')) { rec.answered = t0() - rec.start; rec.status = s.status() }
})
page.on('requestfailed', (q) => {
  if (rec && q.url().endsWith('/api/logout')) rec.failed = q.failure()?.errorText
})
page.on('pageerror', (e) => { if (rec) rec.errors.push(e.message) })
// clicks that reach the page, seen before any handler (capture phase)
await page.addInitScript(() => {
  window.__clicks = []
  document.addEventListener('click', (ev) => {
    const item = ev.target.closest && ev.target.closest('.el-dropdown-menu__item')
    if (item) window.__clicks.push({ text: item.textContent.trim(), t: Date.now() })
  }, true)
  // every pointer event and scroll, for the record of a failed round
  window.__ev = []
  const name = (el) => el && el.nodeType === 1 ? el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') : String(el)
  for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) {
    document.addEventListener(type, (ev) => window.__ev.push(`${Date.now() % 100000} ${type} ${ev.clientX},${ev.clientY} ${name(ev.target)}`), true)
  }
  window.addEventListener('scroll', () => window.__ev.push(`${Date.now() % 100000} scroll ${window.scrollY}`), true)
})

async function login() {
  await page.goto(URL + '/login')
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码', { exact: true }).fill('Zeku-Admin-2024')
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('.header').waitFor()
}

async function logoutOld() {
  await page.locator('.user-btn').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await page.waitForURL(/\/login/, { timeout: 15000 })
}

// ui.mjs's logout() (kept in step with it)
async function logoutNew() {
  const item = page.getByRole('menuitem', { name: '退出登录' })
  await page.locator('.user-btn').click()
  await item.waitFor({ state: 'visible' })
  const answer = page.waitForResponse((s) => s.url() === URL + '/api/logout', { timeout: 15000 })
  await item.click()
  const s = await answer
  if (s.status() !== 200) throw new Error(`POST /api/logout: ${s.status()}`)
  await page.waitForURL(/\/login/, { timeout: 15000 })
}

let bad = 0
const times = []
for (let i = 1; i <= LOOPS; i++) {
  await login()
  await page.locator('.figure-card').first().waitFor()
  rec = { round: i, start: t0(), errors: [] }
  await page.evaluate(() => { window.__clicks = []; window.__ev = [] })
  pwLog = []
  rec.pending = [...inflight.entries()].map(([q, t]) => `${q.method()} ${new globalThis.URL(q.url()).pathname} ${rec.start - t}ms`)
  try {
    await (HELPER === 'old' ? logoutOld() : logoutNew())
    rec.ok = true
  } catch (e) {
    rec.ok = false
    rec.error = String(e.message).split('\n')[0]
    bad++
    await page.screenshot({ path: path.join(TMP, `logout-fail-${i}.png`) }).catch(() => {})
  }
  rec.ms = t0() - rec.start
  rec.url = page.url().replace(URL, '')
  rec.clicks = await page.evaluate(() => window.__clicks.map((c) => c.text)).catch(() => ['?'])
  rec.menuVisible = await page.locator('.el-dropdown-menu:visible').count().catch(() => -1)
  times.push(rec.answered ?? -1)
  if (!rec.ok) {
    rec.events = await page.evaluate(() => window.__ev).catch(() => ['?'])
    rec.playwright = pwLog
  }
  console.log(JSON.stringify(rec))
  rec = null
  if (!page.url().includes('/login')) { // start clean: drop the session
    await context.clearCookies()
  }
}
times.sort((a, b) => a - b)
console.log(`# ${LOOPS - bad}/${LOOPS} rounds reached /login; logout answered after ms: ` +
  `min ${times[0]} median ${times[times.length >> 1]} max ${times[times.length - 1]}`)
await context.close()
process.exit(bad ? 1 : 0)
