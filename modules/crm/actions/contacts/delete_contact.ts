import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { deleteChildren } from '../../support/channels.js'
import { crmHistory } from '../../support/history.js'
import ContactDeleted from '../../events/contact_deleted.js'
import { CONTACTS, CONTACT_SUBJECT, contactSnapshot, loadContact } from './load_contact.js'
import { detachReports } from './contact_columns.js'

export interface DeleteContactParams {
  organizationId: number
  actorId: number
  /** Already checked to be in the user's scope. */
  contactId: number
  /** Whose edit scope the direct reports (which lose their manager) must be within. */
  access: AccessContext
}

/** Refuses while a direct report of the contact is beyond the user's edit scope. */
async function assertReportsInReach(
  trx: TransactionClientContract,
  access: AccessContext,
  contactId: number
) {
  const reachable = trx
    .from('crm_contacts as ct')
    .where('ct.reports_to_id', contactId)
    .select('ct.id')
  await access.scope(reachable, CONTACTS, { table: 'ct', action: 'edit' })
  const row = await trx
    .from('crm_contacts')
    .where('organization_id', access.organizationId)
    .where('reports_to_id', contactId)
    .whereNotIn('id', reachable)
    .count('* as total')
    .first()
  const count = Number(row?.total ?? 0)
  if (count > 0) throw new RuleError('crm.errors.contact_has_hidden_reports', { count })
}

/**
 * Deletes a contact with its phones and e-mails; their direct reports lose their manager (refused
 * while one of them is beyond the user's edit scope: the delete would write to it).
 */
export async function deleteContact({
  organizationId,
  actorId,
  contactId,
  access,
}: DeleteContactParams) {
  const contact = await db.transaction(async (trx) => {
    await assertReportsInReach(trx, access, contactId)
    const record = (await loadContact(trx, organizationId, contactId))!
    await detachReports(trx, {
      organizationId,
      actorId,
      managerId: contactId,
      managerName: record.fullName,
    })
    await deleteChildren(trx, { contactId })
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('id', contactId)
      .delete()
    await crmHistory.deleted(
      { organizationId, actorId, subjectType: CONTACT_SUBJECT, subjectId: contactId },
      contactSnapshot(record),
      trx
    )
    return record
  })
  await ContactDeleted.dispatch(
    organizationId,
    actorId,
    contactId,
    contact.companyId,
    contact.fullName
  )
  return contact
}
