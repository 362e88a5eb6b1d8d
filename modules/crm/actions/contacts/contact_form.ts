import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { assignableOwners, canAssign, canUnassign } from '#app/access/owners'
import { wherePrefix } from '#app/support/like'
import { searchKeys } from '../../support/search.js'
import { COMPANIES } from '../companies/load_company.js'
import { fullName } from '../../support/people.js'
import { CONTACTS, loadContact, type ContactRecord } from './load_contact.js'
import type { ContactFormValues } from '../../dto/contacts.js'
import type { Option } from '../../dto/shared.js'

export type { Option }

/** Form values as the page edits them. */
export function contactFormValues(c: ContactRecord): ContactFormValues {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName ?? '',
    companyId: c.companyId === null ? '' : String(c.companyId),
    position: c.position ?? '',
    department: c.department ?? '',
    reportsToId: c.reportsToId === null ? '' : String(c.reportsToId),
    ownerId: c.ownerId === null ? '' : String(c.ownerId),
    ownerName: c.ownerName,
    notes: c.notes ?? '',
    gender: c.gender ?? '',
    language: c.language ?? '',
    birthday: c.birthday ?? '',
    consentStatus: c.consentStatus,
    consentAt: c.consentAt?.slice(0, 10) ?? '',
    consentSource: c.consentSource ?? '',
    optedOut: c.optedOut,
    optedOutAt: c.optedOutAt?.slice(0, 10) ?? '',
    optOutSource: c.optOutSource ?? '',
    phones: c.phones.map((p) => ({ label: p.label ?? '', number: p.value, primary: p.primary })),
    emails: c.emails.map((e) => ({ label: e.label ?? '', address: e.value, primary: e.primary })),
  }
}

/** Companies the user may see whose name starts with `q` (the searchable company select). */
export async function companyOptions(
  access: AccessContext,
  params: { q?: string; id?: number; limit?: number }
): Promise<Option[]> {
  const query = db
    .from('crm_companies as c')
    .orderBy('c.name_normalized')
    .orderBy('c.id')
    .limit(params.limit ?? 20)
    .select('c.id', 'c.name')
  await access.scope(query, COMPANIES, { table: 'c' })
  if (params.id) query.where('c.id', params.id)
  else if (params.q) wherePrefix(query, 'c.name_normalized', searchKeys(params.q).name)
  return (await query).map((r) => ({ value: String(r.id), label: r.name }))
}

/**
 * Choices of the form: assignable owners, the selected company (when visible) and the current
 * manager (named when the user may see that contact); other managers come from the lookup as
 * the user searches (contact_lookup.ts).
 */
export async function contactFormOptions(
  access: AccessContext,
  selected: { companyId: number | null; contactId?: number; reportsToId?: number | null }
) {
  const action = selected.contactId ? 'edit' : 'create'
  const [owners, companies, unassign] = await Promise.all([
    assignableOwners(access, CONTACTS, { action }),
    selected.companyId ? companyOptions(access, { id: selected.companyId }) : ([] as Option[]),
    canUnassign(access, CONTACTS, action),
  ])
  const managers: Option[] = []
  if (selected.reportsToId) {
    const [named] = await namedContacts(access, [selected.reportsToId])
    managers.push({ value: String(selected.reportsToId), label: named?.label ?? '' })
  }
  const assign = canAssign(owners, access.userId)
  return { owners, canAssign: assign, canUnassign: assign && unassign, companies, managers }
}

/** The edit form of a contact the user may see: its values and the choices. */
export async function editContactForm(access: AccessContext, contactId: number) {
  const record = (await loadContact(db, access.organizationId, contactId))!
  const options = await contactFormOptions(access, {
    companyId: record.companyId,
    contactId,
    reportsToId: record.reportsToId,
  })
  // Keep a company the user cannot see selectable as "unchanged" without revealing its name
  // (the current manager stays with it, named only if the user may see that contact).
  if (record.companyId && !options.companies.length)
    options.companies.push({ value: String(record.companyId), label: '' })
  return { contact: contactFormValues(record), initialCompanyId: record.companyId, ...options }
}

/** Names of the given contacts the user may see. */
async function namedContacts(access: AccessContext, ids: number[]): Promise<Option[]> {
  const query = db
    .from('crm_contacts as ct')
    .whereIn('ct.id', ids)
    .select('ct.id', 'ct.first_name', 'ct.last_name')
  await access.scope(query, CONTACTS, { table: 'ct' })
  return (await query).map((r) => ({
    value: String(r.id),
    label: fullName(r.first_name, r.last_name),
  }))
}
