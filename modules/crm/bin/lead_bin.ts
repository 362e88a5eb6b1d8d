import type { BinHandlers } from '#app/registry/types'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { recordHistory } from '#app/history/record_history'
import { LEAD_SUBJECT } from '../actions/leads/lead_scope.js'
import { leadSnapshot, loadLead } from '../actions/leads/load_lead.js'
import { indexLeads } from '../search/leads.js'
import { detachReferences } from '../support/references.js'

/**
 * A lead in the bin: nothing points at it (a converted lead points at its company, contact and
 * opportunity, not the other way round), so binning and restoring only flip the mark.
 */
const leadBin: BinHandlers<AccessContext> = {
  async trash({ organizationId, actorId, recordId, trx }) {
    const lead = (await loadLead(trx, organizationId, recordId))!
    await trx
      .from('crm_leads')
      .where({ organization_id: organizationId, id: recordId })
      .update({ deleted_at: dbTimestamp(), deleted_by: actorId })
    await indexLeads(trx, organizationId, [recordId])
    const subject = { organizationId, actorId, subjectType: LEAD_SUBJECT, subjectId: recordId }
    // Its timeline stays: the lead may come back from the bin.
    await recordHistory.deleted(subject, leadSnapshot(lead), trx, { keepTimeline: true })
    return { title: lead.title, ownerId: lead.ownerId }
  },

  async restore({ organizationId, recordId, trx }) {
    await trx
      .from('crm_leads')
      .where({ organization_id: organizationId, id: recordId })
      .update({ deleted_at: null, deleted_by: null, updated_at: dbTimestamp() })
    await indexLeads(trx, organizationId, [recordId])
    return { relinked: 0, unlinked: 0 }
  },

  async purge({ organizationId, recordId, trx }) {
    await detachReferences(trx, 'crm.lead', [recordId])
    await trx.from('crm_leads').where({ organization_id: organizationId, id: recordId }).delete()
    await indexLeads(trx, organizationId, [recordId])
  },
}

export default leadBin
