// ui.mjs — the browser UI in Debian's Chromium (playwright-core), against
// the real server ui.sh started on the demo county. Prints TAP; every step
// leaves a screenshot in $FZ_SHOTS. Env: FZ_URL, FZ_SHOTS, FZ_ROOT, FZ_TMP.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const URL = process.env.FZ_URL
const SHOTS = process.env.FZ_SHOTS
const ROOT = process.env.FZ_ROOT
const TMP = process.env.FZ_TMP
const { chromium } = createRequire(path.join(ROOT, 'web', 'package.json'))('playwright-core')

const USERS = {
  admin: 'Zeku-Admin-2024', leader: 'Leader-Pass-2024', zequ: 'Clerk-Pass-2024', huangnan: 'Reader-Pass-2024',
}

let n = 0, failed = 0
function ok(cond, name, detail) {
  n++
  if (cond) console.log(`ok ${n} - ${name}`)
  else {
    failed++
    console.log(`not ok ${n} - ${name}`)
    if (detail) console.log(String(detail).split('\n').map((l) => '#   ' + l).join('\n'))
  }
}
// step NAME FN: a test that passes when FN resolves (its asserts inside).
async function step(name, fn) {
  if (process.env.FZ_ONLY && !new RegExp(process.env.FZ_ONLY).test(name)) return
  const t0 = Date.now()
  try { await fn() } catch (e) {
    ok(false, name, e.stack || e)
    await snap(page, 'FAILED-' + name.replace(/\W+/g, '-')).catch(() => {})
  }
  console.log(`# ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

const consoleErrors = []
let shot = 0
async function snap(page, name) {
  shot++
  await page.screenshot({ path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: false })
}

function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`) })
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`))
}

async function login(page, name, password = USERS[name]) {
  await page.goto(URL + '/login')
  await page.getByLabel('用户名').fill(name)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('.header').waitFor()
}

// Log out from the user menu as a user does: open it, pick the item once it
// shows, and see the server end the session before the login page comes
// (a failure then says which of the three did not happen).
async function logout(page) {
  const item = page.getByRole('menuitem', { name: '退出登录' })
  await page.locator('.user-btn').click()
  await item.waitFor({ state: 'visible' })
  const answer = page.waitForResponse((s) => s.url() === URL + '/api/logout')
  await item.click()
  const s = await answer
  if (s.status() !== 200) throw new Error(`POST /api/logout answered ${s.status()}`)
  await page.waitForURL(/\/login/)
}

// Wait until no dialog is still opening or closing: a click during the
// transition lands on an element that moves (CI saw a dropdown item that
// was never stable, and a click that selected nothing).
async function settled(page) {
  await page.waitForFunction(() =>
    !document.querySelector('.dialog-fade-enter-active, .dialog-fade-leave-active'))
}

// Choose LABEL in the select LOC, and check the select shows it; a failed
// try (the dropdown closed under the click) is tried again, twice.
async function choose(page, loc, label) {
  const wrapper = loc.locator('.el-select__wrapper')
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: label }).first()
  await settled(page)
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await item.isVisible())) await wrapper.click()
      await item.click({ timeout: 5000 })
      for (let i = 0; i < 20; i++) {
        if ((await wrapper.innerText()).includes(label)) return
        await page.waitForTimeout(100)
      }
      if (attempt === 3) throw new Error(`select: chose ${label}, it shows ${await wrapper.innerText()}`)
    } catch (e) {
      if (attempt === 3) throw e
    }
  }
}

// Type a date into the date picker of field NAME in FORM, then close its
// panel (a click on the dialog's title) so it covers nothing.
async function setDate(form, name, value) {
  const input = form.locator(`[data-field=${name}] input`)
  await input.fill(value)
  await input.press('Enter')
  await form.locator('.el-dialog__title').click()
  const got = await input.inputValue()
  if (got !== value) throw new Error(`date ${name}: typed ${value}, got ${got}`)
}

async function totalOf(page) {
  const t = await page.locator('.el-pagination__total').innerText()
  return Number(t.replace(/\D/g, ''))
}

async function figure(page, metric) {
  const card = page.locator(`.figure-card[data-metric="${metric}"] .value`)
  await card.waitFor()
  return card.innerText()
}

const userDir = fs.mkdtempSync(path.join(TMP, 'chromium-'))
const context = await chromium.launchPersistentContext(userDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 860 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
})
context.setDefaultTimeout(30000) // generous: CI machines run the other suites beside this one
const page = context.pages()[0] || await context.newPage()
watch(page)
if (process.env.FZ_DEBUG) page.on('console', (m) => console.log('# console: ' + m.text()))

// ---- The embedded files, as the server sends them ----
await step('serving the UI', async () => {
  const index = await fetch(URL + '/')
  const html = await index.text()
  ok(index.status === 200 && index.headers.get('content-type').startsWith('text/html') &&
    index.headers.get('cache-control') === 'no-store', 'GET / is index.html, not cached', [...index.headers].join('\n'))
  ok(index.headers.get('content-security-policy') === "default-src 'self'; frame-ancestors 'none'",
    'the UI is served under the API\'s strict CSP', index.headers.get('content-security-policy'))
  const js = html.match(/\/assets\/[\w.-]+\.js/)[0], css = html.match(/\/assets\/[\w.-]+\.css/)[0]
  const a = await fetch(URL + js), c = await fetch(URL + css)
  ok(a.status === 200 && a.headers.get('content-type').startsWith('text/javascript') &&
    a.headers.get('cache-control') === 'public, max-age=31536000, immutable', 'a hashed script: its MIME type, cached for a year', js)
  ok(c.headers.get('content-type').startsWith('text/css'), 'a stylesheet is text/css', css)
  const deep = await fetch(URL + '/r/dispute?org=632323100000')
  ok(deep.status === 200 && (await deep.text()) === html, 'a client route gets index.html')
  ok((await fetch(URL + '/assets/nope-123.js')).status === 404, 'a missing asset is 404, not index.html')
  ok((await fetch(URL + '/api/nope')).status === 404, '/api/ paths stay with the API')
  ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'index.html has no inline script')
})

// ---- Log in as each role ----
for (const [name, expect] of [['admin', '管理'], ['leader', '年度报告'], ['zequ', '导入'], ['huangnan', '年度报告']]) {
  await step(`log in as ${name}`, async () => {
    await login(page, name)
    await page.locator('.figure-card').first().waitFor()
    const nav = await page.locator('.header').innerText()
    ok(nav.includes(name) && nav.includes(expect), `log in as ${name}: the header names the user and shows ${expect}`, nav)
    if (name === 'huangnan') ok(!nav.includes('导入') && !nav.includes('管理'), 'a reader sees no import and no admin', nav)
    if (name === 'leader') ok(!nav.includes('管理'), 'a leader sees no admin', nav)
    await snap(page, `login-${name}`)
    await logout(page)
  })
}

await step('a wrong password says so on the login page', async () => {
  await page.goto(URL + '/login')
  await page.getByLabel('用户名').fill('zequ')
  await page.getByLabel('密码', { exact: true }).fill('wrong-password-1')
  await page.getByRole('button', { name: '登录' }).click()
  const msg = await page.locator('[data-test=login-error]').innerText()
  ok(msg.includes('用户名或密码错误'), 'a wrong password: the server\'s message on the login page', msg)
})

// ---- Session expiry: the server stops knowing the session ----
await step('session expiry', async () => {
  await login(page, 'zequ')
  await context.clearCookies()
  await page.locator('.header').getByText('年度报告').first().click()
  await page.waitForURL(/\/login\?/)
  const msg = await page.locator('[data-test=expired]').innerText()
  ok(msg.includes('登录已过期'), 'a 401 returns to the login page with a message', msg)
  await snap(page, 'session-expired')
  await page.getByLabel('用户名').fill('zequ')
  await page.getByLabel('密码', { exact: true }).fill(USERS.zequ)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => u.pathname === '/report')
  ok(true, 'after logging in again the user is back where they were')
  // expiry while saving a form: what was typed comes back after login
  await page.goto(URL + '/r/dispute')
  await page.locator('[data-test=create]').click()
  const form = page.locator('[data-test=record-form]')
  await form.locator('[data-field=summary] textarea').fill('登录过期前填写的纠纷情况')
  await context.clearCookies()
  await form.getByRole('button', { name: '保存' }).click()
  await page.locator('[data-test=expired]').waitFor()
  await page.getByLabel('用户名').fill('zequ')
  await page.getByLabel('密码', { exact: true }).fill(USERS.zequ)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => u.pathname === '/r/dispute')
  const kept = await page.locator('[data-test=record-form] [data-field=summary] textarea').inputValue()
  ok(kept === '登录过期前填写的纠纷情况', 'a form whose save met an expired session is back, as typed, after login', kept)
  await snap(page, 'draft-restored')
  await page.locator('[data-test=record-form]').getByRole('button', { name: '取消' }).click()
})

// ---- Dashboard ----
await step('dashboard', async () => {
  await login(page, 'admin')
  await page.goto(URL + '/?org=632323000000&year=2024')
  const rate = await figure(page, 'mediation.rate')
  ok(rate === '99.44%', 'the dashboard shows the county\'s 2024 mediation rate', rate)
  const card = await page.locator('.figure-card[data-metric="recon.received"]').innerText()
  ok(/同比|持平/.test(card), 'a figure shows its year-on-year change', card)
  await page.waitForFunction(() => document.querySelectorAll('[data-chart] canvas').length >= 4)
    .then(() => ok(true, 'four ECharts charts are drawn'))
    .catch(async () => ok(false, 'four ECharts charts are drawn', await page.locator('.chart-grid').innerText()))
  const due = await page.locator('[data-test=due]').innerText()
  ok(due.includes('期限'), 'the deadlines table is there', due.slice(0, 200))
  await snap(page, 'dashboard')
})

// ---- A register: filter, sort, page, columns ----
await step('register list', async () => {
  await page.goto(URL + '/r/dispute?year=2024&org=632323000000')
  await page.locator('.record-table .el-table__row').first().waitFor()
  const all = await totalOf(page)
  ok(all === 355, 'the 2024 disputes of the county: 355', all)
  await choose(page, page.locator('[data-filter=result]'), '调解成功')
  await page.locator('[data-test=apply]').click()
  await page.waitForFunction((a) => !document.querySelector('.el-pagination__total').innerText.includes(String(a)), all)
  const resolved = await totalOf(page)
  ok(resolved === 353, 'filtered by result 调解成功: 353', resolved)
  await page.locator('input[data-test=search]').fill('草场')
  await page.locator('[data-test=apply]').click()
  await page.waitForFunction((a) => !document.querySelector('.el-pagination__total').innerText.includes(String(a)), resolved)
  const grass = await totalOf(page)
  ok(grass > 0 && grass < resolved, 'text search narrows the list', grass)
  ok(page.url().includes('search=') && page.url().includes('f.result=resolved'), 'the filters are in the address', page.url())
  // sort by the case number column, ascending
  await page.locator('.record-table th', { hasText: '受理日期' }).locator('.sort-caret.ascending').click()
  await page.waitForURL(/sort=received/)
  const first = await page.locator('.record-table .el-table__body-wrapper .el-table__row').first().innerText()
  ok(first.includes('2024-01'), 'sorted by 受理日期 ascending, January first', first)
  await page.locator('.el-pager li', { hasText: '2' }).first().click()
  await page.waitForURL(/page=2/)
  ok(true, 'the second page')
  await page.locator('[data-test=columns]').click()
  await page.locator('.el-popover:visible').getByText('纠纷简要情况').click().catch(() => page.locator('.el-popover:visible label').nth(5).click())
  await snap(page, 'register-list')
})

// ---- Every register: its list and its generated form render ----
// forms with every kind of field: choices, yes/no, org codes, record
// references, ID numbers, money, long text
const FORMS = ['decision', 'officer', 'aid_case', 'report', 'training_attendance']
await step('all registers', async () => {
  if (process.env.FZ_ONLY) await login(page, 'admin')
  await page.goto(URL + '/r/activity')
  const regs = await page.evaluate(() => fetch('/api/registers').then((r) => r.json()))
  const bad = []
  for (const r of regs) {
    // in-app navigation (as the menu does), not a reload of the whole bundle
    await page.evaluate((p) => { history.pushState(history.state, '', p); dispatchEvent(new PopStateEvent('popstate', { state: history.state })) }, '/r/' + r.name)
    await page.locator('.page-title', { hasText: r.label }).waitFor()
    await page.locator('.record-table').waitFor()
    await page.locator('.el-pagination__total').waitFor()
    const title = await page.locator('.page-title').innerText()
    if (title !== r.label || await page.locator('.el-alert--error').count()) bad.push(`${r.name}: list`)
    if (!FORMS.includes(r.name)) continue
    await page.locator('[data-test=create]').click()
    const form = page.locator('[data-test=record-form]')
    await form.waitFor()
    const n = await form.locator('[data-field]').count()
    if (n !== r.fields.length + 1) bad.push(`${r.name}: ${n} form fields for ${r.fields.length} + org`)
    await form.getByRole('button', { name: '取消' }).click()
    await form.waitFor({ state: 'hidden' })
  }
  ok(regs.length === 27 && bad.length === 0, `all ${regs.length} registers list; the forms of ${FORMS.join(', ')} render every field`, bad.join('\n'))
})

// ---- Create: a field error from the server, then fixed and saved ----
let newId = 0
await step('create with a validation error at the field', async () => {
  await login(page, 'zequ')
  await page.goto(URL + '/?org=632323100000&year=2024')
  const before = Number(await figure(page, 'mediation.accepted'))
  await page.goto(URL + '/r/dispute')
  await page.locator('[data-test=create]').click()
  const form = page.locator('[data-test=record-form]')
  await choose(page, form.locator('[data-field=category]'), '草场')
  await setDate(form, 'received', '2024-03-05')
  await choose(page, form.locator('[data-field=result]'), '调解成功')
  await form.locator('[data-field=summary] textarea').fill('界务纠纷：两户牧民草场界线不清')
  await setDate(form, 'closed', '2024-03-01')
  await form.getByRole('button', { name: '保存' }).click()
  const err = form.locator('[data-field=closed] .el-form-item__error')
  await err.waitFor()
  const text = await err.innerText()
  ok(text.includes('早于受理日期'), 'the server\'s message is shown at 结案日期', text)
  await snap(page, 'form-field-error')
  await setDate(form, 'closed', '2024-03-20')
  await form.getByRole('button', { name: '保存' }).click()
  const msg = await page.locator('.el-message--success').innerText()
  newId = Number(msg.replace(/\D/g, ''))
  ok(newId > 0, 'fixed and saved', msg)
  await page.goto(URL + '/?org=632323100000&year=2024')
  await page.waitForFunction((b) => document.querySelector('.figure-card[data-metric="mediation.accepted"] .value')?.innerText === String(b + 1), before)
    .then(() => ok(true, 'the dashboard figure went up by one'))
    .catch(async () => ok(false, 'the dashboard figure went up by one', await figure(page, 'mediation.accepted')))
})

// ---- A 500 and a lost connection keep what was typed ----
await step('errors keep the typed text', async () => {
  await page.goto(URL + '/r/dispute')
  await page.locator('[data-test=create]').click()
  const form = page.locator('[data-test=record-form]')
  await choose(page, form.locator('[data-field=category]'), '邻里')
  await setDate(form, 'received', '2024-04-01')
  await choose(page, form.locator('[data-field=result]'), '调解中')
  await form.locator('[data-field=summary] textarea').fill('院墙界址争执，待再次调解')
  await page.route('**/api/r/dispute', (r) => r.request().method() === 'POST' ? r.abort('connectionrefused') : r.continue())
  await form.getByRole('button', { name: '保存' }).click()
  let msg = await form.locator('[data-test=form-error]').innerText()
  ok(msg.includes('无法连接服务器'), 'a lost connection: a message in the form', msg)
  ok(await form.locator('[data-field=summary] textarea').inputValue() === '院墙界址争执，待再次调解', 'the typed text is kept')
  await page.unroute('**/api/r/dispute')
  await page.route('**/api/r/dispute', (r) => r.request().method() === 'POST'
    ? r.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' }) : r.continue())
  await form.getByRole('button', { name: '保存' }).click()
  await page.waitForFunction(() => document.querySelector('[data-test=form-error]')?.innerText.includes('500'))
  msg = await form.locator('[data-test=form-error]').innerText()
  ok(msg.includes('服务器出错') && !msg.includes('<h1>'), 'a 500: a message, not the raw body', msg)
  await snap(page, 'form-500-kept')
  await page.unroute('**/api/r/dispute')
  await form.getByRole('button', { name: '取消' }).click()
})

// ---- Void with a reason, then the history ----
await step('void and history', async () => {
  await page.goto(URL + `/r/dispute?voided=1&sort=-id`)
  const row = page.locator('.el-table__fixed-right .el-table__row, .record-table .el-table__row').filter({ hasText: String(newId) }).first()
  await page.locator('.record-table .el-table__row').first().waitFor()
  await page.locator('.record-table .el-table__row').first().getByRole('button', { name: '作废' }).click()
  const box = page.locator('.el-message-box')
  await box.getByRole('button', { name: '作废' }).click()
  ok((await box.innerText()).includes('请填写作废理由'), 'void without a reason is refused in the dialog')
  await box.locator('input').fill('重复录入')
  await box.getByRole('button', { name: '作废' }).click()
  await page.locator('.el-message--success', { hasText: '已作废' }).waitFor()
  ok(true, 'voided with a reason')
  void row
  await page.locator('.record-table .el-table__row').first().getByRole('button', { name: '历史' }).click()
  const drawer = page.locator('[data-test=history]')
  await drawer.getByText('作废').first().waitFor()
  const h = await drawer.innerText()
  ok(h.includes('新增') && h.includes('作废') && h.includes('重复录入'), 'the history shows the insert and the void with its reason', h)
  await snap(page, 'history')
  await page.keyboard.press('Escape')
})

// ---- Import: a bad row reported, then the fixed file imported ----
await step('import', async () => {
  const bad = path.join(TMP, '调解台账.csv')
  const good = path.join(TMP, '调解台账-改正.csv')
  fs.writeFileSync(bad, '机构,纠纷类型,受理日期,调解结果\n632323100000-SFS,草场,2024-12-02,调解中\n632323100000-SFS,牛羊,2024-12-03,调解中\n')
  fs.writeFileSync(good, '机构,纠纷类型,受理日期,调解结果\n632323100000-SFS,草场,2024-12-02,调解中\n632323100000-SFS,邻里,2024-12-03,调解中\n')
  await page.goto(URL + '/import/dispute')
  await page.locator('[data-test=import-file]').setInputFiles(bad)
  await page.locator('[data-test=dry-run]').click()
  const table = page.locator('[data-test=import-errors]')
  await table.waitFor()
  const t = await table.innerText()
  ok(/3\s+纠纷类型\s+牛羊/.test(t), 'the dry run lists row 3, column 纠纷类型, value 牛羊', t)
  await snap(page, 'import-bad-row')
  await page.locator('[data-test=import-file]').setInputFiles(good)
  await page.locator('[data-test=dry-run]').click()
  const okMsg = await page.locator('[data-test=import-ok]').innerText()
  ok(okMsg.includes('共 2 行'), 'the fixed file passes the dry run', okMsg)
  await page.locator('[data-test=commit]').click()
  await page.locator('[data-test=import-ok]', { hasText: '已导入' }).waitFor()
  ok(true, 'imported')
  await snap(page, 'import-done')
  // a large file over a slow link: the upload's progress is shown
  const big = path.join(TMP, '大文件.csv')
  const rows = ['机构,纠纷类型,受理日期,调解结果,纠纷简要情况']
  for (let i = 0; i < 6000; i++) rows.push(`632323100000-SFS,邻里,2024-11-${String(1 + (i % 28)).padStart(2, '0')},调解中,院墙界址争执第${i}起（现场调解记录，当事人双方陈述一致）`)
  fs.writeFileSync(big, rows.join('\n') + '\n')
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 })
  await page.locator('[data-test=import-file]').setInputFiles(big)
  await page.locator('[data-test=dry-run]').click()
  const bar = page.locator('[data-test=progress]')
  await bar.waitFor()
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-test=progress]')?.innerText || ''
    const v = parseInt(t, 10)
    return v > 0 && v < 100
  })
  ok(true, 'a large upload shows its progress between 0 and 100%')
  await snap(page, 'import-progress')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  const bigOk = await page.locator('[data-test=import-ok]').innerText()
  ok(bigOk.includes('共 6000 行'), 'and its dry run counts 6000 rows', bigOk)
  await cdp.detach()
})

// ---- Export with the current filters ----
await step('export', async () => {
  await page.goto(URL + '/r/dispute?f.result=resolved')
  await page.locator('[data-test=export]').click()
  const [dl] = await Promise.all([page.waitForEvent('download'),
    page.locator('.el-dropdown-menu__item:visible', { hasText: '导出 CSV' }).click()])
  const file = path.join(TMP, 'export.csv')
  await dl.saveAs(file)
  const bytes = fs.readFileSync(file)
  ok(dl.suggestedFilename().endsWith('.csv') && bytes[0] === 0xef && bytes.toString('utf8').includes('机构,案号,纠纷类型'),
    'the CSV download has a BOM and Chinese headers', dl.suggestedFilename())
})

// ---- A township clerk sees only their township ----
await step('scope', async () => {
  await page.goto(URL + '/r/dispute?org=632323101000')
  const err = await page.locator('.el-alert--error').innerText()
  ok(err.includes('不在您的管辖范围内'), 'another township\'s records are refused with a message', err)
  await page.goto(URL + '/r/dispute')
  await page.locator('.record-table .el-table__row').first().waitFor()
  const body = await page.locator('.record-table').innerText()
  ok(body.includes('泽曲') && !/麦秀|和日|宁秀|王加|西卜沙|多禾茂/.test(body), 'the clerk\'s list holds only 泽曲镇', body.slice(0, 300))
  await logout(page)
})

// ---- The annual report ----
await step('report', async () => {
  await login(page, 'leader')
  await page.goto(URL + '/report?org=632323000000&year=2024')
  const prev = page.locator('[data-test=report-preview]')
  await prev.locator('a.figure').first().waitFor()
  const m = await page.evaluate(() => fetch('/api/metrics?org=632323000000&year=2024').then((r) => r.json()))
  const rate = m['mediation.rate'].text
  ok((await prev.innerText()).includes(`化解率达到${rate}`), `the preview shows the report with the API's figures (${rate})`)
  await snap(page, 'report-preview')
  await prev.locator('a.figure[data-metric="mediation.resolved"]').first().click()
  const dlg = page.locator('[data-test=metric-records]')
  await dlg.locator('.el-table__row').first().waitFor()
  const t = await dlg.innerText()
  const want = m['mediation.resolved'].value
  ok(t.includes(`共 ${want} 条记录`), `clicking a figure lists its ${want} records`, t.slice(0, 300))
  await snap(page, 'figure-records')
  await dlg.getByRole('link', { name: '在登记簿中查看' }).click()
  await page.waitForURL(/\/r\/dispute/)
  ok(true, 'and leads on to the register')
  await logout(page)
})

