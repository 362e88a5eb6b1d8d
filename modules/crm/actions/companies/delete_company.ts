import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { trashRecordDocuments } from '#app/documents/bin'
import { deleteChildren } from '../../support/channels.js'
import { crmHistory, ref } from '../../support/history.js'
import { fullName } from '../../support/people.js'
import CompanyDeleted from '../../events/company_deleted.js'
import { CONTACT_SUBJECT } from '../contacts/load_contact.js'
import { assertContactsInReach } from '../contacts/contacts_in_reach.js'
import { COMPANIES, COMPANY_SUBJECT, companySnapshot, loadCompany } from './load_company.js'
import { crmRecordsChanged } from '../records_changed.js'

export interface DeleteCompanyParams {
  organizationId: number
  actorId: number
  access: AccessContext
  /** Already checked to be in the user's scope. */
  companyId: number
}

/**
 * Deletes a company and its addresses, phones and e-mails. Its contacts stay, without
 * company and without a manager (the org chart belonged to the company); each of them gets
 * the change in its own history, written in multi-row inserts (a company may have thousands
 * of contacts). Refused while any of them is beyond the user's edit scope. No ON DELETE
 * rules: every dependent row is handled here, in one transaction.
 */
export async function deleteCompany({
  organizationId,
  actorId,
  access,
  companyId,
}: DeleteCompanyParams) {
  const result = await db.transaction(async (trx) => {
    await crmRecordsChanged(organizationId, trx)
    await assertContactsInReach(
      trx,
      access,
      { column: 'company_id', id: companyId },
      'crm.errors.company_has_hidden_contacts'
    )
    const company = (await loadCompany(trx, organizationId, companyId))!
    const contacts = await trx
      .from('crm_contacts as ct')
      .leftJoin('crm_contacts as m', 'm.id', 'ct.reports_to_id')
      .where('ct.organization_id', organizationId)
      .where('ct.company_id', companyId)
      .select('ct.id', 'ct.reports_to_id', 'm.first_name as m_first', 'm.last_name as m_last')
    if (contacts.length) {
      await trx
        .from('crm_contacts')
        .where('organization_id', organizationId)
        .where('company_id', companyId)
        .update({ company_id: null, reports_to_id: null, updated_at: dbTimestamp() })
      const companyRef = ref(companyId, company.name)
      await crmHistory.updatedMany(
        trx,
        { organizationId, actorId, subjectType: CONTACT_SUBJECT },
        contacts.map((c) => ({
          subjectId: Number(c.id),
          before: {
            company: companyRef,
            reportsTo:
              c.reports_to_id === null
                ? null
                : ref(Number(c.reports_to_id), fullName(c.m_first ?? '', c.m_last)),
          },
          after: { company: null, reportsTo: null },
        }))
      )
    }
    await deleteChildren(trx, { companyId })
    // Its documents go to the recycle bin (their files stay until purged).
    await trashRecordDocuments({
      organizationId,
      actorId,
      resource: COMPANIES,
      recordId: companyId,
      trx,
    })
    await trx
      .from('crm_companies')
      .where('organization_id', organizationId)
      .where('id', companyId)
      .delete()
    await crmHistory.deleted(
      { organizationId, actorId, subjectType: COMPANY_SUBJECT, subjectId: companyId },
      companySnapshot(company),
      trx
    )
    return { name: company.name, detached: contacts.map((c) => Number(c.id)) }
  })
  await CompanyDeleted.dispatch(organizationId, actorId, companyId, result.name, result.detached)
  return result
}
