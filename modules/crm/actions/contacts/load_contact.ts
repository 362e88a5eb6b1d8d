import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { channelText, channelsOf, primaryOf } from '../../support/channels.js'
import { fullName } from '../../support/people.js'
import { historyRef as ref } from '#app/history/record_history'
import { lines } from '../companies/load_company.js'
import type { ContactSummary } from '../../contracts/types.js'
import type { ContactDetail } from '../../dto/contacts.js'
import { dayOf } from '../../support/days.js'

export const CONTACT_SUBJECT = 'crm.contact'
export const CONTACTS = 'crm.contacts'

export interface ContactRecord extends ContactDetail {
  reportsToId: number | null
  reportsToName: string | null
  ownerId: number | null
}

type Client = TransactionClientContract | typeof db

/** The id when the contact exists in the user's organization and scope for `action`, else null (→ 404). */
export async function visibleContactId(
  access: AccessContext,
  id: number,
  action = 'view'
): Promise<number | null> {
  const query = db.from('crm_contacts as ct').where('ct.id', id).select('ct.id')
  await access.scope(query, CONTACTS, { table: 'ct', action })
  const row = await query.first()
  return row ? Number(row.id) : null
}

/** Loads a contact of the organization (no scope: callers have checked it). */
export async function loadContact(
  client: Client,
  organizationId: number,
  id: number
): Promise<ContactRecord | null> {
  const row = await client
    .from('crm_contacts as ct')
    .leftJoin('crm_companies as co', 'co.id', 'ct.company_id')
    .leftJoin('crm_contacts as m', 'm.id', 'ct.reports_to_id')
    .leftJoin('users as o', 'o.id', 'ct.owner_id')
    .leftJoin('users as cb', 'cb.id', 'ct.created_by')
    .where('ct.organization_id', organizationId)
    .where('ct.id', id)
    .select(
      'ct.*',
      'co.name as company_name',
      'm.first_name as m_first',
      'm.last_name as m_last',
      'o.full_name as owner_name',
      'cb.full_name as created_by_name'
    )
    .first()
  if (!row) return null
  const channels = await channelsOf('contact_id', [id], client)
  return {
    id: Number(row.id),
    firstName: row.first_name,
    lastName: row.last_name,
    fullName: fullName(row.first_name, row.last_name),
    companyId: row.company_id === null ? null : Number(row.company_id),
    companyName: row.company_name ?? null,
    position: row.position,
    department: row.department,
    reportsToId: row.reports_to_id === null ? null : Number(row.reports_to_id),
    reportsToName: row.m_first ? fullName(row.m_first, row.m_last) : null,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerName: row.owner_name ?? null,
    notes: row.notes,
    gender: row.gender ?? null,
    language: row.language ?? null,
    birthday: dayOf(row.birthday),
    consentStatus: row.consent_status ?? 'unknown',
    consentAt: row.consent_at ? toIso(row.consent_at) : null,
    consentSource: row.consent_source ?? null,
    optedOut: Boolean(row.opted_out),
    optedOutAt: row.opted_out_at ? toIso(row.opted_out_at) : null,
    optOutSource: row.opt_out_source ?? null,
    createdByName: row.created_by_name ?? null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    phones: channels.phones.get(id) ?? [],
    emails: channels.emails.get(id) ?? [],
  }
}

/**
 * What the audit log and timeline compare. The company and the manager are references: the
 * audit keeps their names, the timeline only their ids (#app/history/record_history), so a reader who
 * may not see them never reads their names in this contact's history.
 */
export function contactSnapshot(c: ContactRecord): Record<string, unknown> {
  return {
    name: c.fullName,
    firstName: c.firstName,
    lastName: c.lastName,
    company: ref(c.companyId, c.companyName),
    position: c.position,
    department: c.department,
    reportsTo: ref(c.reportsToId, c.reportsToName),
    owner: c.ownerName,
    notes: c.notes,
    gender: c.gender,
    language: c.language,
    birthday: c.birthday,
    consentStatus: c.consentStatus,
    consentAt: c.consentAt?.slice(0, 10) ?? null,
    consentSource: c.consentSource,
    optedOut: c.optedOut,
    optedOutAt: c.optedOutAt?.slice(0, 10) ?? null,
    optOutSource: c.optOutSource,
    phones: lines(c.phones.map(channelText)),
    emails: lines(c.emails.map(channelText)),
  }
}

export function contactSummary(c: ContactRecord): ContactSummary {
  return {
    id: c.id,
    companyId: c.companyId,
    name: c.fullName,
    position: c.position,
    email: primaryOf(c.emails),
    ownerId: c.ownerId,
  }
}
