import type { BinChild } from '#app/bin/resources'
import { dbTimestamp } from '#app/support/dates'
import { purgeDocument, trashRecordDocuments } from './bin.js'
import { TABLE } from './documents.js'

/*
 * Documents follow their record through the recycle bin: binned with it, restored with it
 * (those binned at that moment — not the ones deleted one by one before), purged with it
 * (rows, then files once the purge commits). Registered once at boot (start/events.ts).
 */
export const documentsBinChild: BinChild = {
  name: 'documents',

  async trash({ organizationId, actorId, resource, recordId, trx }) {
    await trashRecordDocuments({ organizationId, actorId, resource, recordId, trx })
  },

  async restore({ organizationId, resource, recordId, trx }) {
    const ofRecord = () =>
      trx
        .from(TABLE)
        .where('organization_id', organizationId)
        .where('resource', resource)
        .where('record_id', recordId)
    const last = await ofRecord().whereNotNull('deleted_at').max('deleted_at as at').first()
    if (!last?.at) return
    await ofRecord()
      .where('deleted_at', last.at)
      .update({ deleted_at: null, deleted_by: null, updated_at: dbTimestamp() })
  },

  async purge({ organizationId, actorId, resource, recordId, trx }) {
    // Every document of the record goes, also one added since it was binned (or, for an undone
    // import, ones never binned): bin the live ones first, then purge them all.
    await trashRecordDocuments({ organizationId, actorId, resource, recordId, trx })
    const rows = await trx
      .from(TABLE)
      .where('organization_id', organizationId)
      .where('resource', resource)
      .where('record_id', recordId)
      .whereNotNull('deleted_at')
      .select('id')
    for (const row of rows) await purgeDocument({ organizationId, documentId: Number(row.id), trx })
  },
}
