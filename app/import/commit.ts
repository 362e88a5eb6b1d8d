import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { recordHistoryMany, type BatchChange } from '#app/history/record_history'
import { analyserFor, batchLines, batchesOf } from './context.js'
import { count, type LineResult } from './engine.js'
import type { FileRow } from './read.js'
import { emptyTotals, loadRun, updateRun, type Totals } from './runs.js'
import { ImportFileError } from './errors.js'
import { trimHeap } from './memory.js'
import { insertRows } from './sql.js'
import { dialectOf } from '#app/support/bulk'

export interface CommitOptions {
  /** Called after each batch lands: lines done so far and in all. */
  onProgress?: (progress: { done: number; total: number; totals: Totals }) => void
  /** Each batch's line results, after the batch landed (the shell's report). */
  onLines?: (lines: LineResult[]) => void
  /** Lines per batch (tests use small ones). */
  batchSize?: number
  /**
   * How long a batch written beside another (MySQL/MariaDB) waits for it before giving way
   * (5 s; tests use less).
   */
  turnWaitMs?: number
}

const fieldMap = (r: LineResult, side: 'from' | 'to') =>
  Object.fromEntries((r.changes ?? []).map((c) => [c.field, c[side]]))

/**
 * Writes an import, batch by batch: each batch (its records, their history, the before-images
 * and the run's progress) lands in one transaction or not at all. Called again after a
 * failure, it resumes after the last batch that landed: the earlier lines are read again only
 * to remember their keys, so in-file duplicates are found as in the preview.
 */
