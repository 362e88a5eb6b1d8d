import db from '@adonisjs/lucid/services/db'
import { deleteChildren } from '../../support/channels.js'
import { crmHistory } from '../../support/history.js'
import ContactDeleted from '../../events/contact_deleted.js'
import { CONTACT_SUBJECT, contactSnapshot, loadContact } from './load_contact.js'
import { detachReports } from './contact_columns.js'

export interface DeleteContactParams {
  organizationId: number
  actorId: number
  /** Already checked to be in the user's scope. */
  contactId: number
}

/** Deletes a contact with its phones and e-mails; their direct reports lose their manager. */
export async function deleteContact({ organizationId, actorId, contactId }: DeleteContactParams) {
  const contact = await db.transaction(async (trx) => {
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
