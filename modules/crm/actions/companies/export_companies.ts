import type { AccessContext } from '#app/access/access_context'
import { keysetPage } from '#app/support/keyset'
import type { CompanyFilters } from '../../validators/companies.js'
import { filteredCompanies, keysetFor } from './company_query.js'
import { companyRows } from './list_companies.js'
import { csvHeader, csvRow, type CsvColumn } from '../../support/csv.js'

/** Rows fetched per query: memory stays flat however many companies are exported. */
const BATCH = 500

const COLUMNS: CsvColumn[] = [
  { key: 'name' },
  { key: 'legalName' },
  { key: 'nif' },
  { key: 'type' },
  { key: 'industry' },
  { key: 'website' },
  { key: 'email' },
  { key: 'phone', phone: true },
  { key: 'city' },
  { key: 'province' },
  { key: 'owner' },
  { key: 'createdAt' },
]

export interface ExportText {
  t: (key: string) => string
  date: (iso: string) => string
  /** The organization's labels of the coded fields (catalogLabels), in the reader's language. */
  labels?: { type: Record<string, string>; industry: Record<string, string> }
}

/**
 * The filtered list as CSV lines (header first), walked in keyset batches in the list's
 * order: the same scoped query as the list, so only rows the user may see are written.
 */
export async function* exportCompanies(
  access: AccessContext,
  filters: CompanyFilters,
  text: ExportText
): AsyncGenerator<string> {
  const { t, date, labels } = text
  yield csvHeader(COLUMNS, (key) => t(`crm.companies.fields.${key}`))
  const { options, sortValue } = keysetFor(filters.sort, 'c')
  let cursor: string | null = null
  do {
    const { query } = await filteredCompanies(access, filters, 'export')
    query
      .leftJoin('users as o', 'o.id', 'c.owner_id')
      .select(
        'c.id',
        'c.name',
        'c.name_normalized',
        'c.legal_name',
        'c.nif',
        'c.type',
        'c.industry',
        'c.website',
        'c.created_at',
        'o.full_name as owner_name'
      )
    const page: { rows: Record<string, any>[]; next: string | null } = await keysetPage(
      query,
      { ...options, limit: BATCH, cursor },
      sortValue
    )
    const websites = new Map(page.rows.map((r) => [Number(r.id), r.website as string | null]))
    let chunk = ''
    for (const r of await companyRows(page.rows)) {
      chunk += csvRow(COLUMNS, [
        r.name,
        r.legalName,
        r.nif,
        labels?.type[r.type] ?? r.type,
        r.industry ? (labels?.industry[r.industry] ?? r.industry) : null,
        websites.get(r.id),
        r.email,
        r.phone,
        r.city,
        r.province,
        r.ownerName,
        date(r.createdAt),
      ])
    }
    if (chunk) yield chunk
    cursor = page.next
  } while (cursor)
}
