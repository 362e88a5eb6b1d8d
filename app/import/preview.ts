import db from '@adonisjs/lucid/services/db'
import { analyserFor, batchesOf } from './context.js'
import { count, type LineResult } from './engine.js'
import { emptyTotals, loadRun, updateRun } from './runs.js'
import { trimHeap } from './memory.js'
import { insertRows } from './sql.js'

/** A preview line as stored (import_lines) and shown. */
export function lineRow(runId: number, r: LineResult) {
  return {
    run_id: runId,
    line: r.line,
    outcome: r.outcome,
    of_kind: r.of?.kind ?? null,
    of_id: r.of?.id ?? null,
    key: r.key ?? null,
    // A rejected line's reason, or the note on a line that creates or updates (never both).
    reason: r.reason || r.note ? JSON.stringify(r.reason ?? r.note) : null,
    changes:
      r.outcome === 'create' && r.values
        ? JSON.stringify(Object.entries(r.values).map(([field, to]) => ({ field, from: null, to })))
        : r.changes
          ? JSON.stringify(r.changes)
          : null,
  }
}

export interface PreviewOptions {
  /** Keep the lines (the web page filters them); the shell needs only the results. */
  store?: boolean
  onLines?: (lines: LineResult[]) => void | Promise<void>
  onProgress?: (done: number) => void
}

/**
 * Reads the whole file and says what each line would do, writing nothing but the preview:
 * the lines (import_lines) and the totals on the run.
 */
export async function previewImport(runId: number, options: PreviewOptions = {}) {
  const store = options.store ?? true
  const run = (await loadRun(runId))!
  await updateRun(runId, { status: 'previewing', error: null, rows_done: 0 })
  if (store) await db.from('import_lines').where('run_id', runId).delete()
  const { analyser } = await analyserFor(run)
  const totals = emptyTotals()
  let done = 0
  for await (const batch of batchesOf(run)) {
    const results = await analyser.analyse(batch, db.connection(), { notes: store })
    count(totals as unknown as Record<string, number>, results)
    done += batch.length
    // The batch's lines and the progress in one transaction: one disk sync, not one per statement.
    if (store)
      await db.transaction(async (trx) => {
        await insertRows(
          trx,
          'import_lines',
          results.map((r) => lineRow(runId, r))
        )
        await updateRun(runId, { rows_done: done }, trx)
      })
    trimHeap()
    await options.onLines?.(results)
    options.onProgress?.(done)
  }
  if (done === 0) {
    await updateRun(runId, { status: 'failed', error: { key: 'import.errors.header_only' } })
    return { totals, rows: 0 }
  }
  await updateRun(runId, { status: 'previewed', totals, rows_total: done, rows_done: 0 })
  return { totals, rows: done }
}