await step('narrative, check, approve, download', async () => {
  await login(page, 'admin')
  await page.goto(URL + '/report?org=632323000000&year=2024')
  await page.getByRole('tab', { name: '编辑叙述段落' }).click()
  const area = page.locator('[data-test=narrative] [data-field=s4_stability] textarea')
  await area.fill('一是扎实开展矛盾纠纷排查化解。二是深化“枫桥式”司法所建设。')
  await page.getByRole('button', { name: '保存叙述段落' }).click()
  await page.locator('.el-message--success', { hasText: '叙述段落已保存' }).waitFor()
  await page.getByRole('tab', { name: '预览' }).click()
  await page.waitForFunction(() => document.querySelector('[data-test=report-preview]').innerText.includes('枫桥式'))
  ok(true, 'the edited narrative is in the preview')
  await page.locator('[data-test=check]').click()
  const chk = await page.locator('[data-test=check-result]').innerText()
  ok(chk.length > 0, 'the consistency check answers', chk)
  await page.locator('[data-test=approve]').click()
  const box = page.locator('.el-message-box')
  if (await box.locator('input:visible').count()) await box.locator('input:visible').fill('数据已核对')
  await box.getByRole('button', { name: /审定/ }).click()
  await page.locator('[data-test=report-status]', { hasText: '已审定' }).waitFor()
  ok(true, 'approved: the status reads 已审定')
  await page.locator('[data-test=publish]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '公开' }).click()
  await page.locator('[data-test=report-status]', { hasText: '已公开' }).waitFor()
  ok(true, 'published: the status reads 已公开')
  await page.locator('[data-test=diff]').click()
  const diff = await page.locator('[data-test=diff-result]').innerText()
  ok(diff.includes('没有变化') || diff.includes('有变化'), 'compared with the approved snapshot', diff)
  await snap(page, 'report-approved')
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=dl-docx]').click()])
  const file = path.join(TMP, 'report.docx')
  await dl.saveAs(file)
  ok(dl.suggestedFilename().endsWith('.docx') && fs.readFileSync(file).subarray(0, 2).toString() === 'PK', 'the DOCX downloads', dl.suggestedFilename())
  await logout(page)
})

