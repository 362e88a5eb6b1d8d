import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { relinkDocuments } from '#app/documents/relink'
import { trashRecord } from '#app/bin/bin'
import { RuleError } from '#app/support/rule_error'
import { LEAD_KINDS } from '../../support/leads_lists.js'
import { LEADS, LEAD_SUBJECT } from './lead_scope.js'
import { leadSnapshot, loadLead } from './load_lead.js'

/** The columns a merge fills on the kept lead when it has none and the other has one. */
const FILLED = [
  'first_name',
  'last_name',
  'company_name',
  'company_name_normalized',
  'nif',
  'email',
  'email_normalized',
  'phone',
  'phone_normalized',
  'website',
  'province',
  'postal_code',
  'country',
  'sector',
  'company_size',
  'product_interest',
  'language',
  'source',
  'description',
  'team_id',
]

/**
 * Merges a duplicate lead into another (both checked by the caller: kept in edit scope, other
 * in delete scope): the kept one's empty fields take the other's values, the other's documents
 * move over, and the other goes to the recycle bin with its own history (restorable); both
 * timelines say so. Open leads only.
 */
export async function mergeLeads(params: {
  organizationId: number
  actorId: number
  access: AccessContext
  keepId: number
  otherId: number
  trx?: TransactionClientContract
}) {
  const { organizationId, actorId, access, keepId, otherId } = params
  if (keepId === otherId) throw new RuleError('crm.leads.errors.merge_self')
  return inTransaction(params.trx, async (trx) => {
    const [keep, other] = await Promise.all([
      loadLead(trx, organizationId, keepId),
      loadLead(trx, organizationId, otherId),
    ])
    const open = (s: string) => s === 'new' || s === 'working'
    if (!keep || !other || !open(keep.status) || !open(other.status))
      throw new RuleError('crm.leads.errors.not_new')
    const [keepRow, otherRow] = await Promise.all([
      trx.from('crm_leads').where('id', keepId).first(),
      trx.from('crm_leads').where('id', otherId).first(),
    ])
    const fill: Record<string, unknown> = {}
    for (const column of FILLED)
      if ((keepRow[column] === null || keepRow[column] === '') && otherRow[column] !== null)
        fill[column] = otherRow[column]
    if (Object.keys(fill).length)
      await trx
        .from('crm_leads')
        .where('id', keepId)
        .update({ ...fill, updated_at: dbTimestamp() })
    await relinkDocuments(trx, {
      organizationId,
      from: { resource: LEADS, recordId: otherId },
      to: { resource: LEADS, recordId: keepId },
    })
    const after = (await loadLead(trx, organizationId, keepId))!
    const subject = { organizationId, actorId, subjectType: LEAD_SUBJECT }
    await recordHistory.updated(
      { ...subject, subjectId: keepId },
      leadSnapshot(keep),
      leadSnapshot(after),
      trx
    )
    const data = { keptId: keepId, mergedId: otherId, title: other.title }
    await recordHistory.event(
      { ...subject, subjectId: keepId },
      { kind: LEAD_KINDS.merged, data },
      trx
    )
    await recordHistory.event(
      { ...subject, subjectId: otherId },
      { kind: LEAD_KINDS.merged, data },
      trx
    )
    await trashRecord({ access, actorId, resource: LEADS, recordId: otherId, trx })
    return after
  })
}
