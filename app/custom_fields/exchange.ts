import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { defaultCurrency } from '#app/settings/currencies'
import { headerKey } from '#app/import/mapping'
import type { ExportColumn } from '#app/support/csv'
import type { ImportDefinition, ImportReason, ImportValues, WriteContext } from '#app/import/types'
import { choiceLabel, customFields } from './definitions.js'
import {
  fromMinor,
  customSnapshot,
  loadCustomValues,
  plainDecimal,
  saveManyCustomValues,
  toMinor,
} from './values.js'
import type { CustomField, FieldValue, FieldValues } from './types.js'

/*
 * Custom fields in list exports and imports. Export: a column per active field, header = its
 * label, cells readable (choice labels, Sí/No, user names). Import: a target `cf.<key>` per
 * active field, parsed the way the export writes it, written in the batch's transaction.
 */

export const CF_PREFIX = 'cf.'

// ---------------------------------------------------------------------------------------------
// Export

/** The custom columns of an export: header cells, and the cells of a page of records in bulk. */
export async function customExportColumns(
  organizationId: number,
  resource: string,
  t: (key: string) => string
) {
  const fields = await customFields(organizationId, resource)
  const columns: ExportColumn[] = fields.map((f) => ({ key: `${CF_PREFIX}${f.key}` }))
  const header = fields.map((f) => f.label)
  /** record id → one cell per custom column (empty: null). */
  async function cells(ids: number[], client?: QueryClientContract) {
    const out = new Map<number, unknown[]>()
    if (!fields.length) {
      for (const id of ids) out.set(id, [])
      return out
    }
    const values = await loadCustomValues(organizationId, resource, ids, client)
    const userIds = new Set<number>()
    for (const v of values.values())
      for (const f of fields)
        if (f.type === 'user' && v[f.key] !== null) userIds.add(Number(v[f.key]))
    const names = await userNames(organizationId, [...userIds], client)
    for (const id of ids) {
      const v = values.get(id)!
      out.set(
        id,
        fields.map((f) => readable(f, v[f.key], t, names))
      )
    }
    return out
  }
  return { columns, header, cells }
}

async function userNames(organizationId: number, ids: number[], client?: QueryClientContract) {
  const names = new Map<number, string>()
  if (!ids.length) return names
  const rows = await (client ?? db)
    .from('users')
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .select('id', 'full_name')
  for (const r of rows) names.set(Number(r.id), r.full_name)
  return names
}

