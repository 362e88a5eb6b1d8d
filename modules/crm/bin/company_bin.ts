import type { BinHandlers } from '#app/registry/types'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { deleteChildren } from '../support/channels.js'
import { historyRef as ref, recordHistory } from '#app/history/record_history'
import { fullName } from '../support/people.js'
import { CONTACT_SUBJECT } from '../actions/contacts/load_contact.js'
import { assertContactsInReach } from '../actions/contacts/contacts_in_reach.js'
import { COMPANY_SUBJECT, companySnapshot, loadCompany } from '../actions/companies/load_company.js'
import { crmRecordsChanged } from '../actions/records_changed.js'
import { indexCompanies, indexContacts } from '../search/sync.js'
import { detachReferences } from '../support/references.js'

/** What binning a company detached: its contacts, each with the manager it had. */
export interface CompanyDetached {
  contacts: { id: number; reportsToId: number | null }[]
}

/**
 * A company in the bin. Its contacts stay (they are records of their own), detached from it
 * and from their managers — the org chart belonged to the company — and told so in their
 * history; a restore links back those still without a company.
 */
const companyBin: BinHandlers<AccessContext> = {
  async trash({ organizationId, actorId, recordId, trx, access }) {
    await crmRecordsChanged(organizationId, trx)
    await assertContactsInReach(
      trx,
      access,
      { column: 'company_id', id: recordId },
      'crm.errors.company_has_hidden_contacts'
    )
    const company = (await loadCompany(trx, organizationId, recordId))!
    const contacts = await trx
      .from('crm_contacts as ct')
      .leftJoin('crm_contacts as m', 'm.id', 'ct.reports_to_id')
      .where('ct.organization_id', organizationId)
      .where('ct.company_id', recordId)
      .whereNull('ct.deleted_at')
      .select('ct.id', 'ct.reports_to_id', 'm.first_name as m_first', 'm.last_name as m_last')
    const now = dbTimestamp()
    if (contacts.length) {
      await trx
        .from('crm_contacts')
        .where('organization_id', organizationId)
        .where('company_id', recordId)
        .whereNull('deleted_at')
        .update({ company_id: null, reports_to_id: null, updated_at: now })
      const companyRef = ref(recordId, company.name)
      await recordHistory.updatedMany(
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
    await trx
      .from('crm_companies')
      .where('organization_id', organizationId)
      .where('id', recordId)
      .update({ deleted_at: now, deleted_by: actorId })
    // Out of the search, and its contacts no longer carry its name.
    await indexCompanies(trx, organizationId, [recordId])
    await indexContacts(
      trx,
      organizationId,
      contacts.map((c) => Number(c.id))
    )
    const subject = { organizationId, actorId, subjectType: COMPANY_SUBJECT, subjectId: recordId }
    // Its timeline stays: the company may come back from the bin.
    await recordHistory.deleted(subject, companySnapshot(company), trx, { keepTimeline: true })
    const detached: CompanyDetached = {
      contacts: contacts.map((c) => ({
        id: Number(c.id),
        reportsToId: c.reports_to_id === null ? null : Number(c.reports_to_id),
      })),
    }
    return { title: company.name, ownerId: company.ownerId, detached }
  },

  async restore({ organizationId, actorId, recordId, trx, detached }) {
    await crmRecordsChanged(organizationId, trx)
    await trx
      .from('crm_companies')
      .where('organization_id', organizationId)
      .where('id', recordId)
      .update({ deleted_at: null, deleted_by: null, updated_at: dbTimestamp() })
    await indexCompanies(trx, organizationId, [recordId])
    const wanted = (detached as CompanyDetached | null)?.contacts ?? []
    if (!wanted.length) return { relinked: 0, unlinked: 0 }
    // Back only where nothing moved meanwhile: the contact exists, is not binned, and has
    // found no other company.
    const free = await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .whereIn(
        'id',
        wanted.map((c) => c.id)
      )
      .whereNull('deleted_at')
      .whereNull('company_id')
      .select('id', 'first_name', 'last_name', 'reports_to_id')
    const back = new Map(free.map((r) => [Number(r.id), r]))
    const company = (await loadCompany(trx, organizationId, recordId))!
    const companyRef = ref(recordId, company.name)
    const items = []
    for (const c of wanted) {
      if (!back.has(c.id)) continue
      // A manager comes back with them when the manager came back too and nobody else was set.
      const manager =
        c.reportsToId !== null && back.has(c.reportsToId) && back.get(c.id)!.reports_to_id === null
          ? back.get(c.reportsToId)!
          : null
      await trx
        .from('crm_contacts')
        .where('id', c.id)
        .update({
          company_id: recordId,
          reports_to_id: manager ? Number(manager.id) : back.get(c.id)!.reports_to_id,
          updated_at: dbTimestamp(),
        })
      items.push({
        subjectId: c.id,
        before: { company: null, reportsTo: null },
        after: {
          company: companyRef,
          reportsTo: manager
            ? ref(Number(manager.id), fullName(manager.first_name, manager.last_name))
            : null,
        },
      })
    }
    await indexContacts(
      trx,
      organizationId,
      items.map((i) => i.subjectId)
    )
    if (items.length)
      await recordHistory.updatedMany(
        trx,
        { organizationId, actorId, subjectType: CONTACT_SUBJECT },
        items
      )
    return { relinked: items.length, unlinked: wanted.length - items.length }
  },

  async purge({ organizationId, recordId, trx }) {
    await crmRecordsChanged(organizationId, trx)
    // Binned contacts of the company keep pointing at it: they lose it now.
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('company_id', recordId)
      .update({ company_id: null, reports_to_id: null })
    await detachReferences(trx, 'crm.company', [recordId])
    await deleteChildren(trx, { companyId: recordId })
    await trx
      .from('crm_companies')
      .where('organization_id', organizationId)
      .where('id', recordId)
      .delete()
    await indexCompanies(trx, organizationId, [recordId])
  },
}

export default companyBin
