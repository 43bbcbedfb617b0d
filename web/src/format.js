// How values read in Chinese: dates always as 2024-03-05, choices by label,
// org codes by name, money as the server writes it (yuan, two decimals).
import { orgName } from './session.js'

export function isoDate(d) {
  if (!d) return ''
  if (typeof d === 'string') return d.slice(0, 10)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function dateTime(s) {
  if (!s) return ''
  const d = new Date(s)
  if (isNaN(d)) return s
  const p = (n) => String(n).padStart(2, '0')
  return `${isoDate(d)} ${p(d.getHours())}:${p(d.getMinutes())}`
}

// The text of one field's value in a record.
export function fieldText(field, v) {
  if (v === null || v === undefined || v === '') return ''
  if (field.choices) {
    const c = field.choices.find((x) => x.code === v)
    return c ? c.label : String(v)
  }
  if (field.type === '是/否') return v ? '是' : '否'
  if (field.type === '机构编码') return orgName(v)
  if (field.type === '日期') return isoDate(v)
  return String(v)
}

// Year-on-year change of two plain values, as the report writes it.
export function yoy(cur, prev) {
  if (prev === null || prev === undefined || prev === 0 || cur === null || cur === undefined) return null
  const pct = ((cur - prev) / prev) * 100
  const r = Math.round(Math.abs(pct) * 100) / 100
  if (r === 0) return { text: '与上年持平', dir: 0 }
  return { text: `同比${pct > 0 ? '增长' : '下降'}${r}%`, dir: pct > 0 ? 1 : -1 }
}
