import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { afterCommit } from '#app/support/cache'
import type { ContactData } from '../../validators/contacts.js'
import { replaceChannels } from '../../support/channels.js'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import ContactUpdated from '../../events/contact_updated.js'
import {
  CONTACTS,
  CONTACT_SUBJECT,
  contactSnapshot,
  contactSummary,
  loadContact,
} from './load_contact.js'
import type { FieldValues } from '#app/custom_fields/types'
import { customSnapshot, prepareCustomValues, saveCustomValues } from '#app/custom_fields/values'
import { assertCompany, assertReportsTo } from './org_chart_rules.js'
import { contactColumns, detachReports } from './contact_columns.js'
import { consentTimes } from './contact_consent.js'
import { followPosition } from './contact_positions.js'
import { crmRecordsChanged } from '../records_changed.js'
import { indexContacts } from '../../search/sync.js'

export interface UpdateContactParams {
  organizationId: number
  actorId: number
  access: AccessContext
  /** Already checked to be in the user's scope. */
  contactId: number
  data: ContactData
  /** Validated custom field values (validateWithCustomFields); keys left out keep their value. */
  customValues?: FieldValues
  /** The caller's transaction: the contact is written in it (see `inTransaction`). */
  /** An owner put back by an inline edit's undo (see `resolveOwner`). */
  restoredOwner?: number | null
  trx?: TransactionClientContract
}

/**
 * Saves a contact. Moving them to another company (or to none) leaves their direct reports
 * without a manager: a manager must work at the same company.
 */
export async function updateContact({
  organizationId,
  actorId,
  access,
  contactId,
  data,
  customValues = {},
  trx: outer,
  restoredOwner,
}: UpdateContactParams) {
  await prepareCustomValues(organizationId, CONTACTS, outer)
  const result = await inTransaction(outer, async (trx) => {
    await crmRecordsChanged(organizationId, trx)
    const before = (await loadContact(trx, organizationId, contactId))!
    // Inside the transaction, on its client: SQLite has one connection, the global db would wait.
    const ownerId = await resolveOwner({
      access,
      resource: CONTACTS,
      action: 'edit',
      requested: data.ownerId,
      current: before.ownerId,
      client: trx,
      restored: restoredOwner,
    })
    const companyId = data.companyId === undefined ? before.companyId : data.companyId
    // Left out, the manager stays (unless the contact changes company: then there is none).
    const reportsToId =
      data.reportsToId !== undefined
        ? data.reportsToId
        : companyId === before.companyId
          ? before.reportsToId
          : null
    const input = { ...data, companyId, reportsToId }
    await assertCompany(trx, access, companyId, before.companyId)
    await assertReportsTo(trx, {
      access,
      contactId,
      companyId,
      reportsToId,
      current: before.reportsToId,
    })
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('id', contactId)
      .update({
        ...contactColumns(input),
        ...consentTimes(input, before),
        owner_id: ownerId,
        updated_at: dbTimestamp(),
      })
    await followPosition(trx, organizationId, contactId, before, {
      companyId,
      position: input.position || null,
      department: input.department || null,
    })
    await replaceChannels(
      trx,
      organizationId,
      { contactId },
      { phones: data.phones, emails: data.emails }
    )
    if (companyId !== before.companyId) {
      await detachReports(trx, {
        organizationId,
        actorId,
        managerId: contactId,
        managerName: before.fullName,
      })
    }
    const after = (await loadContact(trx, organizationId, contactId))!
    await indexContacts(trx, organizationId, [contactId])
    const custom = await saveCustomValues(trx, {
      organizationId,
      resource: CONTACTS,
      recordId: contactId,
      values: customValues,
    })
    const cf = (values: FieldValues) => customSnapshot(organizationId, CONTACTS, values, trx)
    const subject = { organizationId, actorId, subjectType: CONTACT_SUBJECT, subjectId: contactId }
    const changes = await recordHistory.updated(
      subject,
      { ...contactSnapshot(before), ...(await cf(custom.before)) },
      { ...contactSnapshot(after), ...(await cf(custom.after)) },
      trx
    )
    return { after, changes }
  })
  if (result.changes.length) {
    await afterCommit(outer, async () => {
      await ContactUpdated.dispatch(
        organizationId,
        actorId,
        contactSummary(result.after),
        result.changes.map((c) => c.field)
      )
    })
  }
  return result.after
}