// ---- Administration: users and the org tree ----
await step('admin', async () => {
  await login(page, 'admin')
  await page.goto(URL + '/admin')
  await page.locator('[data-test=users] .el-table__row').first().waitFor()
  const users = await page.locator('[data-test=users]').innerText()
  ok(users.includes('zequ') && users.includes('泽曲镇'), 'the users of the county, with their scope by name', users.slice(0, 300))
  await page.locator('[data-test=add-user]').click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.getByLabel('用户名').fill('maixiu')
  await dlg.getByLabel('姓名或单位').fill('麦秀镇司法所')
  await dlg.getByLabel(/初始密码/).fill('short')
  await dlg.getByRole('button', { name: '添加' }).click()
  const err = await dlg.locator('.el-alert--error, .el-form-item__error').first().innerText()
  ok(/密码/.test(err), 'a weak password is refused with the server\'s reason', err)
  await dlg.getByLabel(/初始密码/).fill('Maixiu-Pass-2024')
  await dlg.getByRole('button', { name: '添加' }).click()
  await page.locator('.el-message--success', { hasText: '已添加用户 maixiu' }).waitFor()
  ok((await page.locator('[data-test=users]').innerText()).includes('maixiu'), 'the new user is listed')
  await snap(page, 'admin-users')
  await page.getByRole('tab', { name: '组织机构' }).click()
  const tree = await page.locator('.org-tree').innerText()
  ok(tree.includes('泽曲镇司法所') && tree.includes('司法所'), 'the org tree', tree.slice(0, 200))
})

