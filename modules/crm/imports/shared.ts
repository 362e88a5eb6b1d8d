import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { lists } from '#app/settings/lists'
import type { ImportContext, ImportReason, ImportValues } from '#app/import/types'
import { assignableOwners } from '#app/access/owners'
import {
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeText,
} from '../support/normalize.js'
import { emailKey, phoneKey } from '../support/keys.js'
import { insertRows, paddedIn } from '#app/import/sql'
import { updateRows } from '#app/support/bulk'

/*
 * Pieces shared by the companies and contacts imports: owners named by full name or e-mail,
 * coded values named by their label in either language, and the primary phone and e-mail.
 */

export type Check = ImportValues | { reason: ImportReason }

export const reason = (key: string, values: Record<string, unknown> = {}) => ({
  reason: { key: `crm.import.reasons.${key}`, values },
})

/**
 * Code by its key or by its label (es/en) among the organization's active values of a list
 * (Administración › Listas), compared without case or accents.
 */
export async function codeLookup(
  organizationId: number,
  list: string
): Promise<Map<string, string>> {
  const map = new Map<string, string>()
  for (const value of await lists.values(organizationId, list)) {
    if (!value.active) continue
    map.set(normalizeText(value.code), value.code)
    for (const label of [value.labels.es, value.labels.en])
      if (label) map.set(normalizeText(label), value.code)
  }
  return map
}

export interface OwnerState {
  /** Normalized full name or e-mail → full name, of users the importer may give records to. */
  owners: Map<string, string>
  /** Full name → id. */
  ids: Map<string, number>
}

export async function ownerState(
  ctx: ImportContext,
  resource: string,
  client: QueryClientContract
): Promise<OwnerState> {
  const assignable = await assignableOwners(ctx.access, resource, { action: 'create', client })
  const ids = new Map(assignable.map((o) => [o.label, Number(o.value)]))
  const users = await client
    .from('users')
    .where('organization_id', ctx.organizationId)
    .whereIn(
      'id',
      assignable.map((o) => Number(o.value))
    )
    .select('full_name', 'email')
  const owners = new Map<string, string>()
  for (const u of users) {
    owners.set(normalizeName(u.full_name), u.full_name)
    owners.set(normalizeEmail(u.email), u.full_name)
  }
  return { owners, ids }
}

/** Cleans the common fields in place; returns a reason when one is wrong. */
export function checkCommon(values: ImportValues, state: OwnerState): ImportReason | null {
  if (values.email) {
    const email = emailKey(values.email)
    if (!email) return reason('email', { value: values.email }).reason
    values.email = email
  }
  if (values.phone) {
    const phone = phoneKey(values.phone)
    if (!phone) return reason('phone', { value: values.phone }).reason
    values.phone = phone
  }
  if (values.owner) {
    const owner =
      state.owners.get(normalizeName(values.owner)) ??
      state.owners.get(normalizeEmail(values.owner))
    if (!owner) return reason('owner', { value: values.owner }).reason
    values.owner = owner
  }
  return null
}

export function tooLong(values: ImportValues, limits: Record<string, number>): ImportReason | null {
  for (const [field, max] of Object.entries(limits))
    if ((values[field]?.length ?? 0) > max) return reason('too_long', { field, max }).reason
  return null
}

type Parent = 'company_id' | 'contact_id'

/**
 * The imported e-mail and phone of updated records (`values` holding `email` / `phone` only when
 * the line maps them): each becomes the record's primary one (`setPrimaryChannels`).
 */
export async function setImportedChannels(
  trx: TransactionClientContract,
  organizationId: number,
  parent: Parent,
  rows: { id: number; values: Record<string, string | null | undefined> }[]
) {
  for (const [field, table] of [
    ['email', 'crm_emails'],
    ['phone', 'crm_phones'],
  ] as const)
    await setPrimaryChannels(
      trx,
      organizationId,
      parent,
      table,
      rows
        .filter((r) => field in r.values)
        .map((r) => ({ id: r.id, value: r.values[field] ?? null }))
    )
}

/**
 * Sets (or, with null, removes) the primary phone or e-mail of records: each record's primary
 * row (else its first) takes the value, or a primary row is added when it has none. A batch's
 * records in a few statements: one read, one update per shape, one delete, one insert.
 */
