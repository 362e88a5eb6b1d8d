import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import type { BulkChunk, BulkChunkResult } from '#app/registry/types'
import { resolveOwner } from '#app/access/owners'
import { recordHistoryMany } from '#app/history/record_history'
import { RuleError } from '#app/support/rule_error'
import { dbTimestamp } from '#app/support/dates'
import { crmRecordsChanged } from '../actions/records_changed.js'
import { customFields } from '#app/custom_fields/definitions'
import { validateCustomFields } from '#app/custom_fields/validate'
import {
  customSnapshot,
  loadCustomValues,
  prepareCustomValues,
  saveManyCustomValues,
} from '#app/custom_fields/values'
import type { FieldValue } from '#app/custom_fields/types'
import { BULK_CUSTOM_TYPES } from '#app/bulk/engine'
import { applyBulkTags } from '#app/tags/bulk'

/*
 * What the companies' and contacts' bulk handlers share: the owner check, one column set on
 * the rows of a chunk within the user's edit scope (history written in multi-row inserts), and
 * deletion row by row through the module's own delete (the recycle bin).
 */

/** The new owner, when the user may give the resource's records to them (else RuleError). */
export async function bulkOwner(
  access: AccessContext,
  resource: string,
  params: Record<string, unknown>
) {
  const ownerId = Number(params.ownerId)
  if (!Number.isInteger(ownerId) || ownerId <= 0)
    throw new RuleError('bulk.errors.value', {}, 'ownerId')
  await resolveOwner({ access, resource, action: 'edit', requested: ownerId, current: null })
  const user = await db
    .from('users')
    .where('organization_id', access.organizationId)
    .where('id', ownerId)
    .select('full_name')
    .first()
  if (!user) throw new RuleError('errors.owner_not_assignable', {}, 'ownerId')
  return { ownerId, ownerName: user.full_name as string }
}

/** The ids of a list query (its filters validated: a malformed filter is refused, not dropped). */
export async function matchingIds(
  query: { select(...c: string[]): any },
  alias: string,
  limit: number
): Promise<number[]> {
  const rows = await query.select(`${alias}.id`).orderBy(`${alias}.id`).limit(limit)
  return rows.map((r: { id: number }) => Number(r.id))
}

export interface ColumnChange {
  table: string
  resource: string
  subjectType: string
  column: string
  value: unknown
  /** Audit/timeline field and the values it compares (`owner` compares names). */
  field: string
  before: (row: Record<string, any>) => unknown
  after: unknown
  /** Rows the action refuses though in scope (reason → whether the row is refused). */
  refuse?: { reason: string; test: (row: Record<string, any>) => boolean }
  /** Extra columns read per row (for `before` and `refuse`), and the joins they need. */
  select?: string[]
  join?: (query: any) => void
  /** Keeps the search index current for the changed ids. */
  reindex: (trx: TransactionClientContract, ids: number[]) => Promise<void>
}

/**
 * Sets one column on the chunk's rows within the user's `edit` scope. Rows out of scope (or
 * gone, or binned) are skipped as `scope`; rows already holding the value are unchanged.
 */
export async function changeColumn(
  chunk: BulkChunk<AccessContext>,
  change: ColumnChange
): Promise<BulkChunkResult> {
  const { access, trx, ids, organizationId, actorId } = chunk
  const query = trx
    .from(`${change.table} as r`)
    .leftJoin('users as o', 'o.id', 'r.owner_id')
    .whereIn('r.id', ids)
    .select('r.id', `r.${change.column} as current`, 'o.full_name as owner_name')
  if (change.select?.length) query.select(...change.select)
  change.join?.(query)
  await access.scope(query, change.resource, { table: 'r', action: 'edit' })
  const rows: Record<string, any>[] = await query
  const skipped: Record<string, number> = { scope: ids.length - rows.length }
  const refused = change.refuse ? rows.filter((r) => change.refuse!.test(r)) : []
  if (refused.length) skipped[change.refuse!.reason] = refused.length
  const open = rows.filter((r) => !refused.includes(r))
  const same = (r: Record<string, any>) =>
    (r.current === null ? null : String(r.current)) ===
    (change.value === null ? null : String(change.value))
  const changing = open.filter((r) => !same(r))
  if (changing.length) {
    const changedIds = changing.map((r) => Number(r.id))
    await crmRecordsChanged(organizationId, trx)
    await trx
      .from(change.table)
      .where('organization_id', organizationId)
      .whereIn('id', changedIds)
      .update({ [change.column]: change.value, updated_at: dbTimestamp() })
    await recordHistoryMany(
      trx,
      { organizationId, actorId, subjectType: change.subjectType },
      changing.map((r) => ({
        subjectId: Number(r.id),
        action: 'update' as const,
        kind: 'updated',
        before: { [change.field]: change.before(r) },
        after: { [change.field]: change.after },
      }))
    )
    await change.reindex(trx, changedIds)
  }
  return { changed: changing.length, unchanged: open.length - changing.length, skipped }
}

