import type { AccessContext } from '#app/access/access_context'
import type { ExportColumn, TabularExport } from '#app/support/csv'
import { keysetPage } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import { tagCells } from '#app/tags/taggings'
import { customExportColumns } from '#app/custom_fields/exchange'
import type { CustomFilter } from '#app/custom_fields/query'
import type { LeadCatalog } from '../../dto/leads.js'
import type { LeadFilters } from '../../validators/leads.js'
import { keysetFor } from '../companies/company_query.js'
import { filteredLeads } from './list_leads.js'
import { LEADS } from './lead_scope.js'

/** Rows fetched per query: memory stays flat however many leads are exported. */
const BATCH = 500

/** The columns, named as the import reads them back (an export imports back unmapped). */
const COLUMNS: ExportColumn[] = [
  { key: 'title' },
  { key: 'firstName' },
  { key: 'lastName' },
  { key: 'companyName' },
  { key: 'nif' },
  { key: 'email' },
  { key: 'phone', phone: true },
  { key: 'province' },
  { key: 'sector' },
  { key: 'source' },
  { key: 'status' },
  { key: 'owner' },
  { key: 'tags' },
  { key: 'createdAt' },
]

type ExportFilters = LeadFilters & { tags?: number[]; ids?: number[]; cf?: CustomFilter[] }
type Text = { t: (key: string) => string; date: (iso: string) => string; catalog: LeadCatalog }
type CustomCells = Awaited<ReturnType<typeof customExportColumns>>['cells']

/**
 * The filtered list for an export (CSV or XLSX), in keyset batches in the list's order, from the
 * same scoped query as the list (`export` scope): only leads the user may export are written.
 * A column per active custom field follows the fixed ones (its label as header, read back by
 * the import).
 */
export async function exportLeads(
  access: AccessContext,
  filters: ExportFilters,
  text: Text
): Promise<TabularExport> {
  const custom = await customExportColumns(access.organizationId, LEADS, text.t)
  return {
    columns: [...COLUMNS, ...custom.columns],
    header: [...COLUMNS.map((c) => text.t(`crm.leads.fields.${c.key}`)), ...custom.header],
    batches: batches(access, filters, text, custom.cells),
  }
}

async function* batches(
  access: AccessContext,
  filters: ExportFilters,
  text: Text,
  cells: CustomCells
): AsyncGenerator<unknown[][]> {
  const label = (list: { value: string; label: string }[], code: string | null) =>
    code ? (list.find((o) => o.value === code)?.label ?? code) : null
  const sort = filters.sort?.includes('cf_') ? undefined : filters.sort
  const { options, sortValue } = keysetFor(sort ?? '-created', 'l')
  let cursor: string | null = null
  do {
    const { query } = await filteredLeads(access, filters, 'export')
    query.leftJoin('users as o', 'o.id', 'l.owner_id').select('l.*', 'o.full_name as owner_name')
    const page: { rows: Record<string, any>[]; next: string | null } = await keysetPage(
      query,
      { ...options, limit: BATCH, cursor },
      sortValue
    )
    const ids = page.rows.map((r) => Number(r.id))
    const [tags, custom] = await Promise.all([
      tagCells(access.organizationId, LEADS, ids),
      cells(ids),
    ])
    const rows = page.rows.map((r) => [
      r.title,
      r.first_name,
      r.last_name,
      r.company_name,
      r.nif,
      r.email,
      r.phone,
      r.province,
      label(text.catalog.sectors, r.sector),
      label(text.catalog.sources, r.source),
      text.t(`crm.leads.statuses.${r.status}`),
      r.owner_name ?? null,
      tags.get(Number(r.id)) ?? null,
      text.date(toIso(r.created_at)),
      ...(custom.get(Number(r.id)) ?? []),
    ])
    if (rows.length) yield rows
    cursor = page.next
  } while (cursor)
}
