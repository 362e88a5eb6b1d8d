import type { BinChild } from '#app/bin/resources'
import { deleteRecordValues } from './values.js'

/*
 * Custom field values follow their record: a binned record keeps them (restored with it), a
 * purged one loses them. Registered once at boot (start/events.ts).
 */
export const customFieldsBinChild: BinChild = {
  name: 'custom_fields',

  async purge({ organizationId, resource, recordId, trx }) {
    await deleteRecordValues(trx, organizationId, resource, recordId)
  },
}
