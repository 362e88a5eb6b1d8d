import db from '@adonisjs/lucid/services/db'
import { activitiesForRecord } from '../../activities/for_record.js'
import type { AccessContext } from '#app/access/access_context'
import { documentsPanel } from '#app/documents/panel'
import { readTimeline } from '../../support/timeline_reader.js'
import { visibleCompanyId } from '../companies/load_company.js'
import { TIMELINE_PAGE } from '../companies/show_company.js'
import { fullName } from '../../support/people.js'
import { recordActions } from '#app/access/owners'
import { CONTACTS, CONTACT_SUBJECT, loadContact } from './load_contact.js'
import type { PersonLink } from '../../dto/contacts.js'

export type { PersonLink }

/**
 * Everything a contact page shows. The company, the manager and the direct reports appear
 * only when the user may see them; otherwise they are simply left out.
 */
export async function showContact(access: AccessContext, contactId: number) {
  const organizationId = access.organizationId
  const contact = (await loadContact(db, organizationId, contactId))!
  const related = db
    .from('crm_contacts as ct')
    .where((w) => {
      w.where('ct.reports_to_id', contactId)
      if (contact.reportsToId) w.orWhere('ct.id', contact.reportsToId)
    })
    .orderBy('ct.name_normalized')
    .orderBy('ct.id')
    .limit(201)
    .select('ct.id', 'ct.first_name', 'ct.last_name', 'ct.position', 'ct.reports_to_id')
  await access.scope(related, CONTACTS, { table: 'ct' })
  const [rows, companyVisible, history, allowed, documents] = await Promise.all([
    related,
    contact.companyId ? visibleCompanyId(access, contact.companyId) : null,
    readTimeline(access, {
      subjectType: CONTACT_SUBJECT,
      subjectId: contactId,
      limit: TIMELINE_PAGE,
    }),
    recordActions(access, CONTACTS, contact.ownerId),
    documentsPanel(access, CONTACTS, contactId),
  ])
  const activities = await activitiesForRecord(access, CONTACT_SUBJECT, contactId)
  const link = (r: any): PersonLink => ({
    id: Number(r.id),
    name: fullName(r.first_name, r.last_name),
    position: r.position,
  })
  const manager = rows.find((r) => Number(r.id) === contact.reportsToId)
  return {
    contact: {
      ...contact,
      companyId: companyVisible ? contact.companyId : null,
      companyName: companyVisible ? contact.companyName : null,
      reportsToId: manager ? contact.reportsToId : null,
      reportsToName: manager ? contact.reportsToName : null,
    },
    allowed,
    manager: manager ? link(manager) : null,
    reports: rows
      .filter((r) => Number(r.reports_to_id) === contactId && Number(r.id) !== contactId)
      .map(link),
    timeline: history,
    documents,
    activities,
  }
}
