import { indexContacts } from '../search/sync.js'
import type { BinHandlers } from '#app/registry/types'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { deleteChildren } from '../support/channels.js'
import { historyRef as ref, recordHistory } from '#app/history/record_history'
import { assertContactsInReach } from '../actions/contacts/contacts_in_reach.js'
import { detachReports } from '../actions/contacts/contact_columns.js'
import { CONTACT_SUBJECT, contactSnapshot, loadContact } from '../actions/contacts/load_contact.js'
import { crmRecordsChanged } from '../actions/records_changed.js'
import { detachReferences } from '../support/references.js'

/** What binning a contact detached: the direct reports that lost their manager. */
export interface ContactDetached {
  reports: number[]
}

/**
 * A contact in the bin. The row keeps its own company and manager; its direct reports lose
 * their manager (told in their history). A restore keeps the company and manager only if they
 * are still there (not binned, same company), and gives the reports back their manager when
 * they are still at that company without another one.
 */
const contactBin: BinHandlers<AccessContext> = {
  async trash({ organizationId, actorId, recordId, trx, access }) {
    await crmRecordsChanged(organizationId, trx)
    await assertContactsInReach(
      trx,
      access,
      { column: 'reports_to_id', id: recordId },
      'crm.errors.contact_has_hidden_reports'
    )
    const record = (await loadContact(trx, organizationId, recordId))!
    const reports = await detachReports(trx, {
      organizationId,
      actorId,
      managerId: recordId,
      managerName: record.fullName,
    })
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('id', recordId)
      .update({ deleted_at: dbTimestamp(), deleted_by: actorId })
    await indexContacts(trx, organizationId, [recordId])
    const subject = { organizationId, actorId, subjectType: CONTACT_SUBJECT, subjectId: recordId }
    // Its timeline stays: the contact may come back from the bin.
    await recordHistory.deleted(subject, contactSnapshot(record), trx, { keepTimeline: true })
    const detached: ContactDetached = { reports }
    return { title: record.fullName, ownerId: record.ownerId, detached }
  },

  async restore({ organizationId, actorId, recordId, trx, detached }) {
    await crmRecordsChanged(organizationId, trx)
    const before = (await loadContact(trx, organizationId, recordId))!
    const live = (table: string, id: number | null) =>
      id === null
        ? null
        : trx
            .from(table)
            .where({ organization_id: organizationId, id })
            .whereNull('deleted_at')
            .select(table === 'crm_contacts' ? ['id', 'company_id'] : ['id'])
            .first()
    let unlinked = 0
    const companyId =
      before.companyId !== null && (await live('crm_companies', before.companyId))
        ? before.companyId
        : null
    if (before.companyId !== null && companyId === null) unlinked++
    const manager = companyId !== null ? await live('crm_contacts', before.reportsToId) : null
    const reportsToId =
      manager && Number(manager.company_id) === companyId ? before.reportsToId : null
    if (before.reportsToId !== null && reportsToId === null) unlinked++
    const now = dbTimestamp()
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('id', recordId)
      .update({
        deleted_at: null,
        deleted_by: null,
        company_id: companyId,
        reports_to_id: reportsToId,
        updated_at: now,
      })
    await indexContacts(trx, organizationId, [recordId])
    const subject = { organizationId, actorId, subjectType: CONTACT_SUBJECT }
    if (companyId !== before.companyId || reportsToId !== before.reportsToId) {
      await recordHistory.updatedMany(trx, subject, [
        {
          subjectId: recordId,
          before: {
            company: ref(before.companyId, before.companyName),
            reportsTo: ref(before.reportsToId, before.reportsToName),
          },
          after: {
            company: companyId === null ? null : ref(companyId, before.companyName),
            reportsTo: reportsToId === null ? null : ref(reportsToId, before.reportsToName),
          },
        },
      ])
    }
    const wanted = (detached as ContactDetached | null)?.reports ?? []
    const free =
      companyId === null || !wanted.length
        ? []
        : await trx
            .from('crm_contacts')
            .where('organization_id', organizationId)
            .whereIn('id', wanted)
            .where('company_id', companyId)
            .whereNull('reports_to_id')
            .whereNull('deleted_at')
            .select('id')
    if (free.length) {
      await trx
        .from('crm_contacts')
        .whereIn(
          'id',
          free.map((r) => Number(r.id))
        )
        .update({ reports_to_id: recordId, updated_at: now })
      const restored = ref(recordId, before.fullName)
      await recordHistory.updatedMany(
        trx,
        subject,
        free.map((r) => ({
          subjectId: Number(r.id),
          before: { reportsTo: null },
          after: { reportsTo: restored },
        }))
      )
    }
    return { relinked: free.length, unlinked: unlinked + wanted.length - free.length }
  },

  async purge({ organizationId, recordId, trx }) {
    await crmRecordsChanged(organizationId, trx)
    // Binned reports keep pointing at their binned manager: they lose it now.
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('reports_to_id', recordId)
      .update({ reports_to_id: null })
    await detachReferences(trx, 'crm.contact', [recordId])
    await deleteChildren(trx, { contactId: recordId })
    await trx
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('id', recordId)
      .delete()
    await indexContacts(trx, organizationId, [recordId])
  },
}

export default contactBin
