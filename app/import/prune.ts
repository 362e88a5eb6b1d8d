import { relative, isAbsolute } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { dbTimestamp } from '#app/support/dates'
import { retentionCutoffs } from '#app/bin/retention'
import { dataPath } from '#app/support/paths'
import { dropFile } from './start.js'

const BATCH = 200

export interface PruneResult {
  /** Runs whose file and preview went (their row stays). */
  pruned: number
  /** Runs that never wrote anything, deleted whole. */
  deleted: number
}

/**
 * Prunes imports untouched for longer than their organization's retention
 * (organizations.import_retention_days, default 30). A run that wrote records keeps its row and,
 * while its rollback is still offered (committed, or stopped half-way), the items the rollback
 * reads; its uploaded file and its preview lines go, and `pruned_at` marks it. A rolled-back run
 * loses its items as well. A run that never wrote anything (uploaded, previewed, failed before
 * its first batch) is deleted whole. A run being worked on is never old enough: every batch
 * moves `updated_at`. Only files the app stored under DATA_DIR/imports are deleted (a command
 * line import reads the user's own file in place).
 */
export async function pruneImports(now: Date = new Date()): Promise<PruneResult> {
  const result: PruneResult = { pruned: 0, deleted: 0 }
  for (const { organizationId, cutoff } of await retentionCutoffs('import_retention_days', now)) {
    let after = 0
    for (;;) {
      const runs = await db
        .from('import_runs')
        .where('organization_id', organizationId)
        .whereNull('pruned_at')
        .where('updated_at', '<', cutoff)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .select('id', 'status', 'file_path', 'committed_at', 'committed_line')
      if (!runs.length) break
      for (const run of runs) {
        after = Number(run.id)
        const wrote = !!run.committed_at || Number(run.committed_line) > 0
        await db.transaction(async (trx) => {
          await trx.from('import_lines').where('run_id', run.id).delete()
          if (run.status === 'rolled_back' || !wrote)
            await trx.from('import_items').where('run_id', run.id).delete()
          if (wrote || run.status === 'rolled_back')
            await trx
              .from('import_runs')
              .where('id', run.id)
              .update({ pruned_at: dbTimestamp(now) })
          else await trx.from('import_runs').where('id', run.id).delete()
        })
        if (isStored(run.file_path)) await dropFile(run.file_path)
        if (wrote || run.status === 'rolled_back') result.pruned++
        else result.deleted++
      }
    }
  }
  if (result.pruned || result.deleted) logger.info(result, 'imports: old files and previews pruned')
  return result
}

/** True for a file the app keeps under DATA_DIR/imports. */
function isStored(path: string | null): path is string {
  if (!path) return false
  const rel = relative(dataPath('imports'), path)
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel)
}
