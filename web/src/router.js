import { createRouter, createWebHistory } from 'vue-router'
import { session, restore, clear } from './session.js'
import { onExpired } from './api.js'

const routes = [
  { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  { path: '/', component: () => import('./views/DashboardView.vue'), meta: { title: '首页' } },
  { path: '/password', component: () => import('./views/PasswordView.vue'), meta: { title: '修改密码' } },
  { path: '/r/:reg', component: () => import('./views/RegisterView.vue'), meta: { title: '登记簿' } },
  { path: '/import/:reg?', component: () => import('./views/ImportView.vue'), meta: { title: '导入' } },
  { path: '/report', component: () => import('./views/ReportView.vue'), meta: { title: '年度报告' } },
  { path: '/admin', component: () => import('./views/AdminView.vue'), meta: { title: '管理' } },
  { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.user) {
    let ok = false
    try { ok = await restore() } catch { ok = false }
    if (!ok) return { path: '/login', query: { next: to.fullPath } }
  }
  return true
})

router.afterEach((to) => { document.title = `${to.meta.title || ''} · 法治` })

// Any 401 from the API: the session ran out. Say so on the login page and
// come back here after signing in again.
onExpired(() => {
  const cur = router.currentRoute.value
  if (cur.meta.public) return
  clear()
  router.push({ path: '/login', query: { next: cur.fullPath, expired: '1' } })
})
