import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { purgeDocument } from '#app/documents/bin'
import { BinEntryNotFound, purgeEntry } from './bin.js'
import { binResource } from './resources.js'
import { retentionCutoffs } from './retention.js'

const BATCH = 200

/**
 * Purges every bin entry older than its organization's retention (organizations
 * .bin_retention_days), one entry per transaction. Idempotent: a run that stops half-way, or
 * two runs at once, leave nothing half-purged (an entry already gone is skipped). Documents
 * deleted one by one (no bin entry of their own) are purged by the same retention; those binned
 * with their record wait for the record's entry. Returns how many entries and documents were
 * purged.
 */
export async function purgeExpired(now: Date = new Date()): Promise<number> {
  let purged = 0
  for (const org of await retentionCutoffs('bin_retention_days', now)) {
    const { cutoff } = org
    let after = 0
    for (;;) {
      const entries = await db
        .from('bin_entries')
        .where('organization_id', org.organizationId)
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
          await purgeEntry({
            organizationId: org.organizationId,
            actorId: null,
            entryId: after,
          })
          purged++
        } catch (error) {
          if (!(error instanceof BinEntryNotFound)) throw error
        }
      }
    }
    purged += await purgeLooseDocuments(org.organizationId, cutoff)
  }
  if (purged) logger.info({ purged }, 'recycle bin: expired entries purged')
  return purged
}

/**
 * Purges the organization's documents binned one by one before `cutoff`: their row, then their
 * file after the commit (purgeDocument), one per transaction. A document whose record is in the
 * bin (a bin entry for the same resource and record) is left to that entry's purge.
 */
async function purgeLooseDocuments(organizationId: number, cutoff: string): Promise<number> {
  let purged = 0
  let after = 0
  for (;;) {
    const docs = await db
      .from('documents as d')
      .where('d.organization_id', organizationId)
      .whereNotNull('d.deleted_at')
      .where('d.deleted_at', '<=', cutoff)
      .where('d.id', '>', after)
      .whereNotExists((q) =>
        q
          .from('bin_entries as b')
          .whereColumn('b.organization_id', 'd.organization_id')
          .whereColumn('b.resource', 'd.resource')
          .whereColumn('b.record_id', 'd.record_id')
      )
      .orderBy('d.id')
      .limit(BATCH)
      .select('d.id')
    if (!docs.length) break
    for (const doc of docs) {
      after = Number(doc.id)
      // Null when restored or purged meanwhile: nothing to do.
      const done = await db.transaction((trx) =>
        purgeDocument({ organizationId, documentId: after, trx })
      )
      if (done) purged++
    }
  }
  return purged
}
