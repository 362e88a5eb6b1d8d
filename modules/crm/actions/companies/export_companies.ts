import type { AccessContext } from '#app/access/access_context'
import type { CompanyFilters } from '../../validators/companies.js'
import { filteredCompanies, sortedPage } from './company_query.js'
import { COMPANY_ROW_COLUMNS, companyRows } from './list_companies.js'
import type { ExportColumn, TabularExport } from '#app/support/csv'
import { customExportColumns } from '#app/custom_fields/exchange'
import type { CustomFilter } from '#app/custom_fields/query'
import { COMPANIES } from './load_company.js'
import { tagCells } from '#app/tags/taggings'

/** Rows fetched per query: memory stays flat however many companies are exported. */
const BATCH = 500

const COLUMNS: ExportColumn[] = [
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
  { key: 'tags' },
  { key: 'createdAt' },
  { key: 'industries' },
  { key: 'parent' },
  { key: 'zone' },
  { key: 'status' },
  { key: 'size' },
  { key: 'strengths' },
  { key: 'weaknesses' },
]

export interface ExportText {
  t: (key: string) => string
  date: (iso: string) => string
  /** The organization's labels of the coded fields (catalogLabels), in the reader's language. */
  labels?: Record<'type' | 'industry' | 'zone' | 'status' | 'size', Record<string, string>>
  /** A contact export's labels of genders and consent sources (their codes do not overlap). */
  contactLabels?: Record<string, string>
}

/**
 * The filtered list for an export (CSV or XLSX: the same rows), walked in keyset batches in the
 * list's order: the same scoped query as the list, so only rows the user may see are written.
 * A column per active custom field follows the fixed ones (its label as header).
 */
export async function exportCompanies(
  access: AccessContext,
  /** The list's filters, custom-field filters (`cf`) included: the export is what the list shows. */
  filters: CompanyFilters & { cf?: CustomFilter[]; ids?: number[]; tags?: number[] },
  text: ExportText
): Promise<TabularExport> {
  const custom = await customExportColumns(access.organizationId, 'crm.companies', text.t)
  return {
    columns: [...COLUMNS, ...custom.columns],
    header: [...COLUMNS.map((c) => text.t(`crm.companies.fields.${c.key}`)), ...custom.header],
    batches: companyBatches(access, filters, text, custom.cells),
  }
}

export type CustomCells = Awaited<ReturnType<typeof customExportColumns>>['cells']

async function* companyBatches(
  access: AccessContext,
  filters: CompanyFilters,
  text: ExportText,
  customCells: CustomCells
): AsyncGenerator<unknown[][]> {
  const { date, labels } = text
  const build = async () => {
    const { query } = await filteredCompanies(access, filters, 'export')
    query
      .leftJoin('users as o', 'o.id', 'c.owner_id')
      .select(...COMPANY_ROW_COLUMNS, 'c.website', 'o.full_name as owner_name')
    return { query }
  }
  let cursor: string | null = null
  do {
    const page: { rows: Record<string, any>[]; next: string | null } = await sortedPage(build, {
      organizationId: access.organizationId,
      resource: COMPANIES,
      alias: 'c',
      sort: filters.sort,
      limit: BATCH,
      cursor,
    })
    const websites = new Map(page.rows.map((r) => [Number(r.id), r.website as string | null]))
    const ids = page.rows.map((r) => Number(r.id))
    const [custom, tags] = await Promise.all([
      customCells(ids),
      tagCells(access.organizationId, COMPANIES, ids),
    ])
    const label = (field: 'industry' | 'zone' | 'status' | 'size', code: string | null) =>
      code ? (labels?.[field][code] ?? code) : null
    const rows = (await companyRows(access.organizationId, page.rows)).map((r) => [
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
      tags.get(r.id) ?? null,
      date(r.createdAt),
      // Extra sectors by label, ", "-separated: the import splits them back.
      r.industries.map((code) => label('industry', code)).join(', ') || null,
      r.parentName,
      label('zone', r.zone),
      label('status', r.status),
      label('size', r.size),
      r.strengths,
      r.weaknesses,
      ...custom.get(r.id)!,
    ])
    if (rows.length) yield rows
    cursor = page.next
  } while (cursor)
}
