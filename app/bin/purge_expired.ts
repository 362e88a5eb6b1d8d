import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { dbTimestamp } from '#app/support/dates'
import { BinEntryNotFound, purgeEntry } from './bin.js'
import { binResource } from './resources.js'

const DAY = 24 * 60 * 60 * 1000
const BATCH = 200

/**
 * Purges every bin entry older than its organization's retention (organizations
 * .bin_retention_days), one entry per transaction. Idempotent: a run that stops half-way, or
 * two runs at once, leave nothing half-purged (an entry already gone is skipped). Returns how
 * many were purged.
 */
export async function purgeExpired(now: Date = new Date()): Promise<number> {
  const organizations = await db.from('organizations').select('id', 'bin_retention_days')
  let purged = 0
  for (const org of organizations) {
    const days = Number(org.bin_retention_days ?? 30)
    const cutoff = dbTimestamp(new Date(now.getTime() - days * DAY))
    let after = 0
    for (;;) {
      const entries = await db
        .from('bin_entries')
        .where('organization_id', org.id)
        .where('deleted_at', '<=', cutoff)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .select('id', 'resource')
      if (!entries.length) break
      for (const entry of entries) {
        after = Number(entry.id)
        // A module no longer loaded cannot purge its rows: its entries wait for it.
        if (!binResource(entry.resource)) continue
        try {
          await purgeEntry({ organizationId: Number(org.id), actorId: null, entryId: after })
          purged++
        } catch (error) {
          if (!(error instanceof BinEntryNotFound)) throw error
        }
      }
    }
  }
  if (purged) logger.info({ purged }, 'recycle bin: expired entries purged')
  return purged
}
