import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { audit, type AuditInput } from '#app/history/audit'
import type { BinHandlers } from '#app/registry/types'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import { normalizeName } from '#app/support/normalize'
import { binChildren, binResource, type BinChildContext } from './resources.js'
import { visibleEntries } from './visible_entries.js'

/** A bin row as restore and purge need it. */
interface EntryRow {
  id: number
  organization_id: number
  resource: string
  record_id: number | string
  title: string
  detached: string | null
}

/** The record is not (or no longer) in the bin, or not the user's to act on: the caller answers 404. */
export class BinEntryNotFound extends Error {}

async function handlersOf(resource: string) {
  const definition = binResource(resource)
  if (!definition) throw new BinEntryNotFound(`resource ${resource} does not accept the bin`)
  return {
    definition,
    handlers: (await definition.handlers()).default as BinHandlers<AccessContext>,
  }
}

const inTransaction = <T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
) => (trx ? work(trx) : db.transaction(work))

async function eachChild(step: 'trash' | 'restore' | 'purge', ctx: BinChildContext): Promise<void> {
  for (const child of binChildren()) await child[step]?.(ctx)
}

/**
 * Moves a record to the bin: the module's handler marks it and detaches its links, kernel
 * child services (documents…) follow, a bin entry remembers what was detached, and the
 * timeline says so. The caller has checked the `delete` permission and scope of the record.
 */
export async function trashRecord(params: {
  access: AccessContext
  actorId: number
  resource: string
  recordId: number
  trx?: TransactionClientContract
}) {
  const { access, actorId, resource, recordId } = params
  const organizationId = access.organizationId
  const { definition, handlers } = await handlersOf(resource)
  return inTransaction(params.trx, async (trx) => {
    const ctx = { organizationId, actorId, recordId, trx }
    const result = await handlers.trash({ ...ctx, access })
    await eachChild('trash', { ...ctx, resource, subjectType: definition.subject })
    const now = dbTimestamp()
    const title = result.title.slice(0, 255)
    await trx.table('bin_entries').insert({
      organization_id: organizationId,
      resource,
      record_id: recordId,
      title,
      title_normalized: normalizeName(title, 255),
      owner_id: result.ownerId,
      deleted_by: actorId,
      deleted_at: now,
      detached: result.detached === undefined ? null : JSON.stringify(result.detached),
    })
    const subject = {
      organizationId,
      actorId,
      subjectType: definition.subject,
      subjectId: recordId,
    }
    await timeline.record({ ...subject, kind: 'binned' }, trx)
    return { title, detached: result.detached }
  })
}

/**
 * Brings a binned record back: links whose targets still exist are put back, the others stay
 * unlinked (counted in the answer). Needs the resource's `delete` permission and the record
 * in the user's `delete` scope (what deleting it needed); otherwise BinEntryNotFound.
 */
export async function restoreEntry(params: {
  access: AccessContext
  actorId: number
  entryId: number
  /** Modules enabled for the organization: a disabled module's records stay in the bin. */
  enabled?: ReadonlySet<string>
}) {
  const { access, actorId, entryId } = params
  const { query } = await visibleEntries(access, 'delete', params.enabled)
  const found = await query.where('b.id', entryId).select('b.*').first()
  if (!found) throw new BinEntryNotFound()
  const { definition, handlers } = await handlersOf(found.resource)
  return db.transaction(async (trx) => {
    const entry = await lockedEntry(trx, found.id)
    const recordId = Number(entry.record_id)
    const ctx = { organizationId: entry.organization_id, actorId, recordId, trx }
    const detached = entry.detached ? JSON.parse(entry.detached) : null
    const result = await handlers.restore({ ...ctx, detached })
    await eachChild('restore', {
      ...ctx,
      resource: entry.resource,
      subjectType: definition.subject,
    })
    await trx.from('bin_entries').where('id', entry.id).delete()
    const subject = { organizationId: ctx.organizationId, actorId, subjectType: definition.subject }
    await timeline.record(
      { ...subject, subjectId: recordId, kind: 'restored', data: { ...result } },
      trx
    )
    await audit.record(
      { ...subject, subjectId: recordId, action: 'restore' as AuditInput['action'], changes: [] },
      trx
    )
    return { ...result, title: entry.title, resource: entry.resource, recordId }
  })
}

/** The entry, read again inside the transaction (a concurrent restore or purge took it: 404). */
async function lockedEntry(trx: TransactionClientContract, id: number): Promise<EntryRow> {
  const entry = await locked(trx.from('bin_entries').where('id', id).select('*')).first()
  if (!entry) throw new BinEntryNotFound()
  return entry
}

/** FOR UPDATE where the database has it (SQLite's single writer serialises anyway). */
function locked<Q extends { forUpdate(): unknown; client: { dialect: { name: string } } }>(
  query: Q
) {
  if (!['sqlite3', 'better-sqlite3'].includes(query.client.dialect.name)) query.forUpdate()
  return query
}

/**
 * Deletes a binned record for good: kernel children first, then the module's rows, its
 * timeline and the bin entry. The audit trail stays, with a "purge" entry. Administrators only
 * (the caller checks); `organizationId` confines it to one organization.
 */
export async function purgeEntry(params: {
  organizationId: number
  actorId: number | null
  entryId: number
  trx?: TransactionClientContract
}) {
  const { organizationId, actorId } = params
  return inTransaction(params.trx, async (trx) => {
    const entry = await locked(
      trx
        .from('bin_entries')
        .where({ id: params.entryId, organization_id: organizationId })
        .select('*')
    ).first()
    if (!entry) throw new BinEntryNotFound()
    const { definition, handlers } = await handlersOf(entry.resource)
    const recordId = Number(entry.record_id)
    const ctx = { organizationId, actorId, recordId, trx }
    await eachChild('purge', { ...ctx, resource: entry.resource, subjectType: definition.subject })
    const detached = entry.detached ? JSON.parse(entry.detached) : null
    await handlers.purge({ ...ctx, detached })
    await trx.from('bin_entries').where('id', entry.id).delete()
    await timeline.forget(organizationId, definition.subject, recordId, trx)
    await audit.record(
      {
        organizationId,
        actorId,
        subjectType: definition.subject,
        subjectId: recordId,
        action: 'purge' as AuditInput['action'],
        changes: [{ field: 'title', from: entry.title, to: null }],
      },
      trx
    )
    return { title: entry.title as string }
  })
}
