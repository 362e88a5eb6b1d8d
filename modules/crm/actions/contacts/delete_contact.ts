import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { trashRecordDocuments } from '#app/documents/bin'
import { deleteChildren } from '../../support/channels.js'
import { crmHistory } from '../../support/history.js'
import ContactDeleted from '../../events/contact_deleted.js'
import { CONTACTS, CONTACT_SUBJECT, contactSnapshot, loadContact } from './load_contact.js'
import { assertContactsInReach } from './contacts_in_reach.js'
import { detachReports } from './contact_columns.js'
import { crmRecordsChanged } from '../records_changed.js'

export interface DeleteContactParams {
  organizationId: number
  actorId: number
  /** Already checked to be in the user's scope. */
  contactId: number
  /** Whose edit scope the direct reports (which lose their manager) must be within. */
  access: AccessContext
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
    await crmRecordsChanged(organizationId, trx)
    await assertContactsInReach(
      trx,
      access,
      { column: 'reports_to_id', id: contactId },
      'crm.errors.contact_has_hidden_reports'
    )
    const record = (await loadContact(trx, organizationId, contactId))!
    await detachReports(trx, {
      organizationId,
      actorId,
      managerId: contactId,
      managerName: record.fullName,
    })
    await deleteChildren(trx, { contactId })
    // Its documents go to the recycle bin (their files stay until purged).
    await trashRecordDocuments({
      organizationId,
      actorId,
      resource: CONTACTS,
      recordId: contactId,
      trx,
    })
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
