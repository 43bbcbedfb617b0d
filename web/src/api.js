// The one API client. Every request goes through send(); every failure
// becomes an ApiError with a Chinese message and, when the server named
// them, the field / row / items at fault (the error envelope
// {"error":{"code","message","field","row","items"}}). A 401 also tells the
// session (onExpired) so the app can say so and return to the login page.
import { reactive } from 'vue'

export class ApiError extends Error {
  constructor({ status = 0, code = 'network', message, field = null, row = 0, items = [] }) {
    super(message)
    this.status = status
    this.code = code
    this.field = field
    this.row = row
    this.items = items || []
  }
  get network() { return this.status === 0 }
}

// The CSRF token lives in memory only: login and GET /api/me both return it.
export const auth = reactive({ csrf: '', expired: false })
let expiredHandler = () => {}
export function onExpired(fn) { expiredHandler = fn }
export function setCsrf(token) {
  auth.csrf = token || ''
}

function queryString(query) {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    p.append(k, String(v))
  }
  const s = p.toString()
  return s ? '?' + s : ''
}

// The error of a finished XHR: the envelope when there is one, else a
// message for the status (never raw JSON or HTML).
function errorOf(status, text) {
  let env = null
  try { env = JSON.parse(text)?.error } catch { /* not JSON */ }
  if (env && env.message) return new ApiError({ status, ...env })
  const message = status >= 500 ? `服务器出错（${status}），请稍后再试；您填写的内容仍保留在页面上。`
    : status === 413 ? '文件太大，服务器拒绝接收'
    : status === 404 ? '请求的内容不存在'
    : `请求失败（${status}）`
  return new ApiError({ status, code: 'http', message })
}

// send(method, path, {query, json, body, form, responseType, onProgress})
// resolves to the parsed JSON (or text / Blob when responseType says so).
export function send(method, path, opts = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, path + queryString(opts.query))
    xhr.responseType = opts.responseType === 'blob' ? 'blob' : 'text'
    if (method !== 'GET' && method !== 'HEAD') xhr.setRequestHeader('X-CSRF-Token', auth.csrf)
    let body = null
    if (opts.json !== undefined) {
      xhr.setRequestHeader('Content-Type', 'application/json')
      body = JSON.stringify(opts.json)
    } else if (opts.form) {
      body = opts.form // FormData: the browser sets the multipart boundary
    } else if (opts.body !== undefined) {
      body = opts.body
    }
    if (opts.onProgress) {
      xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) opts.onProgress(ev.loaded / ev.total) }
    }
    xhr.onerror = () => reject(new ApiError({ message: '无法连接服务器，请检查网络后重试；您填写的内容仍保留在页面上。' }))
    xhr.ontimeout = xhr.onerror
    xhr.onload = async () => {
      const ok = xhr.status >= 200 && xhr.status < 300
      if (opts.responseType === 'blob') {
        if (ok) {
          resolve({ blob: xhr.response, filename: filenameOf(xhr.getResponseHeader('Content-Disposition')) })
          return
        }
        const text = await xhr.response.text()
        return fail(xhr.status, text)
      }
      if (!ok) return fail(xhr.status, xhr.responseText)
      if (opts.responseType === 'text') return resolve(xhr.responseText)
      try { resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null) } catch {
        reject(new ApiError({ status: xhr.status, code: 'http', message: '服务器的回答无法识别' }))
      }
    }
    function fail(status, text) {
      const err = errorOf(status, text)
      if (status === 401 && !opts.noExpiry) {
        auth.expired = true
        expiredHandler(err)
      }
      reject(err)
    }
    xhr.send(body)
  })
}

function filenameOf(cd) {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd || '')
  return m ? decodeURIComponent(m[1]) : 'download'
}

export const get = (path, query, opts = {}) => send('GET', path, { ...opts, query })
export const post = (path, json, opts = {}) => send('POST', path, { ...opts, json })
export const patch = (path, json, opts = {}) => send('PATCH', path, { ...opts, json })

// Save a downloaded file (a Blob) under its server-given name.
export async function download(path, query) {
  const { blob, filename } = await send('GET', path, { query, responseType: 'blob' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return filename
}
