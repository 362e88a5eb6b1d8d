import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { RuleError } from '#app/support/rule_error'
import { LEAD_SUBJECT } from './lead_scope.js'
import { leadSnapshot, loadLead } from './load_lead.js'
import { LEAD_KINDS } from '../../support/leads_lists.js'

export interface LeadStatusParams {
  organizationId: number
  actorId: number
  /** Already checked to be in the user's edit scope. */
  leadId: number
  trx?: TransactionClientContract
}

export { LEAD_KINDS }

/** Writes a status change of a lead with its field changes and a timeline entry of `kind`. */
async function changeStatus(
  params: LeadStatusParams,
  allowed: string[],
  columns: Record<string, unknown>,
  kind: string,
  data: Record<string, unknown> = {}
) {
  const { organizationId, actorId, leadId } = params
  return inTransaction(params.trx, async (trx) => {
    const before = (await loadLead(trx, organizationId, leadId))!
    if (!allowed.includes(before.status)) throw new RuleError(`crm.leads.errors.not_${allowed[0]}`)
    await trx
      .from('crm_leads')
      .where({ organization_id: organizationId, id: leadId })
      .update({ ...columns, updated_at: dbTimestamp() })
    const after = (await loadLead(trx, organizationId, leadId))!
    const subject = { organizationId, actorId, subjectType: LEAD_SUBJECT, subjectId: leadId }
    await recordHistory.updated(subject, leadSnapshot(before), leadSnapshot(after), trx)
    await recordHistory.event(subject, { kind, data }, trx)
    return after
  })
}

/** Closes an open lead with a reason of the list `crm.disqualify_reasons`. */
export function disqualifyLead(params: LeadStatusParams & { reason: string }) {
  return changeStatus(
    params,
    ['new', 'working'],
    { status: 'disqualified', disqualify_reason: params.reason, disqualified_at: dbTimestamp() },
    LEAD_KINDS.disqualified,
    { reason: params.reason }
  )
}

/** Opens a disqualified lead again (it is worked, so `working`). */
export function reopenLead(params: LeadStatusParams) {
  return changeStatus(
    params,
    ['disqualified'],
    { status: 'working', disqualify_reason: null, disqualified_at: null },
    LEAD_KINDS.reopened
  )
}
