import type { AccessContext } from '#app/access/access_context'
import type { ExportColumn, TabularExport } from '#app/support/csv'
import { keysetPage } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import { currencies } from '#app/settings/currencies'
import { isoDecimals } from '#app/settings/format'
import { tagCells } from '#app/tags/taggings'
import { keysetFor } from '../companies/company_query.js'
import { filteredOpportunities, opportunityRows, withRowColumns } from './list_opportunities.js'
import type { ListFilters } from './list_opportunities.js'
import { OPPORTUNITIES } from './load_opportunity.js'

/** Rows fetched per query: memory stays flat however many opportunities are exported. */
const BATCH = 500

const COLUMNS: ExportColumn[] = [
  { key: 'name' },
  { key: 'company' },
  { key: 'stage' },
  { key: 'status' },
  { key: 'amount' },
  { key: 'currency' },
  { key: 'amountOrg' },
  { key: 'weighted' },
  { key: 'probability' },
  { key: 'expectedCloseOn' },
  { key: 'owner' },
  { key: 'team' },
  { key: 'priority' },
  { key: 'source' },
  { key: 'tags' },
  { key: 'createdAt' },
]

export interface ExportText {
  t: (key: string) => string
  date: (iso: string) => string
  /** Source code → label. */
  sources: Record<string, string>
}

/** Minor units → a number of major units for the spreadsheet (exact up to 2^53 minor units). */
export function major(minor: string, decimals: number): number {
  return Number(minor) / 10 ** decimals
}

/**
 * The filtered list for an export (CSV or XLSX), in keyset batches in the list's order, from the
 * same scoped query as the list (`export` scope): only opportunities the user may export are
 * written. Amounts are numbers in their currency's units; the organization's amounts follow.
 */
export function exportOpportunities(
  access: AccessContext,
  filters: ListFilters,
  text: ExportText
): TabularExport {
  return {
    columns: COLUMNS,
    header: COLUMNS.map((c) => text.t(`crm.opportunities.fields.${c.key}`)),
    batches: batches(access, filters, text),
  }
}

async function* batches(
  access: AccessContext,
  filters: ListFilters,
  text: ExportText
): AsyncGenerator<unknown[][]> {
  const list = await currencies(access.organizationId)
  const decimals = (code: string) =>
    list.find((c) => c.code === code)?.decimals ?? isoDecimals(code)
  const orgDecimals = list.find((c) => c.isDefault)?.decimals ?? 2
  const { options, sortValue } = keysetFor(filters.sort ?? '-created', 'o')
  let cursor: string | null = null
  do {
    const { query } = await filteredOpportunities(access, filters, 'export')
    withRowColumns(query)
    const page: { rows: Record<string, any>[]; next: string | null } = await keysetPage(
      query,
      { ...options, limit: BATCH, cursor },
      sortValue
    )
    const rows = opportunityRows(page.rows)
    const tags = await tagCells(
      access.organizationId,
      OPPORTUNITIES,
      rows.map((r) => r.id)
    )
    const out = rows.map((r) => [
      r.name,
      r.companyName,
      r.stageName,
      text.t(`crm.opportunities.status.${r.status}`),
      major(r.amountMinor, decimals(r.currency)),
      r.currency,
      major(r.amountOrgMinor, orgDecimals),
      major(r.weightedOrgMinor, orgDecimals),
      r.probability,
      r.expectedCloseOn,
      r.ownerName,
      r.teamName,
      r.priority,
      r.source ? (text.sources[r.source] ?? r.source) : null,
      tags.get(r.id) ?? null,
      text.date(toIso(r.createdAt)),
    ])
    if (out.length) yield out
    cursor = page.next
  } while (cursor)
}
