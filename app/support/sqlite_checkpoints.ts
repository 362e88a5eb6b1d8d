import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * SQLite in WAL mode appends each commit to the log (`-wal`) and, once the log passes
 * `wal_autocheckpoint` pages (1,000 by default), copies it back into the database file inside
 * the COMMIT that crossed the line. better-sqlite3 is synchronous, so that copy (and its fsync)
 * ran on the event loop: a stage move's COMMIT took about twice as long on average, and an
 * import batch's more so. Here a worker thread with a connection of its own checkpoints the log
 * every `everyMs` (PASSIVE: it never waits for or blocks the app's connection), on the other
 * core; the app's connection keeps an automatic checkpoint at a larger size, as a fallback that
 * bounds the log should the worker stop.
 */

/** The app connection's own checkpoint threshold, in pages (4 KB each): about 40 MB of log. */
export const FALLBACK_CHECKPOINT_PAGES = 10_000

const workers = new Map<string, Worker>()

// CommonJS run by the worker (eval): open the file lazily, checkpoint, reopen after an error.
const WORKER = `
const { workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
setInterval(() => {
  try {
    db ??= new Database(workerData.file, { fileMustExist: true })
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    try { db && db.close() } catch {}
    db = undefined
  }
}, workerData.everyMs)
`

interface Connection {
  pragma(source: string): unknown
}

/**
 * Checkpoints `file` in the background (one worker per file and process) and raises the
 * threshold of `connection`'s own automatic checkpoint. Nothing for an in-memory database.
 */
export function checkpointInBackground(
  connection: Connection,
  file: string,
  options: { everyMs?: number } = {}
): void {
  if (!file || file === ':memory:' || file.startsWith('file::memory:')) return
  connection.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`)
  if (workers.has(file)) return
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver, everyMs: options.everyMs ?? 200 },
  })
  // The worker never keeps the process alive; if it fails, the fallback threshold still holds.
  worker.unref()
  worker.on('error', () => workers.delete(file))
  worker.on('exit', () => workers.delete(file))
  workers.set(file, worker)
}