// ---- A phone: 375 px wide ----
await step('375 px', async () => {
  const phone = await context.newPage()
  watch(phone)
  await phone.setViewportSize({ width: 375, height: 740 })
  await login(phone, 'zequ')
  await phone.goto(URL + '/?year=2024')
  await phone.locator('.figure-card').first().waitFor()
  await phone.locator('[data-chart] canvas').first().waitFor()
  ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 375, 'the dashboard fits 375 px')
  await snap(phone, 'phone-dashboard')
  await phone.goto(URL + '/r/dispute')
  await phone.locator('.record-table .el-table__row').first().waitFor()
  let w = await phone.evaluate(() => document.documentElement.scrollWidth)
  ok(w <= 375, 'the list fits 375 px (no page-wide horizontal scroll)', w)
  await snap(phone, 'phone-list')
  await phone.locator('[data-test=create]').click()
  const form = phone.locator('[data-test=record-form]')
  await form.locator('[data-field=received]').waitFor()
  const box = await form.locator('[data-field=received] input').boundingBox()
  ok(box && box.x >= 0 && box.x + box.width <= 375, 'the form fits 375 px', JSON.stringify(box))
  await phone.waitForTimeout(500) // the dialog's opening animation
  await snap(phone, 'phone-form')
  await choose(phone, form.locator('[data-field=category]'), '草场')
  await setDate(form, 'received', '2024-03-05')
  await choose(phone, form.locator('[data-field=result]'), '调解中')
  await form.locator('[data-field=summary] textarea').fill('现场受理：冬季草场边界争议')
  await form.getByRole('button', { name: '保存' }).click()
  const msg = await phone.locator('.el-message--success').innerText().catch(async (e) => {
    await snap(phone, 'FAILED-phone-save')
    throw e
  })
  ok(msg.includes('已新增'), 'a mediation case entered and saved at 375 px', msg)
  w = await phone.evaluate(() => document.documentElement.scrollWidth)
  ok(w <= 375, 'still no horizontal scroll after saving', w)
  await phone.goto(URL + '/report?year=2024')
  await phone.locator('[data-test=report-preview] a.figure').first().waitFor()
  w = await phone.evaluate(() => document.documentElement.scrollWidth)
  ok(w <= 375, 'the report preview fits 375 px', w)
  await snap(phone, 'phone-report')
  await phone.close()
})

