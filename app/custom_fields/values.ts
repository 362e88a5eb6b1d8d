import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dateOnly, defaultCurrency } from '#app/settings/currencies'
import { choiceLabel, customFields } from './definitions.js'
import { valueColumn, type CustomField, type FieldValue, type FieldValues } from './types.js'

export const VALUES_TABLE = 'custom_field_values'

/** A decimal as text without sign noise, leading or trailing zeros ("012.500" → "12.5"). */
export function plainDecimal(value: unknown): string {
  const text = String(value)
  const negative = text.startsWith('-')
  const [rawWhole, rawFraction = ''] = text.replace('-', '').split('.')
  const whole = rawWhole.replace(/^0+(?=\d)/, '') || '0'
  const fraction = rawFraction.replace(/0+$/, '')
  const out = fraction ? `${whole}.${fraction}` : whole
  return negative && out !== '0' ? `-${out}` : out
}

/** "12.5" with 2 decimals → 1250 (exact: no float arithmetic). */
export function toMinor(text: string, places: number): number {
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = text.replace('-', '').split('.')
  const digits = `${whole}${fraction.padEnd(places, '0').slice(0, places)}`
  return (negative ? -1 : 1) * Number(digits)
}

/** 1250 with 2 decimals → "12.50". */
export function fromMinor(minor: number, places: number): string {
  const negative = minor < 0
  const digits = String(Math.abs(Math.round(minor))).padStart(places + 1, '0')
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits
  return negative ? `-${text}` : text
}

function readValue(field: CustomField, row: Record<string, any>, places: number): FieldValue {
  switch (field.type) {
    case 'long_text':
      return row.value_long ?? null
    case 'number':
      return row.value_number === null ? null : plainDecimal(row.value_number)
    case 'money':
      // Stored as the decimal amount; shown with the default currency's decimals.
      return row.value_number === null
        ? null
        : fromMinor(toMinor(plainDecimal(row.value_number), places), places)
    case 'boolean':
      return row.value_number === null ? null : Number(row.value_number) !== 0
    case 'user':
      return row.value_number === null ? null : Number(row.value_number)
    case 'date':
      return row.value_date === null ? null : dateOnly(row.value_date)
    default:
      return row.value_text ?? null
  }
}

/** The empty value of a field (what a record without a row holds). */
export const emptyValue = (f: CustomField): FieldValue => (f.type === 'multi_list' ? [] : null)

/**
 * The values of many records at once (one query): record id → key → value, every active field
 * present (empty ones as null, or [] for a multi-list).
 */
export async function loadCustomValues(
  organizationId: number,
  resource: string,
  recordIds: number[],
  client?: QueryClientContract
): Promise<Map<number, FieldValues>> {
  const fields = await customFields(organizationId, resource)
  const result = new Map<number, FieldValues>()
  for (const id of recordIds)
    result.set(id, Object.fromEntries(fields.map((f) => [f.key, emptyValue(f)])))
  if (!fields.length || !recordIds.length) return result
  const places = fields.some((f) => f.type === 'money')
    ? (await defaultCurrency(organizationId)).decimals
    : 0
  const byId = new Map(fields.map((f) => [f.id, f]))
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await (client ?? db)
      .from(VALUES_TABLE)
      .where('organization_id', organizationId)
      .whereIn('field_id', [...byId.keys()])
      .whereIn('record_id', recordIds.slice(i, i + 500))
      .orderBy('id')
    for (const row of rows) {
      const field = byId.get(Number(row.field_id))!
      const values = result.get(Number(row.record_id))!
      if (field.type === 'multi_list') (values[field.key] as string[]).push(row.value_text)
      else values[field.key] = readValue(field, row, places)
    }
  }
  return result
}

/** One record's values (every active field). */
export async function loadRecordValues(
  organizationId: number,
  resource: string,
  recordId: number,
  client?: QueryClientContract
): Promise<FieldValues> {
  return (await loadCustomValues(organizationId, resource, [recordId], client)).get(recordId)!
}

/** The rows storing one value of a field (none when empty). */
function valueRows(field: CustomField, value: FieldValue) {
  if (value === null || value === undefined) return []
  if (field.type === 'multi_list') return (value as string[]).map((code) => ({ value_text: code }))
  const column = valueColumn(field.type)
  // Money as its decimal amount, not in minor units: changing the default currency (or its
  // decimals) later must not rescale stored amounts.
  if (field.type === 'money') return [{ [column]: plainDecimal(String(value).replace(',', '.')) }]
  if (field.type === 'boolean') return [{ [column]: value ? 1 : 0 }]
  if (typeof value === 'string' && value === '') return []
  return [{ [column]: value }]
}

