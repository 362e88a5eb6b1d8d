import type { AccessContext } from '#app/access/access_context'
import { cappedCount, type CappedCount } from '#app/support/keyset'
import type { ContactFilters } from '../../validators/contacts.js'
import { sortedPage } from '../companies/company_query.js'
import { PAGE_SIZE } from '../companies/list_companies.js'
import { CONTACT_LIST_COLUMNS, contactRows, filteredContacts } from './contact_query.js'
import { CONTACTS } from './load_contact.js'
import { customListValues, type CustomFilter } from '#app/custom_fields/query'
import { tagsOfRecords } from '#app/tags/taggings'

/** One page of contacts (keyset), the capped count, and the columns the list shows. */
export async function listContacts(
  access: AccessContext,
  filters: ContactFilters & { cf?: CustomFilter[]; tags?: number[] },
  pageSize = PAGE_SIZE
) {
  const build = async () => {
    const { query } = await filteredContacts(access, filters)
    query.leftJoin('users as o', 'o.id', 'ct.owner_id').select(CONTACT_LIST_COLUMNS)
    return { query }
  }
  const [page, count] = await Promise.all([
    sortedPage(build, {
      organizationId: access.organizationId,
      resource: CONTACTS,
      alias: 'ct',
      sort: filters.sort,
      limit: pageSize,
      cursor: filters.cursor,
      before: filters.before,
    }),
    filteredContacts(access, filters).then(({ query: q }) =>
      cappedCount(q, {
        exact: filters.count === 'exact',
        cached: { organizationId: access.organizationId, resource: CONTACTS },
      })
    ),
  ])
  const { next, prev, offset } = page
  const rows = await contactRows(access, page.rows)
  const ids = rows.map((r) => r.id)
  const [custom, tags] = await Promise.all([
    customListValues(access.organizationId, CONTACTS, ids),
    tagsOfRecords(access.organizationId, CONTACTS, ids),
  ])
  return {
    rows: rows.map((r) => ({ ...r, custom: custom.get(r.id) ?? {}, tags: tags.get(r.id) ?? [] })),
    next,
    prev,
    offset,
    count: count as CappedCount,
  }
}
