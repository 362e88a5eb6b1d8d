import db from '@adonisjs/lucid/services/db'
import { activitiesForRecord } from '../../activities/for_record.js'
import type { AccessContext } from '#app/access/access_context'
import { documentsPanel } from '#app/documents/panel'
import { readTimeline } from '../../support/timeline_reader.js'
import { channelsOf, primaryOf } from '../../support/channels.js'
import { fullName } from '../../support/people.js'
import { recordActions } from '#app/access/owners'
import { CONTACTS } from '../contacts/load_contact.js'
import { COMPANIES, COMPANY_SUBJECT, loadCompany } from './load_company.js'
import type { CompanyContact } from '../../dto/companies.js'
import { companyGroup } from './company_relations.js'

/** Contacts shown on a company page; beyond this the page links to the filtered list. */
const CONTACTS_SHOWN = 200
export const TIMELINE_PAGE = 20

export type { CompanyContact }

/**
 * Everything a company page shows. Its contacts inherit the contacts' own scope: the page
 * lists only those the user may see, and the org chart is drawn from them alone.
 */
export async function showCompany(access: AccessContext, companyId: number) {
  const organizationId = access.organizationId
  const contactsQuery = db
    .from('crm_contacts as ct')
    .where('ct.company_id', companyId)
    .orderBy('ct.name_normalized')
    .orderBy('ct.id')
    .limit(CONTACTS_SHOWN + 1)
    .select(
      'ct.id',
      'ct.first_name',
      'ct.last_name',
      'ct.position',
      'ct.department',
      'ct.reports_to_id'
    )
  await access.scope(contactsQuery, CONTACTS, { table: 'ct' })
  const [company, contactRows, history, documents, group, activities] = await Promise.all([
    loadCompany(db, organizationId, companyId),
    contactsQuery,
    readTimeline(access, {
      subjectType: COMPANY_SUBJECT,
      subjectId: companyId,
      limit: TIMELINE_PAGE,
    }),
    documentsPanel(access, COMPANIES, companyId),
    companyGroup(access, companyId),
    activitiesForRecord(access, COMPANY_SUBJECT, companyId),
  ])
  const shown = contactRows.slice(0, CONTACTS_SHOWN)
  const ids = shown.map((r) => Number(r.id))
  const channels = await channelsOf('contact_id', ids)
  const contacts: CompanyContact[] = shown.map((r) => ({
    id: Number(r.id),
    name: fullName(r.first_name, r.last_name),
    position: r.position,
    department: r.department,
    reportsToId: r.reports_to_id === null ? null : Number(r.reports_to_id),
    email: primaryOf(channels.emails.get(Number(r.id))),
    phone: primaryOf(channels.phones.get(Number(r.id))),
  }))
  const allowed = await recordActions(access, COMPANIES, company!.ownerId)
  const contactsTruncated = contactRows.length > CONTACTS_SHOWN
  return {
    company: company!,
    allowed,
    contacts,
    contactsTruncated,
    timeline: history,
    documents,
    ...group,
    activities,
  }
}
