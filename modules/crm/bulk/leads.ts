import type { AccessContext } from '#app/access/access_context'
import type { BulkChunk, BulkHandler } from '#app/registry/types'
import { lists } from '#app/settings/lists'
import { RuleError } from '#app/support/rule_error'
import { parseCustomFilters } from '#app/custom_fields/query'
import { prepareBulkTags } from '#app/tags/bulk'
import { tagFilterOf } from '#app/tags/filter'
import { trashRecord } from '#app/bin/bin'
import { LEADS, LEAD_SUBJECT } from '../actions/leads/lead_scope.js'
import { filteredLeads } from '../actions/leads/list_leads.js'
import { recordManualAssignment } from '../actions/leads/manual_assignment.js'
import { listLeadsValidator } from '../validators/leads.js'
import { INDUSTRIES_LIST } from '../lists.js'
import { LEAD_SOURCES_LIST } from '../support/leads_lists.js'
import { indexLeads } from '../search/leads.js'
import {
  bulkOwner,
  changeColumn,
  changeCustomField,
  changeTagsOfRows,
  deleteRows,
  matchingIds,
  prepareCustomField,
} from './shared.js'

/** The open states a bulk "change status" may set (converting and disqualifying have their own flow). */
export const BULK_LEAD_STATUSES = ['new', 'working'] as const

/** Coded fields "Cambiar un campo" may set on leads, with their editable list. */
const FIELDS: Record<string, { list: string }> = {
  source: { list: LEAD_SOURCES_LIST },
  sector: { list: INDUSTRIES_LIST },
}

const table = 'crm_leads'
const isOpen = (status: unknown) => status === 'new' || status === 'working'
/** Binned leads keep their row (deleted_at): never touched by a bulk action. */
const live = (query: any) => query.whereNull('r.deleted_at')

/**
 * A new owner for the chunk's leads in the user's edit scope: the column through the shared
 * writer (audit + timeline), then an assignment row "by hand" for each lead that changed, so
 * the lead page's panel no longer explains the owner by the rule that chose the previous one.
 */
async function changeOwner(chunk: BulkChunk<AccessContext>) {
  const { access, trx, ids, organizationId, actorId, params } = chunk
  const ownerId = Number(params.ownerId)
  const query = trx.from(`${table} as r`).whereIn('r.id', ids).select('r.id', 'r.owner_id')
  live(query)
  await access.scope(query, LEADS, { table: 'r', action: 'edit' })
  const changing = (await query)
    .filter((r: any) => r.owner_id === null || Number(r.owner_id) !== ownerId)
    .map((r: any) => Number(r.id))
  const result = await changeColumn(chunk, {
    table,
    resource: LEADS,
    subjectType: LEAD_SUBJECT,
    column: 'owner_id',
    value: ownerId,
    field: 'owner',
    before: (r) => r.owner_name ?? null,
    after: params.ownerName,
    join: live,
    reindex: (client, changed) => indexLeads(client, organizationId, changed),
  })
  await recordManualAssignment(trx, { organizationId, actorId, leadIds: changing, userId: ownerId })
  return result
}

/** Bulk actions on leads (manifest `bulk` in features/leads.ts; app/bulk runs them). */
const handler: BulkHandler<AccessContext> = {
  async prepare(access, action, params) {
    if (action === 'owner') return bulkOwner(access, LEADS, params)
    if (action === 'tags') return prepareBulkTags(access.organizationId, params)
    if (action !== 'field') return {}
    const field = String(params.field ?? '')
    if (field.startsWith('cf.')) return prepareCustomField(access, LEADS, field, params.value)
    const value = params.value === null || params.value === '' ? null : String(params.value)
    if (field === 'status') {
      if (!value || !(BULK_LEAD_STATUSES as readonly string[]).includes(value))
        throw new RuleError('crm.leads.errors.bulk_status', {}, 'value')
      return { field, value }
    }
    const spec = FIELDS[field]
    if (!spec) throw new RuleError('bulk.errors.field', {}, 'field')
    if (
      value !== null &&
      !(await lists.has(access.organizationId, spec.list, value, { active: true }))
    )
      throw new RuleError('bulk.errors.value', {}, 'value')
    return { field, value }
  },

  async matching(access, query, limit) {
    const organizationId = access.organizationId
    const [error, filters] = await listLeadsValidator.tryValidate(query, {
      meta: { organizationId },
    })
    if (error) throw new RuleError('bulk.errors.filters')
    const cf = await parseCustomFilters(organizationId, LEADS, query)
    const { query: leads } = await filteredLeads(access, {
      ...filters,
      cf: cf.filters,
      tags: tagFilterOf(query),
    })
    return matchingIds(leads, 'l', limit)
  },

  async apply(chunk) {
    const { organizationId, action, params } = chunk
    const reindex = (client: typeof chunk.trx, ids: number[]) =>
      indexLeads(client, organizationId, ids)
    if (action === 'owner') return changeOwner(chunk)
    if (action === 'field' && String(params.field).startsWith('cf.'))
      return changeCustomField(chunk, {
        table,
        resource: LEADS,
        subjectType: LEAD_SUBJECT,
        field: String(params.field),
        value: params.value,
      })
    if (action === 'field') {
      const field = String(params.field)
      return changeColumn(chunk, {
        table,
        resource: LEADS,
        subjectType: LEAD_SUBJECT,
        column: field,
        value: params.value,
        field,
        before: (r) => r.current ?? null,
        after: params.value,
        select: ['r.status as lead_status'],
        join: live,
        // A converted or disqualified lead keeps what it had when it closed.
        refuse: { reason: 'closed_lead', test: (r) => !isOpen(r.lead_status) },
        reindex,
      })
    }
    if (action === 'tags')
      return changeTagsOfRows(chunk, { table, resource: LEADS, subjectType: LEAD_SUBJECT })
    if (action === 'delete')
      return deleteRows(chunk, {
        table,
        resource: LEADS,
        remove: (recordId, savepoint) =>
          trashRecord({
            access: chunk.access,
            actorId: chunk.actorId,
            resource: LEADS,
            recordId,
            trx: savepoint,
          }),
      })
    throw new RuleError('bulk.errors.action')
  },
}

export default handler
