import type { AccessContext } from '#app/access/access_context'
import type { BulkHandler } from '#app/registry/types'
import { historyRef } from '#app/history/record_history'
import { RuleError } from '#app/support/rule_error'
import { parseCustomFilters } from '#app/custom_fields/query'
import { prepareBulkTags } from '#app/tags/bulk'
import { tagFilterOf } from '#app/tags/filter'
import { CONTACTS, CONTACT_SUBJECT } from '../actions/contacts/load_contact.js'
import { visibleCompanyId } from '../actions/companies/load_company.js'
import { followMoves, jobsOf } from '../actions/contacts/contact_positions.js'
import { filteredContacts } from '../actions/contacts/contact_query.js'
import { deleteContact } from '../actions/contacts/delete_contact.js'
import { listContactsValidator } from '../validators/contacts.js'
import { indexContacts } from '../search/sync.js'
import {
  bulkOwner,
  changeColumn,
  changeCustomField,
  changeTagsOfRows,
  deleteRows,
  matchingIds,
  prepareCustomField,
} from './shared.js'

/** Bulk actions on contacts (manifest `bulk`; app/bulk runs them). */
const handler: BulkHandler<AccessContext> = {
  async prepare(access, action, params) {
    if (action === 'owner') return bulkOwner(access, CONTACTS, params)
    if (action === 'tags') return prepareBulkTags(access.organizationId, params)
    if (action !== 'field') return {}
    const field = String(params.field ?? '')
    if (field.startsWith('cf.')) return prepareCustomField(access, CONTACTS, field, params.value)
    const raw = params.value === null || params.value === undefined ? '' : String(params.value)
    if (field === 'position') {
      const value = raw.trim()
      if (value.length > 120) throw new RuleError('bulk.errors.value', {}, 'value')
      return { field, value: value || null }
    }
    if (field === 'company') {
      if (!raw) return { field, value: null, label: null }
      // A company the user cannot see answers as if it did not exist.
      const id = (await visibleCompanyId(access, Number(raw))) ?? null
      if (!id) throw new RuleError('crm.errors.company_not_found', {}, 'value')
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const row = await db.from('crm_companies').where('id', id).select('name').first()
      return { field, value: id, label: row.name }
    }
    throw new RuleError('bulk.errors.field', {}, 'field')
  },

  async matching(access, query, limit) {
    const [error, filters] = await listContactsValidator.tryValidate(query)
    if (error) throw new RuleError('bulk.errors.filters')
    const cf = await parseCustomFilters(access.organizationId, CONTACTS, query)
    const { query: contacts } = await filteredContacts(access, {
      ...filters,
      cf: cf.filters,
      tags: tagFilterOf(query),
    })
    return matchingIds(contacts, 'ct', limit)
  },

  async apply(chunk) {
    const { organizationId, trx, action, params } = chunk
    const reindex = (client: typeof trx, ids: number[]) =>
      indexContacts(client, organizationId, ids)
    const base = {
      table: 'crm_contacts',
      resource: CONTACTS,
      subjectType: CONTACT_SUBJECT,
      reindex,
    }
    if (action === 'owner')
      return changeColumn(chunk, {
        ...base,
        column: 'owner_id',
        value: params.ownerId,
        field: 'owner',
        before: (r) => r.owner_name ?? null,
        after: params.ownerName,
      })
    if (action === 'field' && params.field === 'position')
      return changeColumn(chunk, {
        ...base,
        column: 'position',
        value: params.value,
        field: 'position',
        before: (r) => r.current ?? null,
        after: params.value,
      })
    if (action === 'field' && params.field === 'company') {
      const to = params.value === null ? null : Number(params.value)
      // Those who move close their position and open one at the new company.
      const jobs = await jobsOf(trx, chunk.ids)
      const result = await changeColumn(chunk, {
        ...base,
        column: 'company_id',
        value: to,
        field: 'company',
        select: [
          'co.name as company_name',
          'r.reports_to_id',
          trx.raw(
            '(select count(*) from crm_contacts as rep where rep.reports_to_id = r.id) as reports'
          ) as unknown as string,
        ],
        join: (q) => q.leftJoin('crm_companies as co', 'co.id', 'r.company_id'),
        before: (r) =>
          historyRef(r.current === null ? null : Number(r.current), r.company_name ?? null),
        after: historyRef(to, (params.label as string | null) ?? null),
        // A manager and her reports belong to one company: a contact in an org chart stays.
        refuse: {
          reason: 'org_chart',
          test: (r) =>
            String(r.current ?? '') !== String(to ?? '') &&
            (r.reports_to_id !== null || Number(r.reports) > 0),
        },
      })
      await followMoves(trx, organizationId, jobs)
      return result
    }
    if (action === 'field' && String(params.field).startsWith('cf.'))
      return changeCustomField(chunk, {
        table: 'crm_contacts',
        resource: CONTACTS,
        subjectType: CONTACT_SUBJECT,
        field: String(params.field),
        value: params.value,
      })
    if (action === 'tags')
      return changeTagsOfRows(chunk, {
        table: 'crm_contacts',
        resource: CONTACTS,
        subjectType: CONTACT_SUBJECT,
      })
    if (action === 'delete')
      return deleteRows(chunk, {
        table: 'crm_contacts',
        resource: CONTACTS,
        remove: (contactId, savepoint) =>
          deleteContact({
            organizationId,
            actorId: chunk.actorId,
            access: chunk.access,
            contactId,
            trx: savepoint,
          }),
      })
    throw new RuleError('bulk.errors.action')
  },
}

export default handler
