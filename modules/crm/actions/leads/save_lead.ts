import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction, insertId } from '#app/support/db'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import { RuleError } from '#app/support/rule_error'
import { customSnapshot, saveCustomValues } from '#app/custom_fields/values'
import type { FieldValues } from '#app/custom_fields/types'
import type { LeadData } from '../../validators/leads.js'
import { assignLeads } from '../../assignment/assign_leads.js'
import { indexLeads } from '../../search/leads.js'
import { LEADS, LEAD_SUBJECT } from './lead_scope.js'
import { leadColumns, leadSnapshot, loadLead } from './load_lead.js'
import { recordManualAssignment } from './manual_assignment.js'

export interface SaveLeadParams {
  organizationId: number
  actorId: number
  access: AccessContext
  data: LeadData
  /** Values of the lead's custom fields (validated by the caller); absent keys are kept. */
  customValues?: FieldValues
  trx?: TransactionClientContract
}

/** The team must be one of the organization's (its id comes from a form). */
async function checkedTeam(
  trx: TransactionClientContract,
  organizationId: number,
  teamId?: number | null
) {
  if (!teamId) return null
  const team = await trx
    .from('teams')
    .where({ organization_id: organizationId, id: teamId })
    .first()
  if (!team) throw new RuleError('crm.leads.errors.team', {}, 'teamId')
  return teamId
}

/**
 * Creates a lead by hand. Without an owner it goes through the assignment rules
 * (assignLeads) in the same transaction: it gets one, or waits in the fallback queue.
 */
export async function createLead({
  organizationId,
  actorId,
  access,
  data,
  customValues = {},
  trx: outer,
}: SaveLeadParams) {
  // An explicit owner must be one the user may give leads to; none means "assign by rules".
  const ownerId = data.ownerId
    ? await resolveOwner({
        access,
        resource: LEADS,
        action: 'create',
        requested: data.ownerId,
        client: outer,
      })
    : null
  return inTransaction(outer, async (trx) => {
    const now = dbTimestamp()
    const id = await insertId(trx, 'crm_leads', {
      ...leadColumns(data),
      organization_id: organizationId,
      status: 'new',
      owner_id: ownerId,
      team_id: await checkedTeam(trx, organizationId, data.teamId),
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    if (ownerId === null) await assignLeads(trx, organizationId, [id])
    const record = (await loadLead(trx, organizationId, id))!
    await indexLeads(trx, organizationId, [id])
    const custom = { organizationId, resource: LEADS, recordId: id, values: customValues }
    const { after } = await saveCustomValues(trx, custom)
    await recordHistory.created(
      { organizationId, actorId, subjectType: LEAD_SUBJECT, subjectId: id },
      { ...leadSnapshot(record), ...(await customSnapshot(organizationId, LEADS, after, trx)) },
      trx
    )
    return record
  })
}

/**
 * Saves a lead's form; the owner changes only to one the user may assign (a change by hand is
 * stored as a manual assignment). `status` (the list's status cell) moves an open lead between
 * the open states only.
 */
export async function updateLead({
  organizationId,
  actorId,
  access,
  data,
  leadId,
  customValues = {},
  status,
  trx: outer,
}: SaveLeadParams & { leadId: number; status?: 'new' | 'working' }) {
  return inTransaction(outer, async (trx) => {
    const before = (await loadLead(trx, organizationId, leadId))!
    const open = before.status === 'new' || before.status === 'working'
    if (status && status !== before.status && !open)
      throw new RuleError('crm.leads.errors.status_closed', {}, 'status')
    const ownerId = await resolveOwner({
      access,
      resource: LEADS,
      action: 'edit',
      requested: data.ownerId,
      current: before.ownerId,
      client: trx,
    })
    await trx
      .from('crm_leads')
      .where({ organization_id: organizationId, id: leadId })
      .update({
        ...leadColumns(data),
        owner_id: ownerId,
        ...(status && status !== before.status ? { status } : {}),
        team_id:
          data.teamId === undefined
            ? before.teamId
            : await checkedTeam(trx, organizationId, data.teamId),
        updated_at: dbTimestamp(),
      })
    const after = (await loadLead(trx, organizationId, leadId))!
    await indexLeads(trx, organizationId, [leadId])
    if (after.ownerId !== before.ownerId)
      await recordManualAssignment(trx, {
        organizationId,
        actorId,
        leadIds: [leadId],
        userId: after.ownerId,
      })
    const custom = await saveCustomValues(trx, {
      organizationId,
      resource: LEADS,
      recordId: leadId,
      values: customValues,
    })
    const cf = (values: FieldValues) => customSnapshot(organizationId, LEADS, values, trx)
    await recordHistory.updated(
      { organizationId, actorId, subjectType: LEAD_SUBJECT, subjectId: leadId },
      { ...leadSnapshot(before), ...(await cf(custom.before)) },
      { ...leadSnapshot(after), ...(await cf(custom.after)) },
      trx
    )
    return after
  })
}
