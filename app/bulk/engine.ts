import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import type { AccessContext } from '#app/access/access_context'
import { moduleRegistry } from '#app/registry/main'
import {
  type BulkActionKind,
  type BulkChunkResult,
  type BulkHandler,
  type ResourceDefinition,
} from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'

/*
 * Bulk actions on a selection of a list (README, "Acciones masivas / Bulk actions"). The
 * selection is explicit ids or "all matching" the list's filters, resolved to ids once, at
 * most BULK_CAP. Up to BULK_JOB_THRESHOLD rows run in the request; more run as a job
 * (`kernel.run_bulk`) whose progress the list's bar polls. Either way the rows are applied in
 * chunks of BULK_CHUNK, each in its own short transaction, by the module's handler, which
 * checks the user's scope on every row and skips (and counts) the others.
 */

export const BULK_CAP = 10_000
export const BULK_JOB_THRESHOLD = 200
export const BULK_CHUNK = 500
/** Deleting goes row by row through the module's bin handler: smaller chunks keep each short. */
export const BULK_DELETE_CHUNK = 100

/** Custom field types "Cambiar un campo" may set in bulk. */
export const BULK_CUSTOM_TYPES: string[] = ['list', 'boolean', 'text']

/** What a bulk action did, so far or in the end. */
export interface BulkOutcome {
  status: 'queued' | 'running' | 'done' | 'failed'
  runId: number | null
  total: number
  done: number
  changed: number
  unchanged: number
  skipped: Record<string, number>
}

export async function definitionOf(resource: string): Promise<ResourceDefinition> {
  const found = (await moduleRegistry()).resources().find((r) => r.key === resource)
  if (!found?.bulk) throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
  return found
}

export async function bulkHandler(resource: string): Promise<BulkHandler<AccessContext>> {
  const definition = await definitionOf(resource)
  return (await definition.bulk!.handler()).default
}

export function emptyOutcome(total: number): BulkOutcome {
  return {
    status: 'running',
    runId: null,
    total,
    done: 0,
    changed: 0,
    unchanged: 0,
    skipped: {},
  }
}

function add(outcome: BulkOutcome, result: BulkChunkResult, rows: number) {
  outcome.done += rows
  outcome.changed += result.changed
  outcome.unchanged += result.unchanged ?? 0
  for (const [reason, n] of Object.entries(result.skipped ?? {}))
    if (n) outcome.skipped[reason] = (outcome.skipped[reason] ?? 0) + n
}

/**
 * Applies `ids` from position `from` on, BULK_CHUNK at a time, each chunk in its own
 * transaction; with `runId` the run's progress is written in the chunk's transaction, so a
 * retried job carries on after the last chunk that landed. Returns the longest transaction (ms).
 */
export async function runChunks(params: {
  access: AccessContext
  actorId: number
  action: BulkActionKind
  params: Record<string, unknown>
  handler: BulkHandler<AccessContext>
  ids: number[]
  from: number
  outcome: BulkOutcome
  runId?: number
}): Promise<{ longestMs: number }> {
  const { access, actorId, action, handler, ids, outcome, runId } = params
  let longestMs = 0
  const size = action === 'delete' ? BULK_DELETE_CHUNK : BULK_CHUNK
  for (let i = params.from; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size)
    const started = performance.now()
    const next = structuredClone(outcome)
    await db.transaction(async (trx) => {
      const result = await handler.apply({
        access,
        organizationId: access.organizationId,
        actorId,
        action,
        params: params.params,
        ids: chunk,
        trx,
      })
      add(next, result, chunk.length)
      if (runId)
        await trx
          .from('bulk_runs')
          .where('id', runId)
          .update({
            status: 'running',
            done: next.done,
            changed: next.changed,
            unchanged: next.unchanged,
            skipped: JSON.stringify(next.skipped),
            updated_at: dbTimestamp(),
          })
    })
    Object.assign(outcome, next)
    longestMs = Math.max(longestMs, performance.now() - started)
  }
  return { longestMs }
}

/** A run as the bar polls it: only the user who started it may read it (else null). */
export async function readBulkRun(
  organizationId: number,
  userId: number,
  runId: number
): Promise<BulkOutcome | null> {
  const row = await db
    .from('bulk_runs')
    .where('organization_id', organizationId)
    .where('user_id', userId)
    .where('id', runId)
    .first()
  return row ? outcomeOf(row) : null
}

export function outcomeOf(row: Record<string, any>): BulkOutcome {
  return {
    status: row.status,
    runId: Number(row.id),
    total: Number(row.total),
    done: Number(row.done),
    changed: Number(row.changed),
    unchanged: Number(row.unchanged),
    skipped: row.skipped ? JSON.parse(row.skipped) : {},
  }
}
