import type { AccessContext } from '#app/access/access_context'
import { keysetPage } from '#app/support/keyset'
import type { ContactFilters } from '../../validators/contacts.js'
import { keysetFor } from '../companies/company_query.js'
import type { ExportText } from '../companies/export_companies.js'
import { csvHeader, csvRow, type CsvColumn } from '../../support/csv.js'
import { CONTACT_LIST_COLUMNS, contactRows, filteredContacts } from './contact_query.js'

const BATCH = 500

const COLUMNS: CsvColumn[] = [
  { key: 'firstName' },
  { key: 'lastName' },
  { key: 'position' },
  { key: 'department' },
  { key: 'company' },
  { key: 'email' },
  { key: 'phone', phone: true },
  { key: 'owner' },
  { key: 'createdAt' },
]

/** The filtered contacts as CSV lines, in keyset batches over the same scoped query as the list. */
export async function* exportContacts(
  access: AccessContext,
  filters: ContactFilters,
  text: ExportText
): AsyncGenerator<string> {
  const { t, date } = text
  yield csvHeader(COLUMNS, (key) => t(`crm.contacts.fields.${key}`))
  const { options, sortValue } = keysetFor(filters.sort, 'ct')
  let cursor: string | null = null
  do {
    const { query } = await filteredContacts(access, filters, 'export')
    query
      .leftJoin('users as o', 'o.id', 'ct.owner_id')
      .select([...CONTACT_LIST_COLUMNS, 'ct.department'])
    const page: { rows: Record<string, any>[]; next: string | null } = await keysetPage(
      query,
      { ...options, limit: BATCH, cursor },
      sortValue
    )
    const extra = new Map(page.rows.map((r) => [Number(r.id), r]))
    let chunk = ''
    for (const r of await contactRows(access, page.rows)) {
      const raw = extra.get(r.id)!
      chunk += csvRow(COLUMNS, [
        raw.first_name,
        raw.last_name,
        r.position,
        raw.department,
        r.companyName,
        r.email,
        r.phone,
        r.ownerName,
        date(r.createdAt),
      ])
    }
    if (chunk) yield chunk
    cursor = page.next
  } while (cursor)
}
