import type { BinHandlers } from '#app/registry/types'
import type { AccessContext } from '#app/access/access_context'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { recordsChanged } from '#app/support/cache'
import { recordHistory } from '#app/history/record_history'
import { reindexRecords } from '#app/search/indexer'
import {
  OPPORTUNITIES,
  OPPORTUNITY_SUBJECT,
  loadOpportunity,
  opportunitySnapshot,
} from '../actions/opportunities/load_opportunity.js'
import { detachReferences } from '../support/references.js'

/** Cached counts go and the search index follows once `trx` commits. */
async function changed(trx: TransactionClientContract, organizationId: number, id: number) {
  await recordsChanged(organizationId, OPPORTUNITIES, trx)
  await reindexRecords({ resource: OPPORTUNITIES, organizationId, ids: [id], client: trx })
}

/**
 * An opportunity in the bin: the mark alone. Its contacts, competitors and ticked steps stay
 * with it (they are its own rows) and come back on restore; the scope resolver leaves binned
 * rows out of the board, its sums, the list, search and the company page. Purge deletes those
 * rows and its activities, and forgets the lead it was converted from pointing at it.
 */
const opportunityBin: BinHandlers<AccessContext> = {
  async trash({ organizationId, actorId, recordId, trx }) {
    const opportunity = (await loadOpportunity(trx, organizationId, recordId))!
    await trx
      .from('crm_opportunities')
      .where({ organization_id: organizationId, id: recordId })
      .update({ deleted_at: dbTimestamp(), deleted_by: actorId })
    await changed(trx, organizationId, recordId)
    const subject = {
      organizationId,
      actorId,
      subjectType: OPPORTUNITY_SUBJECT,
      subjectId: recordId,
    }
    // Its timeline stays: the opportunity may come back from the bin.
    await recordHistory.deleted(subject, opportunitySnapshot(opportunity), trx, {
      keepTimeline: true,
    })
    return { title: opportunity.name, ownerId: opportunity.ownerId }
  },

  async restore({ organizationId, recordId, trx }) {
    await trx
      .from('crm_opportunities')
      .where({ organization_id: organizationId, id: recordId })
      .update({ deleted_at: null, deleted_by: null, updated_at: dbTimestamp() })
    await changed(trx, organizationId, recordId)
    return { relinked: 0, unlinked: 0 }
  },

  async purge({ organizationId, recordId, trx }) {
    await detachReferences(trx, OPPORTUNITY_SUBJECT, [recordId])
    const ids = [recordId]
    await trx.from('crm_opportunity_contacts').whereIn('opportunity_id', ids).delete()
    await trx.from('crm_opportunity_competitors').whereIn('opportunity_id', ids).delete()
    await trx.from('crm_opportunity_steps').whereIn('opportunity_id', ids).delete()
    await trx
      .from('crm_leads')
      .where('organization_id', organizationId)
      .whereIn('converted_opportunity_id', ids)
      .update({ converted_opportunity_id: null })
    await trx
      .from('crm_opportunities')
      .where({ organization_id: organizationId, id: recordId })
      .delete()
    await changed(trx, organizationId, recordId)
  },
}

export default opportunityBin