function readable(
  f: CustomField,
  v: FieldValue,
  t: (key: string) => string,
  names: Map<number, string>
): string | null {
  if (v === null || v === undefined || (Array.isArray(v) && !v.length)) return null
  switch (f.type) {
    case 'list':
      return choiceLabel(f, String(v))
    case 'multi_list':
      return (v as string[]).map((c) => choiceLabel(f, c)).join(', ')
    case 'boolean':
      return t(v ? 'common.yes' : 'common.no')
    case 'user':
      return names.get(Number(v)) ?? String(v)
    default:
      return String(v)
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * A value as the import carries it (text, compared with the before-image): a choice's code,
 * a multi-list's codes joined with ", ", yes/no as "1"/"0", a user's id, decimals plain.
 */
function canonical(f: CustomField, v: FieldValue): string | null {
  if (v === null || v === undefined || (Array.isArray(v) && !v.length)) return null
  if (f.type === 'multi_list') return (v as string[]).join(', ')
  if (f.type === 'boolean') return v ? '1' : '0'
  return String(v)
}

function fromCanonical(f: CustomField, text: string | null): FieldValue {
  if (text === null) return f.type === 'multi_list' ? [] : null
  switch (f.type) {
    case 'multi_list':
      return text.split(', ').filter(Boolean)
    case 'boolean':
      return text === '1'
    case 'user':
      return Number(text)
    default:
      return text
  }
}

const DECIMAL = /^-?\d{1,15}(?:[.,]\d+)?$/
const TRUE = ['1', 'true', 'yes', 'si', 'sí', 'x']
const FALSE = ['0', 'false', 'no']

function isoDate(text: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  let iso = m ? text : null
  if (!m) {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
    if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`
  }
  if (!iso) return null
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null
}

interface Lookups {
  places: number
  /** header key of a user's name or e-mail → id (active users only). */
  users: Map<string, number>
}

/** Parses one cell as the export writes it: the canonical text, or the rule it breaks. */
function parseCell(
  f: CustomField,
  text: string,
  lookups: Lookups
): { value: string } | { rule: string } {
  const choice = (item: string) => {
    const key = headerKey(item)
    const choices = f.options.choices ?? []
    return (
      choices.find((c) => c.code === item.trim()) ?? choices.find((c) => headerKey(c.label) === key)
    )
  }
  switch (f.type) {
    case 'text':
      return text.length > 255 ? { rule: 'max_length' } : { value: text }
    case 'long_text':
      return text.length > 10000 ? { rule: 'max_length' } : { value: text }
    case 'link': {
      try {
        if (text.length <= 255 && ['http:', 'https:'].includes(new URL(text).protocol))
          return { value: text }
      } catch {}
      return { rule: 'link' }
    }
    case 'number':
    case 'money': {
      const places = f.type === 'money' ? lookups.places : (f.options.decimals ?? 0)
      if (!DECIMAL.test(text)) return { rule: 'number' }
      const dotted = text.replace(',', '.')
      if ((dotted.split('.')[1] ?? '').length > places) return { rule: 'decimals' }
      return {
        value:
          f.type === 'money' ? fromMinor(toMinor(dotted, places), places) : plainDecimal(dotted),
      }
    }
    case 'date': {
      const iso = isoDate(text)
      return iso ? { value: iso } : { rule: 'date' }
    }
    case 'boolean': {
      const t = text.toLowerCase()
      if (TRUE.includes(t)) return { value: '1' }
      if (FALSE.includes(t)) return { value: '0' }
      return { rule: 'boolean' }
    }
    case 'list': {
      const c = choice(text)
      if (!c) return { rule: 'choice' }
      return c.active ? { value: c.code } : { rule: 'choice_inactive' }
    }
    case 'multi_list': {
      const codes: string[] = []
      for (const item of text.split(/[,;|]/).filter((s) => s.trim())) {
        const c = choice(item)
        if (!c) return { rule: 'choice' }
        if (!c.active) return { rule: 'choice_inactive' }
        if (!codes.includes(c.code)) codes.push(c.code)
      }
      return codes.length ? { value: codes.join(', ') } : { rule: 'choice' }
    }
    case 'user': {
      const id = lookups.users.get(headerKey(text)) ?? lookups.users.get(text.trim().toLowerCase())
      return id ? { value: String(id) } : { rule: 'user' }
    }
  }
}

/** Splits a row's values into the module's and the custom fields' (keys without the prefix). */
function split(values: ImportValues) {
  const own: ImportValues = {}
  const custom: Record<string, string | null> = {}
  for (const [k, v] of Object.entries(values))
    if (k.startsWith(CF_PREFIX)) custom[k.slice(CF_PREFIX.length)] = v
    else own[k] = v
  return { own, custom }
}

/**
 * The module's import definition with a target `cf.<key>` per active custom field of the
 * resource (header = the field's label). Reads what parsing needs (currency, users) now, so
 * `validate` stays free of queries; custom values are written after the module's own writes,
 * in the same transaction, and are part of the before-image (so a rollback restores them).
 */
export async function withCustomImport(
  def: ImportDefinition,
  resource: string,
  organizationId: number
): Promise<ImportDefinition> {
  const fields = await customFields(organizationId, resource)
  if (!fields.length) return def
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const lookups: Lookups = {
    places: (await defaultCurrency(organizationId)).decimals,
    users: new Map(),
  }
  const names = new Map<number, string>()
  if (fields.some((f) => f.type === 'user')) {
    const rows = await db
      .from('users')
      .where('organization_id', organizationId)
      .select('id', 'full_name', 'email', 'is_active')
    for (const r of rows) {
      names.set(Number(r.id), r.full_name)
      if (!r.is_active) continue
      if (r.email) lookups.users.set(String(r.email).toLowerCase(), Number(r.id))
      if (r.full_name && !lookups.users.has(headerKey(r.full_name)))
        lookups.users.set(headerKey(r.full_name), Number(r.id))
    }
  }
  const reason = (f: CustomField, rule: string): { reason: ImportReason } => {
    const extra: Record<string, unknown> = {}
    if (rule === 'max_length') extra.max = f.type === 'text' ? 255 : 10000
    if (rule === 'decimals')
      extra.decimals = f.type === 'money' ? lookups.places : (f.options.decimals ?? 0)
    return { reason: { key: `custom_fields.errors.${rule}`, values: { field: f.label, ...extra } } }
  }
  const toFieldValues = (custom: Record<string, string | null>): FieldValues => {
    const out: FieldValues = {}
    for (const [key, text] of Object.entries(custom)) {
      const f = byKey.get(key)
      if (f) out[key] = fromCanonical(f, text)
    }
    return out
  }
  const saveValues = async (
    ids: number[],
    customs: Record<string, string | null>[],
    ctx: WriteContext,
    fresh = false
  ) => {
    const values = new Map<number, FieldValues>()
    ids.forEach((id, i) => {
      if (Object.keys(customs[i]).length) values.set(id, toFieldValues(customs[i]))
    })
    if (values.size)
      await saveManyCustomValues(ctx.trx, { organizationId, resource, values, fresh })
  }
  return {
    ...def,
    fields: [
      ...def.fields,
      ...fields.map((f) => ({
        key: `${CF_PREFIX}${f.key}`,
        label: f.label,
        text: f.label,
        display: (value: string, t: (key: string) => string) =>
          readable(f, fromCanonical(f, value), t, names) ?? value,
      })),
    ],
    validate(values, state) {
      const { own, custom } = split(values)
      const checked = def.validate(own, state)
      if ((checked as { reason?: unknown }).reason) return checked
      const out = { ...(checked as ImportValues) }
      for (const [key, text] of Object.entries(custom)) {
        const f = byKey.get(key)
        if (!f || text === null) continue
        const parsed = parseCell(f, text, lookups)
        if ('rule' in parsed) return reason(f, parsed.rule)
        out[`${CF_PREFIX}${key}`] = parsed.value
      }
      return out
    },
    missingOnCreate(values) {
      const f = fields.find((field) => field.required && !values[`${CF_PREFIX}${field.key}`])
      return f ? reason(f, 'required').reason : (def.missingOnCreate?.(values) ?? null)
    },
    async snapshot(ids, ctx) {
      const own = await def.snapshot(ids, ctx)
      const custom = await loadCustomValues(organizationId, resource, ids, ctx.client)
      for (const id of ids) {
        const values = custom.get(id)
        if (!own.has(id) || !values) continue
        const row = own.get(id)!
        for (const f of fields) row[`${CF_PREFIX}${f.key}`] = canonical(f, values[f.key])
      }
      return own
    },
    async shown(values, client) {
      const base = def.shown ? await def.shown(values, client) : values
      const { custom } = split(values)
      const keys = Object.keys(custom).filter((k) => byKey.has(k))
      if (!keys.length) return base
      // As the record's form writes them (choice labels, user names, yes/no as booleans).
      const asForm = await customSnapshot(organizationId, resource, toFieldValues(custom), client)
      const out: Record<string, unknown> = { ...base }
      for (const key of keys) out[`${CF_PREFIX}${key}`] = asForm[`${CF_PREFIX}${key}`] ?? null
      return out
    },
    same(field, current, incoming) {
      if (field.startsWith(CF_PREFIX)) return current === incoming
      return def.same ? def.same(field, current, incoming) : current === incoming
    },
    async create(rows, ctx) {
      const parts = rows.map(split)
      const ids = await def.create(
        parts.map((p) => p.own),
        ctx
      )
      await saveValues(
        ids,
        parts.map((p) => p.custom),
        ctx,
        true
      )
      return ids
    },
    async update(rows, ctx) {
      const parts = rows.map((r) => ({ id: r.id, ...split(r.values) }))
      const own = parts.filter((p) => Object.keys(p.own).length)
      if (own.length)
        await def.update(
          own.map((p) => ({ id: p.id, values: p.own })),
          ctx
        )
      await saveValues(
        parts.map((p) => p.id),
        parts.map((p) => p.custom),
        ctx
      )
    },
  }
}
