import type { AccessContext } from '#app/access/access_context'
import type { BulkHandler } from '#app/registry/types'
import { lists } from '#app/settings/lists'
import { RuleError } from '#app/support/rule_error'
import { parseCustomFilters } from '#app/custom_fields/query'
import { prepareBulkTags } from '#app/tags/bulk'
import { tagFilterOf } from '#app/tags/filter'
import { COMPANIES, COMPANY_SUBJECT } from '../actions/companies/load_company.js'
import { filteredCompanies } from '../actions/companies/company_query.js'
import { deleteCompany } from '../actions/companies/delete_company.js'
import { listCompaniesValidator } from '../validators/companies.js'
import { COMPANY_TYPES_LIST, INDUSTRIES_LIST } from '../lists.js'
import { indexCompanies } from '../search/sync.js'
import {
  bulkOwner,
  changeColumn,
  changeCustomField,
  changeTagsOfRows,
  deleteRows,
  matchingIds,
  prepareCustomField,
} from './shared.js'

/** Coded fields "Cambiar un campo" may set on companies, with their editable list. */
const FIELDS: Record<string, { list: string; nullable: boolean }> = {
  type: { list: COMPANY_TYPES_LIST, nullable: false },
  industry: { list: INDUSTRIES_LIST, nullable: true },
}

/** Bulk actions on companies (manifest `bulk`; app/bulk runs them). */
const handler: BulkHandler<AccessContext> = {
  async prepare(access, action, params) {
    if (action === 'owner') return bulkOwner(access, COMPANIES, params)
    if (action === 'tags') return prepareBulkTags(access.organizationId, params)
    if (action !== 'field') return {}
    const field = String(params.field ?? '')
    if (field.startsWith('cf.')) return prepareCustomField(access, COMPANIES, field, params.value)
    const spec = FIELDS[field]
    if (!spec) throw new RuleError('bulk.errors.field', {}, 'field')
    const value = params.value === null || params.value === '' ? null : String(params.value)
    if (
      value === null
        ? !spec.nullable
        : !(await lists.has(access.organizationId, spec.list, value, { active: true }))
    )
      throw new RuleError('bulk.errors.value', {}, 'value')
    return { field, value }
  },

  async matching(access, query, limit) {
    const organizationId = access.organizationId
    const [error, filters] = await listCompaniesValidator.tryValidate(query, {
      meta: { organizationId },
    })
    if (error) throw new RuleError('bulk.errors.filters')
    const cf = await parseCustomFilters(organizationId, COMPANIES, query)
    const { query: companies } = await filteredCompanies(access, {
      ...filters,
      cf: cf.filters,
      tags: tagFilterOf(query),
    })
    return matchingIds(companies, 'c', limit)
  },

  async apply(chunk) {
    const { organizationId, trx, action, params } = chunk
    const reindex = (client: typeof trx, ids: number[]) =>
      indexCompanies(client, organizationId, ids)
    if (action === 'owner')
      return changeColumn(chunk, {
        table: 'crm_companies',
        resource: COMPANIES,
        subjectType: COMPANY_SUBJECT,
        column: 'owner_id',
        value: params.ownerId,
        field: 'owner',
        before: (r) => r.owner_name ?? null,
        after: params.ownerName,
        reindex,
      })
    if (action === 'field' && String(params.field).startsWith('cf.'))
      return changeCustomField(chunk, {
        table: 'crm_companies',
        resource: COMPANIES,
        subjectType: COMPANY_SUBJECT,
        field: String(params.field),
        value: params.value,
      })
    if (action === 'field') {
      const field = String(params.field)
      return changeColumn(chunk, {
        table: 'crm_companies',
        resource: COMPANIES,
        subjectType: COMPANY_SUBJECT,
        column: field,
        value: params.value,
        field,
        before: (r) => r.current ?? null,
        after: params.value,
        reindex,
      })
    }
    if (action === 'tags')
      return changeTagsOfRows(chunk, {
        table: 'crm_companies',
        resource: COMPANIES,
        subjectType: COMPANY_SUBJECT,
      })
    if (action === 'delete')
      return deleteRows(chunk, {
        table: 'crm_companies',
        resource: COMPANIES,
        remove: (companyId, savepoint) =>
          deleteCompany({
            organizationId,
            actorId: chunk.actorId,
            access: chunk.access,
            companyId,
            trx: savepoint,
          }),
      })
    throw new RuleError('bulk.errors.action')
  },
}

export default handler
