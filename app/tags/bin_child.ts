import type { BinChild } from '#app/bin/resources'
import { deleteRecordTaggings } from './taggings.js'

/*
 * Tags follow their record: a binned record keeps them (they come back on restore), a purged
 * one loses them. Registered once at boot (start/events.ts).
 */
export const tagsBinChild: BinChild = {
  name: 'tags',

  async purge({ organizationId, resource, recordId, trx }) {
    await deleteRecordTaggings(trx, organizationId, resource, recordId)
  },
}
