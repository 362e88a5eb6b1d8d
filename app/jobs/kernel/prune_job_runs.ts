import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'

const DAY = 24 * 60 * 60 * 1000
/** Completed runs are kept two weeks; failed ones (until discarded) three months. */
const KEEP = { completed: 14 * DAY, failed: 90 * DAY }

/** Deletes old finished job records (kernel_job_runs), in batches. */
export default class PruneJobRuns extends Job<{ completedDays?: number; failedDays?: number }> {
  static options = { name: 'kernel.prune_job_runs' }

  async execute() {
    const now = Date.now()
    const keep = {
      completed: (this.payload.completedDays ?? 0) * DAY || KEEP.completed,
      failed: (this.payload.failedDays ?? 0) * DAY || KEEP.failed,
    }
    for (const status of ['completed', 'failed'] as const) {
      const cutoff = dbTimestamp(new Date(now - keep[status]))
      for (;;) {
        const ids = await db
          .from('kernel_job_runs')
          .where('status', status)
          .where('finished_at', '<', cutoff)
          .limit(500)
          .select('id')
        if (ids.length === 0) break
        await db
          .from('kernel_job_runs')
          .whereIn(
            'id',
            ids.map((r) => r.id)
          )
          .delete()
      }
    }
  }
}
