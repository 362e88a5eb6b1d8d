/*
 * What mail capture may create in the CRM: a contact from a sender (by a user, through the
 * CRM's own create action and its checks) and a lead from an unknown sender (by a capture
 * rule, like a web form: no owner, the assignment rules hand it out).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { contactValidator } from '../validators/contacts.js'
import { createContact } from '../actions/contacts/create_contact.js'
import { leadColumns, leadSnapshot, loadLead } from '../actions/leads/load_lead.js'
import { LEAD_SUBJECT } from '../actions/leads/lead_scope.js'
import { assignLeads } from '../assignment/assign_leads.js'
import { indexLeads } from '../search/leads.js'
import { afterCommit } from '#app/support/cache'
import { replaceChannels } from '../support/channels.js'
import { contactColumns } from '../actions/contacts/contact_columns.js'
import { consentTimes } from '../actions/contacts/contact_consent.js'
import { followPosition } from '../actions/contacts/contact_positions.js'
import {
  CONTACT_SUBJECT,
  contactSnapshot,
  contactSummary,
  loadContact,
} from '../actions/contacts/load_contact.js'
import { indexContacts } from '../search/sync.js'
import ContactCreated from '../events/contact_created.js'

/** Creates a contact with this e-mail as its primary address for the user (owner: the user). */
export async function createContactFromEmail(params: {
  organizationId: number
  actorId: number
  access: AccessContext
  firstName: string
  lastName?: string
  email: string
}): Promise<number> {
  const data = await contactValidator.validate(
    {
      firstName: params.firstName,
      lastName: params.lastName,
      emails: [{ address: params.email, primary: true }],
    },
    { meta: { organizationId: params.organizationId } }
  )
  const contact = await createContact({ ...params, data })
  return contact.id
}

/** A new lead (source e-mail) for an unknown sender, assigned by the CRM's rules. */
export async function createLeadFromEmail(
  organizationId: number,
  sender: { email: string; name: string | null; subject: string | null },
  trx: TransactionClientContract
): Promise<number> {
  const [firstName, ...rest] = (sender.name ?? '').trim().split(/\s+/).filter(Boolean)
  const now = dbTimestamp()
  const id = await insertId(trx, 'crm_leads', {
    ...leadColumns({
      title: (sender.subject || sender.name || sender.email).slice(0, 200),
      firstName: firstName?.slice(0, 100),
      lastName: rest.join(' ').slice(0, 150) || undefined,
      email: sender.email.toLowerCase().slice(0, 254),
      source: 'email',
    }),
    organization_id: organizationId,
    status: 'new',
    owner_id: null,
    created_at: now,
    updated_at: now,
  })
  await assignLeads(trx, organizationId, [id])
  await indexLeads(trx, organizationId, [id])
  const lead = (await loadLead(trx, organizationId, id))!
  await recordHistory.created(
    { organizationId, actorId: null, subjectType: LEAD_SUBJECT, subjectId: id },
    leadSnapshot(lead),
    trx
  )
  return id
}

/**
 * A new contact for an unknown sender (a capture rule), with the e-mail as its primary address:
 * at `companyId` (the company the sender's domain names) and owned by `ownerId` (the mailbox's
 * owner) when given. Written in the caller's transaction, with its history and search entry.
 */
export async function createContactForSender(
  organizationId: number,
  sender: { email: string; name: string | null },
  options: { companyId: number | null; ownerId: number | null },
  trx: TransactionClientContract
): Promise<number> {
  const email = sender.email.toLowerCase().slice(0, 254)
  const [first, ...rest] = (sender.name ?? '').trim().split(/\s+/).filter(Boolean)
  const data = await contactValidator.validate(
    {
      firstName: (first ?? email.split('@')[0]).slice(0, 100),
      lastName: rest.join(' ').slice(0, 150) || undefined,
      emails: [{ address: email, primary: true }],
      ...(options.companyId && { companyId: options.companyId }),
    },
    { meta: { organizationId } }
  )
  const now = dbTimestamp()
  const id = await insertId(trx, 'crm_contacts', {
    ...contactColumns(data),
    ...consentTimes(data, null),
    organization_id: organizationId,
    owner_id: options.ownerId,
    created_by: null,
    created_at: now,
    updated_at: now,
  })
  await replaceChannels(trx, organizationId, { contactId: id }, { emails: data.emails ?? [] })
  await followPosition(trx, organizationId, id, null, {
    companyId: data.companyId ?? null,
    position: null,
    department: null,
  })
  const record = (await loadContact(trx, organizationId, id))!
  await indexContacts(trx, organizationId, [id])
  await recordHistory.created(
    { organizationId, actorId: null, subjectType: CONTACT_SUBJECT, subjectId: id },
    contactSnapshot(record),
    trx
  )
  await afterCommit(trx, () =>
    ContactCreated.dispatch(organizationId, null, contactSummary(record))
  )
  return id
}
