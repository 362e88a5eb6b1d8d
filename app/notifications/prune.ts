import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { retentionCutoffs } from '#app/bin/retention'

const BATCH = 500

/**
 * Deletes read notifications older than their organization's retention
 * (organizations.notification_retention_days, default 90), in batches; unread ones stay
 * whatever their age. Returns how many went.
 */
export async function pruneReadNotifications(now: Date = new Date()): Promise<number> {
  let pruned = 0
  for (const { organizationId, cutoff } of await retentionCutoffs(
    'notification_retention_days',
    now
  )) {
    for (;;) {
      const rows = await db
        .from('notifications')
        .where('organization_id', organizationId)
        .whereNotNull('read_at')
        .where('created_at', '<', cutoff)
        .limit(BATCH)
        .select('id')
      if (!rows.length) break
      const ids = rows.map((r) => r.id)
      await db.from('notifications').whereIn('id', ids).delete()
      pruned += rows.length
    }
  }
  if (pruned) logger.info({ pruned }, 'notifications: old read ones deleted')
  return pruned
}
