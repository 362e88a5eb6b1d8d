import type { AccessContext } from '#app/access/access_context'
import type { ContactFilters } from '../../validators/contacts.js'
import { sortedPage } from '../companies/company_query.js'
import { CONTACTS } from './load_contact.js'
import { tagCells } from '#app/tags/taggings'
import type { CustomCells, ExportText } from '../companies/export_companies.js'
import { customExportColumns } from '#app/custom_fields/exchange'
import type { CustomFilter } from '#app/custom_fields/query'
import type { ExportColumn, TabularExport } from '#app/support/csv'
import { CONTACT_LIST_COLUMNS, contactRows, filteredContacts } from './contact_query.js'
import { PROFILE_COLUMNS, profileCells } from './contact_export_cells.js'

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
  { key: 'tags' },
  { key: 'createdAt' },
  { key: 'gender' },
  { key: 'language' },
  { key: 'birthday' },
  { key: 'consentStatus' },
  { key: 'consentAt' },
  { key: 'consentSource' },
  { key: 'optedOut' },
  { key: 'optedOutAt' },
  { key: 'optOutSource' },
]

/**
 * The filtered contacts for an export (CSV or XLSX), in keyset batches over the list's scoped
 * query; a column per active custom field follows the fixed ones.
 */
export async function exportContacts(
  access: AccessContext,
  /** The list's filters, custom-field filters (`cf`) included: the export is what the list shows. */
  filters: ContactFilters & { cf?: CustomFilter[]; ids?: number[]; tags?: number[] },
  text: ExportText
): Promise<TabularExport> {
  const custom = await customExportColumns(access.organizationId, 'crm.contacts', text.t)
  return {
    columns: [...COLUMNS, ...custom.columns],
    header: [...COLUMNS.map((c) => text.t(`crm.contacts.fields.${c.key}`)), ...custom.header],
    batches: contactBatches(access, filters, text, custom.cells),
  }
}

async function* contactBatches(
  access: AccessContext,
  filters: ContactFilters,
  text: ExportText,
  customCells: CustomCells
): AsyncGenerator<unknown[][]> {
  const { date } = text
  const build = async () => {
    const { query } = await filteredContacts(access, filters, 'export')
    query
      .leftJoin('users as o', 'o.id', 'ct.owner_id')
      .select([...CONTACT_LIST_COLUMNS, 'ct.department', ...PROFILE_COLUMNS])
    return { query }
  }
  let cursor: string | null = null
  do {
    const page: { rows: Record<string, any>[]; next: string | null } = await sortedPage(build, {
      organizationId: access.organizationId,
      resource: CONTACTS,
      alias: 'ct',
      sort: filters.sort,
      limit: BATCH,
      cursor,
    })
    const extra = new Map(page.rows.map((r) => [Number(r.id), r]))
    const ids = page.rows.map((r) => Number(r.id))
    const [custom, tags] = await Promise.all([
      customCells(ids),
      tagCells(access.organizationId, CONTACTS, ids),
    ])
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
        tags.get(r.id) ?? null,
        date(r.createdAt),
        ...profileCells(raw, text),
        ...custom.get(r.id)!,
      ]
    })
    if (rows.length) yield rows
    cursor = page.next
  } while (cursor)
}
