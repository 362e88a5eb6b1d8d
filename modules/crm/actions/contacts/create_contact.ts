import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import type { ContactData } from '../../validators/contacts.js'
import { inTransaction, insertId } from '#app/support/db'
import { afterCommit } from '#app/support/cache'
import { replaceChannels } from '../../support/channels.js'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import ContactCreated from '../../events/contact_created.js'
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
import { contactColumns } from './contact_columns.js'
import { consentTimes } from './contact_consent.js'
import { followPosition } from './contact_positions.js'
import { crmRecordsChanged } from '../records_changed.js'
import { indexContacts } from '../../search/sync.js'

export interface CreateContactParams {
  organizationId: number
  actorId: number
  access: AccessContext
  data: ContactData
  /** Validated custom field values (validateWithCustomFields), saved with the contact. */
  customValues?: FieldValues
  /** The caller's transaction: the contact is written in it (see `inTransaction`). */
  trx?: TransactionClientContract
}

/** Creates a contact (optionally at a company, under a manager) with phones and e-mails. */
export async function createContact({
  organizationId,
  actorId,
  access,
  data,
  customValues = {},
  trx: outer,
}: CreateContactParams) {
  const ownerId = await resolveOwner({
    access,
    resource: CONTACTS,
    action: 'create',
    requested: data.ownerId,
    client: outer,
  })
  const companyId = data.companyId ?? null
  await prepareCustomValues(organizationId, CONTACTS, outer)
  const contact = await inTransaction(outer, async (trx) => {
    await crmRecordsChanged(organizationId, trx)
    await assertCompany(trx, access, companyId, null)
    await assertReportsTo(trx, {
      access,
      contactId: null,
      companyId,
      reportsToId: data.reportsToId ?? null,
      current: null,
    })
    const now = dbTimestamp()
    const id = await insertId(trx, 'crm_contacts', {
      ...contactColumns(data),
      ...consentTimes(data, null),
      organization_id: organizationId,
      owner_id: ownerId,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    await replaceChannels(
      trx,
      organizationId,
      { contactId: id },
      { phones: data.phones ?? [], emails: data.emails ?? [] }
    )
    await followPosition(trx, organizationId, id, null, {
      companyId,
      position: data.position || null,
      department: data.department || null,
    })
    const record = (await loadContact(trx, organizationId, id))!
    await indexContacts(trx, organizationId, [id])
    const custom = { organizationId, resource: CONTACTS, recordId: id, values: customValues }
    const { after } = await saveCustomValues(trx, custom)
    await recordHistory.created(
      { organizationId, actorId, subjectType: CONTACT_SUBJECT, subjectId: id },
      {
        ...contactSnapshot(record),
        ...(await customSnapshot(organizationId, CONTACTS, after, trx)),
      },
      trx
    )
    return record
  })
  await afterCommit(outer, async () => {
    await ContactCreated.dispatch(organizationId, actorId, contactSummary(contact))
  })
  return contact
}
