// The signed-in user and what every view shares: the registers' field
// descriptions and the org tree of the user's scope (both loaded once).
import { reactive } from 'vue'
import { get, post, setCsrf, auth } from './api.js'

export const P_READ = 1, P_WRITE = 2, P_APPROVE = 4, P_ADMIN = 8

export const session = reactive({
  user: null, // {user, scope, permissions, writes: [register…], csrf}
  registers: [],
  orgs: [], // flat, as /api/org lists them
  orgTree: [],
  ready: false,
})

export function can(perm) {
  return !!session.user && (session.user.permissions & perm) === perm
}

// May this user add, change and void records of register NAME?
export function canWrite(name) {
  return can(P_WRITE) && (session.user.writes || []).includes(name)
}

export function registerOf(name) {
  return session.registers.find((r) => r.name === name)
}

export function orgName(code) {
  const o = session.orgs.find((x) => x.code === code)
  return o ? o.name : code
}

function buildTree(list) {
  const byCode = new Map(list.map((o) => [o.code, { value: o.code, label: o.name, kind: o.kind, children: [] }]))
  const roots = []
  for (const o of list) {
    const n = byCode.get(o.code)
    const p = byCode.get(o.parent)
    if (p) p.children.push(n)
    else roots.push(n)
  }
  for (const n of byCode.values()) if (!n.children.length) delete n.children
  return roots
}

async function loadShared() {
  const [regs, orgs] = await Promise.all([get('/api/registers'), get('/api/org')])
  session.registers = regs
  session.orgs = orgs
  session.orgTree = buildTree(orgs)
}

// Who is signed in (a kept cookie survives a reload); false when nobody.
export async function restore() {
  try {
    session.user = await get('/api/me', null, { noExpiry: true })
    setCsrf(session.user.csrf)
  } catch (e) {
    if (e.status === 401) { session.user = null; return false }
    throw e
  }
  await loadShared()
  session.ready = true
  return true
}

export async function login(name, password) {
  await post('/api/login', { name, password }, { noExpiry: true })
  auth.expired = false
  return restore()
}

export async function logout() {
  try { await post('/api/logout', {}, { noExpiry: true }) } catch { /* gone already */ }
  clear()
}

export function clear() {
  setCsrf('')
  session.user = null
  session.ready = false
}

// The report year a user most likely means: last year until the spring.
export function defaultYear() {
  const d = new Date()
  return d.getMonth() < 3 ? d.getFullYear() - 1 : d.getFullYear()
}
