// Register helpers shared by the list, the form and the record dialogs.
import { session } from './session.js'

// The org field every record has, described like the register's own fields.
export const ORG_FIELD = { name: 'org', label: '机构', type: '机构编码', required: true }

export function fieldsOf(reg) {
  return reg ? [ORG_FIELD, ...reg.fields] : []
}

// The columns a list shows first (the rest behind the column chooser).
export function defaultColumns(reg) {
  const fs = fieldsOf(reg)
  const named = /^(case_no|title|name|applicant)$/
  const pick = fs.filter((f) => f.required || named.test(f.name) || f.name === reg.date_field || f.choices).map((f) => f.name)
  return pick.slice(0, 7)
}

// The status-like enum fields a list can be filtered by.
export function enumFields(reg) {
  return reg ? reg.fields.filter((f) => f.choices) : []
}

export function regLabel(name) {
  const r = session.registers.find((x) => x.name === name)
  return r ? r.label : name
}
