import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'

/**
 * What points at CRM records that are about to be deleted for good (recycle-bin purge, import
 * rollback): links are removed, optional references cleared, and the records' activities go
 * with them — so the DELETE never trips a foreign key and nothing is left pointing at nothing.
 */
export async function detachReferences(
  trx: TransactionClientContract,
  subjectType: 'crm.company' | 'crm.contact' | 'crm.lead' | 'crm.opportunity',
  ids: number[]
) {
  if (!ids.length) return
  const now = dbTimestamp()
  if (subjectType === 'crm.company') {
    await trx
      .from('crm_leads')
      .whereIn('converted_company_id', ids)
      .update({ converted_company_id: null })
    await trx
      .from('crm_opportunities')
      .whereIn('company_id', ids)
      .update({ company_id: null, updated_at: now })
    await trx.from('crm_opportunity_competitors').whereIn('company_id', ids).delete()
  } else if (subjectType === 'crm.contact') {
    await trx
      .from('crm_leads')
      .whereIn('converted_contact_id', ids)
      .update({ converted_contact_id: null })
    await trx.from('crm_opportunity_contacts').whereIn('contact_id', ids).delete()
    await trx.from('crm_activity_attendees').whereIn('contact_id', ids).delete()
  } else if (subjectType === 'crm.lead') {
    await trx.from('crm_lead_assignments').whereIn('lead_id', ids).delete()
  }
  const activities = trx
    .from('crm_activities')
    .where('subject_type', subjectType)
    .whereIn('subject_id', ids)
    .select('id')
  await trx.from('crm_activity_attendees').whereIn('activity_id', activities).delete()
  await trx
    .from('crm_activities')
    .where('subject_type', subjectType)
    .whereIn('subject_id', ids)
    .delete()
  await trx
    .from('crm_activity_recurrences')
    .where('subject_type', subjectType)
    .whereIn('subject_id', ids)
    .delete()
}
