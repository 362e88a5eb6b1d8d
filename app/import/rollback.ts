import db from '@adonisjs/lucid/services/db'
import { binChildren } from '#app/bin/resources'
import { dbTimestamp } from '#app/support/dates'
import { recordHistoryMany, type BatchChange } from '#app/history/record_history'
import { contextOf } from './context.js'
import { importDefinition, loadRun, updateRun } from './runs.js'
import { ImportFileError } from './errors.js'
import type { ImportValues } from './types.js'

const BATCH = 500

/**
 * Undoes a committed import, newest records first, in batches that each land whole: records
 * it created are removed (their audit trail says "deleted"), fields it updated get their
 * before-image back (the timeline says "import reverted"). Processed items are dropped in the
 * same transaction, so a failed rollback resumes where it stopped.
 */
export async function rollbackImport(runId: number) {
  const run = await loadRun(runId)
  if (!run) throw new ImportFileError('import.errors.not_found')
  const started =
    run.status === 'rolling_back' ||
    (run.status === 'failed' && (!!run.committedAt || run.committedLine > 0))
  if (run.status !== 'committed' && !started)
    throw new ImportFileError('import.errors.not_reversible')
  const def = (await importDefinition(run.resource, run.organizationId))!
  const ctx = await contextOf(run)
  const state = def.prepare ? await def.prepare(ctx, db.connection()) : undefined
  await updateRun(runId, { status: 'rolling_back', error: null })
  let removed = 0
  let restored = 0
  for (;;) {
    const items = await db
      .from('import_items')
      .where('run_id', runId)
      .orderBy('id', 'desc')
      .limit(BATCH)
      .select('id', 'action', 'subject_id', 'before')
    if (!items.length) break
    await db.transaction(async (trx) => {
      const wctx = { ...ctx, trx, runId, state }
      const client = { organizationId: ctx.organizationId, client: trx }
      const created = items.filter((i) => i.action === 'create').map((i) => Number(i.subject_id))
      const updated = items.filter((i) => i.action === 'update')
      const ids = [...created, ...updated.map((i) => Number(i.subject_id))]
      const current = await def.snapshot(ids, client)
      const history: BatchChange[] = []
      const gone = created.length ? await def.remove(created, wctx) : []
      // Rows kernel services keep about the removed records (documents…) go with them.
      for (const recordId of gone)
        for (const child of binChildren())
          await child.purge?.({
            organizationId: ctx.organizationId,
            actorId: ctx.actorId,
            resource: run.resource,
            recordId,
            subjectType: def.subjectType,
            trx,
          })
      const shown = (values: ImportValues) =>
        def.shown ? def.shown(values, trx) : Promise.resolve(values)
      for (const id of gone)
        history.push({
          subjectId: id,
          action: 'delete',
          before: await shown(current.get(id) ?? {}),
          after: {},
        })
      const restore = updated
        .map((i) => ({ id: Number(i.subject_id), values: JSON.parse(i.before) as ImportValues }))
        .filter((r) => current.has(r.id))
      if (restore.length) await def.update(restore, wctx)
      for (const r of restore) {
        const now = current.get(r.id)!
        history.push({
          subjectId: r.id,
          action: 'update',
          before: await shown(
            Object.fromEntries(Object.keys(r.values).map((f) => [f, now[f] ?? null]))
          ),
          after: await shown(r.values),
          kind: 'import_reverted',
          data: { import: runId },
        })
      }
      await recordHistoryMany(
        trx,
        { organizationId: ctx.organizationId, actorId: ctx.actorId, subjectType: def.subjectType },
        history
      )
      await trx
        .from('import_items')
        .whereIn(
          'id',
          items.map((i) => i.id)
        )
        .delete()
      removed += gone.length
      restored += restore.length
    })
  }
  await updateRun(runId, { status: 'rolled_back', rolled_back_at: dbTimestamp() })
  return { removed, restored }
}