export async function commitImport(runId: number, options: CommitOptions = {}) {
  const run = await loadRun(runId)
  if (!run) throw new ImportFileError('import.errors.not_found')
  const resuming = run.committedLine > 0 && ['committing', 'failed'].includes(run.status)
  if (!['previewed', 'committing', 'failed'].includes(run.status))
    throw new ImportFileError('import.errors.not_committable')
  const { def, ctx, analyser } = await analyserFor(run)
  const totals: Totals = resuming ? { ...emptyTotals(), ...run.totals } : emptyTotals()
  await updateRun(runId, { status: 'committing', error: null, ...(resuming ? {} : { totals }) })
  let done = resuming ? run.rowsDone : 0
  const total = run.rowsTotal
  // A definition's own batch size where it is larger than the connection's (batchLines).
  const size = options.batchSize ?? Math.max(def.commitBatch ?? 0, batchLines())
  // On MySQL/MariaDB the next batch is read and analysed on another pooled connection while
  // this one's transaction writes: the checking of lines (CPU here) and the lookups overlap the
  // server's work instead of waiting for it (bench:import on MariaDB, quiet machine, interleaved
  // runs: 4,156 and 3,664 rows/s against 3,421 and 3,002 without; no gain when another process
  // keeps the second core busy). The analyser keeps every earlier line's keys and matched
  // records in memory, so the next batch sees this one's lines as the preview did. SQLite has
  // one connection: there each batch is analysed inside its own transaction.
  const overlap = dialectOf(db.connection()) === 'mysql'
  const batches = batchesOf(run, size)[Symbol.asyncIterator]()
  const nextBatch = async () => {
    for (;;) {
      const { value: batch, done: end } = await batches.next()
      if (end) return null
      const fresh = batch.filter((r) => r.line > run.committedLine)
      if (fresh.length < batch.length) analyser.remember(batch.filter((r) => !fresh.includes(r)))
      if (!fresh.length) continue
      return { fresh, results: overlap ? await analyser.analyse(fresh, db.connection()) : null }
    }
  }
  // Where the definition allows it, on MySQL/MariaDB two batches are written at once, each in
  // its own transaction on its own connection, so the server works on both cores: a batch
  // writes its records and their history, waits for the batch before it to land, then writes
  // its before-images and the run's progress and commits. Lines still land in file order, so
  // a resume starts after the last batch that landed. Two batches never change the same
  // records (a record or key matched again in a later batch is a duplicate), READ COMMITTED
  // spares most gap locks, and the progress row is locked by a batch only after the one before
  // it has committed. They can still meet on a shared key (the same new tag in both, a unique
  // key rewritten next to the other's): then the earlier one waits on the later, which waits
  // for it, and the database sees no deadlock. So the later one gives way after a while
  // (`withinTurn`): it rolls back, is written again once the earlier has landed, and the rest
  // of the commit goes one batch at a time. (bench:import on MariaDB, quiet machine: commit
  // 4,209–6,027 rows/s over fifteen runs, median 5,056, against 3,600–4,430 one batch at a
  // time; the server then keeps about one core busy instead of 60 % of one.)
  // (Not inside a transaction the caller holds, such as tests' global one: there every
  // transaction is a savepoint on one connection.)
  // (Nor where the server logs statements for replication: it writes nothing under READ
  // COMMITTED with binlog_format STATEMENT.)
  let depth =
    overlap &&
    def.concurrentBatches &&
    !db.connection().isTransaction &&
    (await readCommittedWrites())
      ? 2
      : 1
  let next = nextBatch()
  let previous: Promise<unknown> = Promise.resolve()
  const writing: Promise<unknown>[] = []
  let failure: unknown = null
  type Item = { fresh: FileRow[]; results: LineResult[] | null }
  const attempt = (item: Item, turn: Promise<unknown>, beside: boolean) =>
    db
      .transaction(
        async (trx) => {
          const { fresh } = item
          const results = item.results ?? (await analyser.analyse(fresh, trx))
          const wctx = { ...ctx, trx, runId, state: analyser.state }
          const creates = results.filter((r) => r.outcome === 'create')
          const updates = results.filter((r) => r.outcome === 'update')
          const ids = creates.length
            ? await def.create(
                creates.map((r) => r.values!),
                wctx
              )
            : []
          if (updates.length)
            await def.update(
              updates.map((r) => ({ id: r.recordId!, values: r.values! })),
              wctx
            )
          const history: BatchChange[] = [
            ...creates.map((r, i) => ({
              subjectId: ids[i],
              action: 'create' as const,
              before: {},
              after: r.values!,
              kind: 'created',
              data: { title: def.title(r.values!), import: runId },
              summary: true,
            })),
          ]
          const shown = (values: Record<string, string | null>) =>
            def.shown ? def.shown(values, trx) : Promise.resolve(values)
          for (const r of updates)
            history.push({
              subjectId: r.recordId!,
              action: 'update',
              before: await shown(fieldMap(r, 'from')),
              after: await shown(fieldMap(r, 'to')),
              kind: 'updated',
              data: { import: runId },
            })
          await recordHistoryMany(
            trx,
            {
              organizationId: ctx.organizationId,
              actorId: ctx.actorId,
              subjectType: def.subjectType,
            },
            history
          )
          // The batch before this one has landed (or this one fails with it). Written beside
          // it, this one gives way when the wait is long: the batch before may be waiting on a
          // lock this one holds (a new tag both create, a key rewritten next to the other's),
          // which the database cannot see as a deadlock.
          await (beside ? withinTurn(turn, options.turnWaitMs ?? TURN_WAIT_MS) : turn)
          // What a rollback needs: created ids, and updated fields' values before and after.
          await insertRows(trx, 'import_items', [
            ...creates.map((r, i) => ({
              run_id: runId,
              line: r.line,
              action: 'create',
              subject_id: ids[i],
              before: null,
              after: null,
            })),
            ...updates.map((r) => ({
              run_id: runId,
              line: r.line,
              action: 'update',
              subject_id: r.recordId!,
              before: JSON.stringify(fieldMap(r, 'from')),
              after: JSON.stringify(fieldMap(r, 'to')),
            })),
          ])
          count(totals as unknown as Record<string, number>, results)
          done += fresh.length
          await updateRun(
            runId,
            { committed_line: fresh[fresh.length - 1].line, rows_done: done, totals },
            trx
          )
          await def.batchWritten?.(wctx)
          return results
        },
        beside ? { isolationLevel: 'read committed' } : undefined
      )
      .then((landed) => {
        trimHeap()
        options.onLines?.(landed)
        options.onProgress?.({ done, total, totals })
      })
  // A batch that gave way rolled back: it is written again once the one before has landed,
  // and the rest of the commit goes one batch at a time. So is one written beside another that
  // the database chose as a deadlock's victim or whose lock wait timed out.
  const write = async (item: Item, turn: Promise<unknown>) => {
    const beside = depth > 1
    try {
      return await attempt(item, turn, beside)
    } catch (error) {
      const code = (error as { code?: string }).code
      const locked = code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT'
      if (!(error instanceof GaveWay) && !(beside && locked)) throw error
      depth = 1
      await turn
      return attempt(item, Promise.resolve(), false)
    }
  }
  try {
    for (;;) {
      const item = await next
      if (!item || failure) break
      next = overlap ? nextBatch() : Promise.resolve(null)
      // A failed batch ends the commit: the batch analysed meanwhile is dropped.
      next.catch(() => {})
      // At most `depth` batches in flight (it drops to 1 once a batch gave way).
      while (writing.length >= depth) await writing.shift()
      if (failure) break
      previous = write(item, previous)
      previous.catch((error) => (failure ??= error))
      writing.push(previous)
      if (writing.length >= depth) await writing.shift()
      if (!overlap) next = nextBatch()
    }
    await Promise.all(writing)
  } catch (error) {
    // The batch written beside a failed one rolls back with it; wait for it to end.
    await Promise.allSettled(writing)
    throw error
  }
  if (failure) throw failure
  await updateRun(runId, { status: 'committed', committed_at: dbTimestamp(), rows_done: done })
  return totals
}

/** How long a batch written beside another waits for it to land before giving way. */
const TURN_WAIT_MS = 5000

class GaveWay extends Error {}

/** `turn`, or a GaveWay failure when it takes longer than `ms`. */
async function withinTurn(turn: Promise<unknown>, ms: number) {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      turn,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new GaveWay('gave way')), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Whether MySQL/MariaDB accepts writes under READ COMMITTED (not with statement binlogs). */
async function readCommittedWrites(): Promise<boolean> {
  const [rows] = await db.rawQuery('select @@log_bin as log_bin, @@binlog_format as format')
  return !(Number(rows[0].log_bin) === 1 && String(rows[0].format).toUpperCase() === 'STATEMENT')
}
