import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { customFields } from './definitions.js'
import { loadCustomValues, plainDecimal, VALUES_TABLE } from './values.js'
import { sortable } from './sort.js'
import { filterable, valueColumn, type CustomField, type FieldValues } from './types.js'

/*
 * Filters on custom fields travel in the list's URL as flat parameters: `cf_<key>` (text
 * contains, yes/no, user, list and multi-list "any of" as comma-separated codes) and
 * `cf_<key>_from` / `cf_<key>_to` (number, money and date ranges). Each becomes a semi-join
 * `record IN (SELECT record_id FROM custom_field_values WHERE field_id = ? AND value …)`, read
 * from the (field_id, value_x, record_id) index.
 */

/** One field's filter, checked and normalised. */
export interface CustomFilter {
  key: string
  /** Text contains; list/multi-list codes; yes/no; user id. */
  value?: string | string[] | number | boolean
  from?: string
  to?: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const NUMBER = /^-?\d{1,15}(?:\.\d+)?$/

/** The fields a list offers as columns and filters (`show_in_list`, indexable). */
export async function listFields(organizationId: number, resource: string) {
  return (await customFields(organizationId, resource)).filter((f) => f.showInList && filterable(f))
}

/**
 * The custom filters in a list's query string (`qs`), for the fields shown in the list;
 * malformed ones are dropped (as the lists do with their own filters). Returns them with the
 * parameters to keep in the list's links.
 */
export async function parseCustomFilters(
  organizationId: number,
  resource: string,
  qs: Record<string, unknown>
): Promise<{ filters: CustomFilter[]; params: Record<string, string> }> {
  const filters: CustomFilter[] = []
  const params: Record<string, string> = {}
  const text = (name: string) => {
    // The query-string parser turns "a,b" into a list.
    const raw = qs[name]
    const v = Array.isArray(raw) ? raw.map(String).join(',') : raw
    return typeof v === 'string' && v.trim() ? v.trim().slice(0, 255) : null
  }
  for (const f of await listFields(organizationId, resource)) {
    const name = `cf_${f.key}`
    const range = ['number', 'money', 'date'].includes(f.type)
    if (range) {
      const valid = (v: string | null) =>
        v !== null && (f.type === 'date' ? DATE.test(v) : NUMBER.test(v.replace(',', '.')))
      const from = text(`${name}_from`)
      const to = text(`${name}_to`)
      const filter: CustomFilter = { key: f.key }
      if (valid(from)) filter.from = params[`${name}_from`] = from!.replace(',', '.')
      if (valid(to)) filter.to = params[`${name}_to`] = to!.replace(',', '.')
      if (filter.from !== undefined || filter.to !== undefined) filters.push(filter)
      continue
    }
    const value = text(name)
    if (value === null) continue
    if (f.type === 'boolean') {
      if (value !== 'yes' && value !== 'no') continue
      filters.push({ key: f.key, value: value === 'yes' })
    } else if (f.type === 'user') {
      if (!/^\d+$/.test(value)) continue
      filters.push({ key: f.key, value: Number(value) })
    } else if (f.type === 'list' || f.type === 'multi_list') {
      const known = new Set((f.options.choices ?? []).map((c) => c.code))
      const codes = value.split(',').filter((c) => known.has(c))
      if (!codes.length) continue
      filters.push({ key: f.key, value: codes })
    } else {
      filters.push({ key: f.key, value })
    }
    params[name] = value
  }
  return { filters, params }
}

/** `record_id` of the records matching one filter (a subquery for `whereIn`). */
function matching(field: CustomField, filter: CustomFilter) {
  const column = valueColumn(field.type)
  const q = db.from(VALUES_TABLE).where('field_id', field.id).select('record_id')
  const bound = (v: string) => (field.type === 'money' ? plainDecimal(v.replace(',', '.')) : v)
  if (filter.from !== undefined) q.where(column, '>=', bound(filter.from))
  if (filter.to !== undefined) q.where(column, '<=', bound(filter.to))
  if (Array.isArray(filter.value)) q.whereIn(column, filter.value)
  else if (typeof filter.value === 'boolean') q.where(column, filter.value ? 1 : 0)
  else if (typeof filter.value === 'number') q.where(column, filter.value)
  else if (typeof filter.value === 'string') {
    // `!` escapes LIKE's wildcards (a backslash would need escaping itself in MySQL literals).
    const escaped = filter.value.replace(/[!%_]/g, (c) => `!${c}`)
    q.whereRaw(`LOWER(${column}) LIKE ? ESCAPE '!'`, [`%${escaped.toLowerCase()}%`])
  }
  return q
}

/** Narrows a list's query (records' id column `idColumn`, e.g. `c.id`) by custom filters. */
export async function applyCustomFilters(
  query: DatabaseQueryBuilderContract<any>,
  params: { organizationId: number; resource: string; idColumn: string; filters: CustomFilter[] }
): Promise<void> {
  if (!params.filters.length) return
  const fields = new Map(
    (await customFields(params.organizationId, params.resource)).map((f) => [f.key, f])
  )
  for (const filter of params.filters) {
    const field = fields.get(filter.key)
    if (field) query.whereIn(params.idColumn, matching(field, filter))
  }
}

/** A list's columns of custom fields (label, type, the choices or users its filter offers). */
export async function customColumns(organizationId: number, resource: string) {
  const fields = await listFields(organizationId, resource)
  const users = fields.some((f) => f.type === 'user')
    ? (
        await db
          .from('users')
          .where('organization_id', organizationId)
          .orderBy('full_name')
          .select('id', 'full_name')
      ).map((u) => ({ value: String(u.id), label: String(u.full_name) }))
    : []
  return fields.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    sortable: sortable(f),
    options:
      f.type === 'user'
        ? users
        : (f.options.choices ?? []).map((c) => ({ value: c.code, label: c.label })),
  }))
}

/**
 * The listed fields' values of a page of rows, as text ready to show: record id → key → value
 * (choices and users by label, as the record page shows them).
 */
export async function customListValues(
  organizationId: number,
  resource: string,
  recordIds: number[]
): Promise<Map<number, FieldValues>> {
  const listed = new Set((await listFields(organizationId, resource)).map((f) => f.key))
  const all = await loadCustomValues(organizationId, resource, recordIds)
  for (const values of all.values())
    for (const key of Object.keys(values)) if (!listed.has(key)) delete values[key]
  return all
}