export async function setPrimaryChannels(
  trx: TransactionClientContract,
  organizationId: number,
  parent: Parent,
  table: 'crm_phones' | 'crm_emails',
  items: { id: number; value: string | null }[]
) {
  if (!items.length) return
  const ids = items.map((i) => i.id)
  const first = new Map<number, number>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .from(table)
      .whereIn(parent, paddedIn(ids.slice(i, i + 500)))
      .orderBy(parent)
      .orderBy('is_primary', 'desc')
      .orderBy('position')
      .orderBy('id')
      .select('id', parent)
    for (const r of rows)
      if (!first.has(Number(r[parent]))) first.set(Number(r[parent]), Number(r.id))
  }
  const normalize = table === 'crm_phones' ? normalizePhone : normalizeEmail
  const removed: number[] = []
  const changed: { id: number; values: Record<string, unknown> }[] = []
  const added: Record<string, unknown>[] = []
  for (const { id, value } of items) {
    const row = first.get(id)
    if (row !== undefined && value === null) removed.push(row)
    else if (row !== undefined)
      changed.push({ id: row, values: { value, value_normalized: normalize(value!) } })
    else if (value !== null)
      added.push({
        organization_id: organizationId,
        company_id: parent === 'company_id' ? id : null,
        contact_id: parent === 'contact_id' ? id : null,
        label: null,
        value,
        value_normalized: normalize(value),
        is_primary: true,
        position: 0,
      })
  }
  for (let i = 0; i < removed.length; i += 500)
    await trx
      .from(table)
      .whereIn('id', removed.slice(i, i + 500))
      .delete()
  await updateRows(trx, table, changed)
  await insertRows(trx, table, added)
}

/** A new record's primary phone and e-mail rows. */
export function channelRows(
  organizationId: number,
  parent: Parent,
  id: number,
  values: ImportValues
) {
  const base = {
    organization_id: organizationId,
    company_id: parent === 'company_id' ? id : null,
    contact_id: parent === 'contact_id' ? id : null,
    label: null,
    is_primary: true,
    position: 0,
  }
  return {
    phone: values.phone
      ? { ...base, value: values.phone, value_normalized: normalizePhone(values.phone) }
      : null,
    email: values.email
      ? { ...base, value: values.email, value_normalized: normalizeEmail(values.email) }
      : null,
  }
}

/** Primary phone and e-mail of several records, for the before-image. */
export async function primaryChannels(client: QueryClientContract, parent: Parent, ids: number[]) {
  const result = { phones: new Map<number, string>(), emails: new Map<number, string>() }
  for (const [table, map] of [
    ['crm_phones', result.phones],
    ['crm_emails', result.emails],
  ] as const) {
    const rows = await client
      .from(table)
      .whereIn(parent, paddedIn(ids))
      .orderBy(parent)
      .orderBy('is_primary', 'desc')
      .orderBy('position')
      .select(parent, 'value')
    for (const r of rows) if (!map.has(Number(r[parent]))) map.set(Number(r[parent]), r.value)
  }
  return result
}

/**
 * ORDER BY a live record first, then by id. A CASE, not `deleted_at is not null`: MS SQL allows
 * no boolean expression in ORDER BY.
 */
export const liveFirst = (prefix = '') =>
  `CASE WHEN ${prefix}deleted_at IS NULL THEN 0 ELSE 1 END, ${prefix}id`
export const LIVE_FIRST = liveFirst()

/** Records of `parent` kind whose primary-or-not phone or e-mail has one of these normalized values. */
export async function lookupChannel(
  client: QueryClientContract,
  organizationId: number,
  table: 'crm_phones' | 'crm_emails',
  parent: Parent,
  values: string[],
  records: string
) {
  const rows = await client
    .from(`${table} as ch`)
    .join(`${records} as r`, 'r.id', `ch.${parent}`)
    .where('ch.organization_id', organizationId)
    .whereIn('ch.value_normalized', paddedIn(values))
    // A live record first; one in the recycle bin refuses the line (restore it first).
    .orderByRaw(liveFirst('r.'))
    .select('ch.value_normalized as v', 'r.id', 'r.owner_id', 'r.deleted_at')
  const found = new Map<string, { id: number; ownerId: number | null; binned: boolean }>()
  for (const r of rows)
    if (!found.has(r.v))
      found.set(r.v, {
        id: Number(r.id),
        ownerId: r.owner_id === null ? null : Number(r.owner_id),
        binned: r.deleted_at !== null,
      })
  return found
}

export { phoneKey, emailKey }