const same = (a: FieldValue, b: FieldValue) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Writes a record's values inside the caller's transaction (the record's own save) and returns
 * the record's values before and after (every active field), for its audit log and timeline.
 * Only the keys given are written; the others keep their value.
 */
export async function saveCustomValues(
  client: QueryClientContract,
  params: { organizationId: number; resource: string; recordId: number; values: FieldValues }
): Promise<{ before: FieldValues; after: FieldValues }> {
  const { organizationId, resource, recordId, values } = params
  const before = await loadRecordValues(organizationId, resource, recordId, client)
  const fields = (await customFields(organizationId, resource, { client })).filter(
    (f) => f.key in values && !same(before[f.key], values[f.key])
  )
  if (!fields.length) return { before, after: before }
  await client
    .from(VALUES_TABLE)
    .where('organization_id', organizationId)
    .where('record_id', recordId)
    .whereIn(
      'field_id',
      fields.map((f) => f.id)
    )
    .delete()
  const rows = fields.flatMap((f) =>
    valueRows(f, values[f.key]).map((r) => ({
      organization_id: organizationId,
      field_id: f.id,
      record_id: recordId,
      ...r,
    }))
  )
  if (rows.length) await client.table(VALUES_TABLE).multiInsert(rows)
  const after = { ...before }
  for (const f of fields) after[f.key] = values[f.key] ?? emptyValue(f)
  return { before, after }
}

/**
 * Writes the values of many records (an import batch): one delete and one multi-row insert per
 * chunk, no read-back. `values`: record id → key → value (keys absent are left as they are).
 * `fresh`: records just created, which hold no values yet (no delete).
 */
export async function saveManyCustomValues(
  client: QueryClientContract,
  params: {
    organizationId: number
    resource: string
    values: Map<number, FieldValues>
    fresh?: boolean
  }
): Promise<void> {
  const { organizationId, resource, values } = params
  const fields = await customFields(organizationId, resource)
  if (!fields.length || !values.size) return
  const deletes = new Map<number, number[]>()
  const rows: Record<string, unknown>[] = []
  for (const [recordId, record] of values) {
    for (const f of fields) {
      if (!(f.key in record)) continue
      if (!params.fresh) (deletes.get(f.id) ?? deletes.set(f.id, []).get(f.id)!).push(recordId)
      for (const r of valueRows(f, record[f.key]))
        rows.push({ organization_id: organizationId, field_id: f.id, record_id: recordId, ...r })
    }
  }
  for (const [fieldId, ids] of deletes)
    for (let i = 0; i < ids.length; i += 500)
      await client
        .from(VALUES_TABLE)
        .where('field_id', fieldId)
        .whereIn('record_id', ids.slice(i, i + 500))
        .delete()
  for (let i = 0; i < rows.length; i += 250)
    await client.table(VALUES_TABLE).multiInsert(rows.slice(i, i + 250))
}

/**
 * A record's values as its audit snapshot shows them: `cf.<key>` → readable text (choice
 * labels, user names, yes/no as booleans); empty values left out.
 */
export async function customSnapshot(
  organizationId: number,
  resource: string,
  values: FieldValues,
  client?: QueryClientContract
): Promise<Record<string, unknown>> {
  const fields = await customFields(organizationId, resource, { client })
  // A field absent from `values` (a partial set: an import's changed fields) has no user either.
  const users = fields.filter(
    (f) => f.type === 'user' && values[f.key] !== null && values[f.key] !== undefined
  )
  const names = new Map<number, string>()
  if (users.length) {
    const rows = await (client ?? db)
      .from('users')
      .where('organization_id', organizationId)
      .whereIn(
        'id',
        users.map((f) => Number(values[f.key]))
      )
      .select('id', 'full_name')
    for (const r of rows) names.set(Number(r.id), r.full_name)
  }
  const snapshot: Record<string, unknown> = {}
  for (const f of fields) {
    const v = values[f.key]
    if (v === null || v === undefined || (Array.isArray(v) && !v.length)) continue
    if (f.type === 'list') snapshot[`cf.${f.key}`] = choiceLabel(f, String(v))
    else if (f.type === 'multi_list')
      snapshot[`cf.${f.key}`] = (v as string[]).map((c) => choiceLabel(f, c)).join(', ')
    else if (f.type === 'user') snapshot[`cf.${f.key}`] = names.get(Number(v)) ?? String(v)
    else snapshot[`cf.${f.key}`] = v
  }
  return snapshot
}

/** Deletes every value of a record (its purge). */
export async function deleteRecordValues(
  client: QueryClientContract,
  organizationId: number,
  resource: string,
  recordId: number
): Promise<void> {
  // On the caller's client: a cold cache read on the global connection would wait for the
  // purge's transaction on SQLite.
  const fields = await customFields(organizationId, resource, { inactive: true, client })
  const ids = fields.map((f) => f.id)
  if (!ids.length) return
  await client
    .from(VALUES_TABLE)
    .where('organization_id', organizationId)
    .whereIn('field_id', ids)
    .where('record_id', recordId)
    .delete()
}

/**
 * Reads (and caches) what saving a resource's values needs — its fields and the default
 * currency — before the caller opens its transaction: on SQLite the app has one connection,
 * and a read outside the transaction would wait for it. A caller that already holds a
 * transaction passes it as `client`.
 */
export async function prepareCustomValues(
  organizationId: number,
  resource: string,
  client?: QueryClientContract
) {
  const fields = await customFields(organizationId, resource, { inactive: true, client })
  if (fields.length) await defaultCurrency(organizationId)
}
