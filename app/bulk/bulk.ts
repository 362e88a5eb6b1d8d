import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { bulkPermission, type BulkActionKind, type BulkHandler } from '#app/registry/types'
import { RuleError } from '#app/support/rule_error'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import RunBulk from '#app/jobs/kernel/run_bulk'
import {
  BULK_CAP,
  BULK_JOB_THRESHOLD,
  bulkHandler,
  definitionOf,
  emptyOutcome,
  runChunks,
  type BulkOutcome,
} from './engine.js'

export {
  BULK_CAP,
  BULK_CHUNK,
  BULK_JOB_THRESHOLD,
  readBulkRun,
  type BulkOutcome,
} from './engine.js'

/**
 * Checks the action is offered and allowed (403 without `<resource>.<permission>`), checks its
 * value, resolves the selection and runs it — here or as a job.
 */
export async function startBulk(params: {
  access: AccessContext
  actorId: number
  resource: string
  action: BulkActionKind
  params: Record<string, unknown>
  /** Explicit ids, or null for "all matching" `query` (the list's filters). */
  ids: number[] | null
  query?: Record<string, unknown>
}): Promise<BulkOutcome> {
  const { access, resource, action } = params
  const definition = await definitionOf(resource)
  if (!definition.bulk!.actions.includes(action) || action === 'export')
    throw new RuleError('bulk.errors.action')
  access.authorize(`${resource}.${bulkPermission(action)}`)
  const handler = await bulkHandler(resource)
  const prepared = await handler.prepare(access, action, params.params)
  const ids = await selectedIds(handler, access, params.ids, params.query ?? {})
  if (ids.length <= BULK_JOB_THRESHOLD) {
    const outcome = emptyOutcome(ids.length)
    await runChunks({ ...params, params: prepared, handler, ids, from: 0, outcome })
    return { ...outcome, status: 'done' }
  }
  const now = dbTimestamp()
  const runId = await insertId(db.connection() as any, 'bulk_runs', {
    organization_id: access.organizationId,
    user_id: params.actorId,
    resource,
    action,
    status: 'queued',
    params: JSON.stringify(prepared),
    ids: JSON.stringify(ids),
    total: ids.length,
    created_at: now,
    updated_at: now,
  })
  await RunBulk.dispatch({ organizationId: access.organizationId, runId })
  return { ...emptyOutcome(ids.length), status: 'queued', runId }
}

/** Explicit ids (deduplicated) or the ids matching the list's filters; over the cap: refused. */
async function selectedIds(
  handler: BulkHandler<AccessContext>,
  access: AccessContext,
  explicit: number[] | null,
  query: Record<string, unknown>
): Promise<number[]> {
  const ids = explicit
    ? [...new Set(explicit.filter((id) => Number.isInteger(id) && id > 0))]
    : await handler.matching(access, query, BULK_CAP + 1)
  if (ids.length > BULK_CAP) throw new RuleError('bulk.errors.cap', { cap: BULK_CAP })
  if (!ids.length) throw new RuleError('bulk.errors.empty')
  return ids
}