// ---- Change one's own password: every session ends, the new one works ----
await step('change password', async () => {
  await login(page, 'huangnan')
  await page.goto(URL + '/password')
  await page.getByLabel('原密码').fill('not-my-password')
  await page.getByLabel('新密码', { exact: true }).fill('Reader-Pass-2025')
  await page.getByLabel('再次输入新密码').fill('Reader-Pass-2025')
  await page.getByRole('button', { name: '保存' }).click()
  const err = await page.locator('.el-form-item__error').first().innerText()
  ok(err.includes('原密码不正确'), 'a wrong old password is shown at 原密码', err)
  await page.getByLabel('原密码').fill(USERS.huangnan)
  await page.getByRole('button', { name: '保存' }).click()
  await page.locator('[data-test=changed]').waitFor()
  ok(true, 'changed: back at the login page with a message')
  await snap(page, 'password-changed')
  await login(page, 'huangnan', 'Reader-Pass-2025')
  ok(true, 'the new password logs in')
})

ok(!consoleErrors.some((e) => /Content Security Policy|Refused to/.test(e)), 'no CSP errors in the console', consoleErrors.join('\n'))
ok(consoleErrors.filter((e) => !/Failed to load resource/.test(e)).length === 0, 'no other console errors', consoleErrors.join('\n'))

await context.close()
console.log(`1..${n}`)
process.exit(failed ? 1 : 0)
