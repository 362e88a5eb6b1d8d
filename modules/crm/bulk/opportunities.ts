import type { AccessContext } from '#app/access/access_context'
import type { BulkHandler } from '#app/registry/types'
import { recordsChanged } from '#app/support/cache'
import { RuleError } from '#app/support/rule_error'
import { reindexRecords } from '#app/search/indexer'
import { trashRecord } from '#app/bin/bin'
import { prepareBulkTags } from '#app/tags/bulk'
import { OPPORTUNITIES, OPPORTUNITY_SUBJECT } from '../actions/opportunities/load_opportunity.js'
import {
  filteredOpportunities,
  listFiltersOf,
} from '../actions/opportunities/list_opportunities.js'
import { opportunityListValidator } from '../validators/opportunity_list.js'
import { bulkOwner, changeColumn, changeTagsOfRows, deleteRows, matchingIds } from './shared.js'

/** Bulk actions on opportunities (manifest `bulk`; app/bulk runs them): owner, tags, delete. */
const handler: BulkHandler<AccessContext> = {
  async prepare(access, action, params) {
    if (action === 'owner') return bulkOwner(access, OPPORTUNITIES, params)
    if (action === 'tags') return prepareBulkTags(access.organizationId, params)
    return {}
  },

  async matching(access, query, limit) {
    const [error, parsed] = await opportunityListValidator.tryValidate(query)
    if (error) throw new RuleError('bulk.errors.filters')
    const filters = listFiltersOf(parsed, access.userId, query)
    const { query: rows } = await filteredOpportunities(access, filters)
    return matchingIds(rows, 'o', limit)
  },

  async apply(chunk) {
    const { organizationId, trx, action, params } = chunk
    if (action === 'owner') {
      const result = await changeColumn(chunk, {
        table: 'crm_opportunities',
        resource: OPPORTUNITIES,
        subjectType: OPPORTUNITY_SUBJECT,
        column: 'owner_id',
        value: params.ownerId,
        field: 'owner',
        before: (r) => r.owner_name ?? null,
        after: params.ownerName,
        reindex: (client, ids) =>
          reindexRecords({ resource: OPPORTUNITIES, organizationId, ids, client }),
      })
      await recordsChanged(organizationId, OPPORTUNITIES, trx)
      return result
    }
    if (action === 'tags')
      return changeTagsOfRows(chunk, {
        table: 'crm_opportunities',
        resource: OPPORTUNITIES,
        subjectType: OPPORTUNITY_SUBJECT,
      })
    if (action === 'delete')
      return deleteRows(chunk, {
        table: 'crm_opportunities',
        resource: OPPORTUNITIES,
        remove: (recordId, savepoint) =>
          trashRecord({
            access: chunk.access,
            actorId: chunk.actorId,
            resource: OPPORTUNITIES,
            recordId,
            trx: savepoint,
          }),
      })
    throw new RuleError('bulk.errors.action')
  },
}

export default handler
