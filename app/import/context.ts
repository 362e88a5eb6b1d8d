import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { readRows, type FileRow } from './read.js'
import { Analyser } from './engine.js'
import { importDefinition, type ImportRun } from './runs.js'
import type { ImportContext, ImportDefinition } from './types.js'
import { ImportFileError } from './errors.js'
import { dialectOf } from '#app/support/bulk'

/**
 * Lines handled per batch: one lookup per key, one transaction per batch. SQLite: batches of
 * 1,000 measured more CPU per line in the commit than 500 (bench:import, busy machine).
 * MySQL/MariaDB, where every statement is a round trip and every commit a disk sync: 2,000
 * (bench:import on MariaDB, idle machine: commit 3,106 → 3,868 rows/s, preview 7,836 → 11,154
 * rows/s; 4,000 was no faster).
 */
export const BATCH = 500
export const SERVER_BATCH = 2000

/**
 * Lines per batch on the app's connection: MySQL/MariaDB's larger batches, else SQLite's (MS SQL
 * too: a batch's key lookups, padded to a power of two and scoped, stay under its 2,100
 * parameters per statement).
 */
export function batchLines() {
  return dialectOf(db.connection()) === 'mysql' ? SERVER_BATCH : BATCH
}

/** Who imports (the run's user, with their grants), in which organization and language. */
export async function contextOf(run: ImportRun): Promise<ImportContext> {
  const user = await db
    .from('users')
    .where('id', run.userId)
    .select('id', 'organization_id', 'locale')
    .firstOrFail()
  const access = await AccessContext.forUser({
    id: Number(user.id),
    organizationId: Number(user.organization_id),
  })
  return {
    organizationId: run.organizationId,
    actorId: run.userId,
    access,
    locale: user.locale ?? 'es',
  }
}

/** The definition, context and a fresh analyser for a run. */
export async function analyserFor(run: ImportRun) {
  const def = (await importDefinition(run.resource, run.organizationId)) as ImportDefinition
  if (!def) throw new ImportFileError('import.errors.not_importable')
  const ctx = await contextOf(run)
  const state = def.prepare ? await def.prepare(ctx, db.connection()) : undefined
  return { def, ctx, analyser: new Analyser(def, ctx, run.resource, run.mapping, state) }
}

/** The data rows of a run's file (the header skipped), in batches. */
export async function* batchesOf(run: ImportRun, size = batchLines()): AsyncGenerator<FileRow[]> {
  let header = true
  let batch: FileRow[] = []
  for await (const row of readRows(run.filePath, run.options)) {
    if (header) {
      header = false
      continue
    }
    batch.push(row)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** The header row of a file (empty when the file has none). */
export async function headerOf(path: string, options: Parameters<typeof readRows>[1]) {
  for await (const row of readRows(path, options)) return row.cells.map((c) => c.trim())
  return []
}