/** Adds or removes tags (app/tags) on the chunk's rows within the user's `edit` scope. */
export async function changeTagsOfRows(
  chunk: BulkChunk<AccessContext>,
  spec: { table: string; resource: string; subjectType: string }
): Promise<BulkChunkResult> {
  const { access, trx, ids } = chunk
  const query = trx.from(`${spec.table} as r`).whereIn('r.id', ids).select('r.id')
  await access.scope(query, spec.resource, { table: 'r', action: 'edit' })
  const inScope = (await query).map((r: { id: number }) => Number(r.id))
  return applyBulkTags({
    organizationId: chunk.organizationId,
    actorId: chunk.actorId,
    resource: spec.resource,
    subjectType: spec.subjectType,
    ids,
    inScope,
    prepared: chunk.params,
    trx,
  })
}

/**
 * Bins the chunk's rows one by one through the module's delete (each in a savepoint): rows out
 * of the user's `delete` scope are skipped as `scope`, rows the delete refuses (a RuleError:
 * linked records beyond the user's reach) as `refused`.
 */
export async function deleteRows(
  chunk: BulkChunk<AccessContext>,
  params: {
    table: string
    resource: string
    remove: (id: number, trx: TransactionClientContract) => Promise<unknown>
  }
): Promise<BulkChunkResult> {
  const { access, trx, ids } = chunk
  const query = trx.from(`${params.table} as r`).whereIn('r.id', ids).select('r.id')
  await access.scope(query, params.resource, { table: 'r', action: 'delete' })
  const rows = await query
  let changed = 0
  let refused = 0
  for (const row of rows) {
    try {
      await trx.transaction(async (savepoint) => {
        await params.remove(Number(row.id), savepoint)
      })
      changed++
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      refused++
    }
  }
  return { changed, skipped: { scope: ids.length - rows.length, refused } }
}

/**
 * A custom field's new value (`field` is `cf.<key>`: an active list, boolean or text field),
 * checked by the same rules as the record's form. Loads what saving needs before any
 * transaction opens (app/custom_fields/values.ts `prepareCustomValues`).
 */
export async function prepareCustomField(
  access: AccessContext,
  resource: string,
  field: string,
  value: unknown
) {
  const organizationId = access.organizationId
  const key = field.slice(3)
  const found = (await customFields(organizationId, resource)).find(
    (f) => f.key === key && BULK_CUSTOM_TYPES.includes(f.type)
  )
  if (!found) throw new RuleError('bulk.errors.field', {}, 'field')
  const { values, errors } = await validateCustomFields(
    organizationId,
    resource,
    { [key]: value },
    { partial: true }
  )
  if (errors.length) throw new RuleError(errors[0].key, errors[0].values, 'value')
  await prepareCustomValues(organizationId, resource)
  return { field, value: values[key] ?? null }
}

/**
 * Sets a custom field on the chunk's rows within the user's `edit` scope, with the audit and
 * timeline rows a record's form would write (`cf.<key>`, choices by their label).
 */
export async function changeCustomField(
  chunk: BulkChunk<AccessContext>,
  spec: { table: string; resource: string; subjectType: string; field: string; value: unknown }
): Promise<BulkChunkResult> {
  const { access, trx, ids, organizationId, actorId } = chunk
  const key = spec.field.slice(3)
  const value = (spec.value ?? null) as FieldValue
  const query = trx.from(`${spec.table} as r`).whereIn('r.id', ids).select('r.id')
  await access.scope(query, spec.resource, { table: 'r', action: 'edit' })
  const inScope = (await query).map((r: { id: number }) => Number(r.id))
  const current = await loadCustomValues(organizationId, spec.resource, inScope, trx)
  const same = (id: number) =>
    JSON.stringify(current.get(id)?.[key] ?? null) === JSON.stringify(value)
  const changing = inScope.filter((id) => !same(id))
  if (changing.length) {
    await crmRecordsChanged(organizationId, trx)
    await saveManyCustomValues(trx, {
      organizationId,
      resource: spec.resource,
      values: new Map(changing.map((id) => [id, { [key]: value }])),
    })
    await trx
      .from(spec.table)
      .where('organization_id', organizationId)
      .whereIn('id', changing)
      .update({ updated_at: dbTimestamp() })
    const snap = (v: FieldValue) => customSnapshot(organizationId, spec.resource, { [key]: v }, trx)
    const after = await snap(value)
    const items = []
    for (const id of changing)
      items.push({
        subjectId: id,
        action: 'update' as const,
        kind: 'updated',
        before: await snap(current.get(id)?.[key] ?? null),
        after,
      })
    await recordHistoryMany(trx, { organizationId, actorId, subjectType: spec.subjectType }, items)
  }
  return {
    changed: changing.length,
    unchanged: inScope.length - changing.length,
    skipped: { scope: ids.length - inScope.length },
  }
}
