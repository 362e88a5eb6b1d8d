import type { FilterChip, Option } from '~/ui'
import type { LeadCatalog, LeadListFilters } from '../../dto/leads'

type T = (key: string, values?: Record<string, unknown>) => string

const label = (options: Option[], code: string | null) =>
  code ? (options.find((o) => o.value === code)?.label ?? code) : '—'

/** The list's filter chips for the leads' own filters (status, source, owner, province, sector). */
export function leadChips(
  t: T,
  filters: LeadListFilters,
  catalog: LeadCatalog,
  ownerLabel: (v: string) => string
): FilterChip[] {
  const chip = (key: string, text: string, remove: Record<string, null>): FilterChip => ({
    key,
    label: text,
    remove,
  })
  return [
    ...(filters.status
      ? [
          chip(
            'status',
            `${t('crm.leads.fields.status')}: ${t(`crm.leads.statuses.${filters.status}`)}`,
            { status: null }
          ),
        ]
      : []),
    ...(filters.source
      ? [
          chip(
            'source',
            `${t('crm.leads.fields.source')}: ${label(catalog.sources, filters.source)}`,
            { source: null }
          ),
        ]
      : []),
    ...(filters.owner
      ? [
          chip('owner', `${t('crm.leads.fields.owner')}: ${ownerLabel(filters.owner)}`, {
            owner: null,
            unassigned: null,
          }),
        ]
      : []),
    ...(filters.province
      ? [
          chip('province', `${t('crm.leads.fields.province')}: ${filters.province}`, {
            province: null,
          }),
        ]
      : []),
    ...(filters.sector
      ? [
          chip(
            'sector',
            `${t('crm.leads.fields.sector')}: ${label(catalog.sectors, filters.sector)}`,
            { sector: null }
          ),
        ]
      : []),
  ]
}
