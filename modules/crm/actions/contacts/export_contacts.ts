import type { AccessContext } from '#app/access/access_context'
import { keysetPage } from '#app/support/keyset'
import type { ContactFilters } from '../../validators/contacts.js'
import { keysetFor } from '../companies/company_query.js'
import type { ExportText } from '../companies/export_companies.js'
import type { ExportColumn, TabularExport } from '#app/support/csv'
import { CONTACT_LIST_COLUMNS, contactRows, filteredContacts } from './contact_query.js'

const BATCH = 500

const COLUMNS: ExportColumn[] = [
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

/** The filtered contacts for an export (CSV or XLSX), in keyset batches over the list's scoped query. */
export function exportContacts(
  access: AccessContext,
  filters: ContactFilters,
  text: ExportText
): TabularExport {
  return {
    columns: COLUMNS,
    header: COLUMNS.map((c) => text.t(`crm.contacts.fields.${c.key}`)),
    batches: contactBatches(access, filters, text),
  }
}

async function* contactBatches(
  access: AccessContext,
  filters: ContactFilters,
  text: ExportText
): AsyncGenerator<unknown[][]> {
  const { date } = text
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
    const rows = (await contactRows(access, page.rows)).map((r) => {
      const raw = extra.get(r.id)!
      return [
        raw.first_name,
        raw.last_name,
        r.position,
        raw.department,
        r.companyName,
        r.email,
        r.phone,
        r.ownerName,
        date(r.createdAt),
      ]
    })
    if (rows.length) yield rows
    cursor = page.next
  } while (cursor)
}
