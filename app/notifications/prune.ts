import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { dbTimestamp } from '#app/support/dates'

const DAY = 24 * 60 * 60 * 1000
const BATCH = 500

/**
 * Deletes read notifications older than their organization's retention
 * (organizations.notification_retention_days, default 90), in batches; unread ones stay
 * whatever their age. Returns how many went.
 */
export async function pruneReadNotifications(now: Date = new Date()): Promise<number> {
  const organizations = await db.from('organizations').select('id', 'notification_retention_days')
  let pruned = 0
  for (const org of organizations) {
    const days = Number(org.notification_retention_days ?? 90)
    const cutoff = dbTimestamp(new Date(now.getTime() - days * DAY))
    for (;;) {
      const rows = await db
        .from('notifications')
        .where('organization_id', org.id)
        .whereNotNull('read_at')
        .where('created_at', '<', cutoff)
        .limit(BATCH)
        .select('id')
      if (!rows.length) break
      await db
        .from('notifications')
        .whereIn(
          'id',
          rows.map((r) => r.id)
        )
        .delete()
      pruned += rows.length
    }
  }
  if (pruned) logger.info({ pruned }, 'notifications: old read ones deleted')
  return pruned
}
