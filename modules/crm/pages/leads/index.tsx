import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Select, Text } from '@mantine/core'
import { IconFileImport, IconPlus } from '@tabler/icons-react'
import {
  EmailLink,
  EmptyState,
  ExportMenu,
  listUrl,
  ListView,
  PageHeader,
  PhoneLink,
  SavedViews,
  TagList,
  useCan,
  useFormat,
  useListUrl,
  useNewRecordShortcut,
  useT,
  useTagFilter,
  type CappedCount,
  type FilterChip,
  type ListProps,
  type Option,
  type TagChip,
  type BulkConfig,
  type ListEdit,
} from '~/ui'
import {
  CustomFilterInputs,
  type CustomFieldColumn,
  type CustomFieldValue,
} from '~/ui/custom_fields'
import type { LeadCatalog, LeadListFilters as Filters, LeadRow } from '../../dto/leads'
import {
  CreatedRangeInputs,
  customChips,
  useCreatedChips,
  useCustomListColumns,
  useOwnerInline,
  ListSearch,
} from '../shared/list_parts'
import { LeadStatusBadge } from './status_badge'
import { leadChips } from './lead_chips'

const BASE = '/crm/leads'
const STATUSES = ['new', 'working', 'converted', 'disqualified']
/** The states the status cell offers: converting and disqualifying have their own flow. */
const OPEN = ['new', 'working']

/** A list row with the values of the custom fields shown as columns. */
type Row = LeadRow & { custom?: Record<string, CustomFieldValue> }

export default function LeadsIndex({
  leads,
  next,
  prev,
  offset,
  count,
  filters,
  owners,
  tagFilter = [],
  tagOptions = [],
  list,
  catalog,
  customFilters = {},
  customColumns = [],
  bulk = null,
}: {
  leads: Row[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  filters: Filters
  owners: Option[]
  tagFilter?: number[]
  tagOptions?: TagChip[]
  list: ListProps
  catalog: LeadCatalog
  customFilters?: Record<string, string>
  customColumns?: CustomFieldColumn[]
  /** The bulk bar's actions, fields and owners (resources/js/ui/bulk_bar.tsx). */
  bulk?: BulkConfig | null
}) {
  const { t } = useT()
  const f = useFormat()
  const can = useCan()
  useNewRecordShortcut(can('crm.leads.create') ? `${BASE}/create` : null)
  const url = useListUrl(BASE)
  const set = (patch: Record<string, string | null>) =>
    url.apply(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || null])))
  const tagFilterUi = useTagFilter({ value: tagFilter, options: tagOptions, set })
  // The export takes the list's filters and order, not its page.
  const exportParams = {
    ...filters,
    ...customFilters,
    owner: filters.owner === 'none' ? null : filters.owner,
    unassigned: filters.owner === 'none' ? '1' : null,
    cursor: null,
    before: null,
    per: null,
    tag: tagFilterUi.param,
  }
  const label = (options: Option[], code: string | null) =>
    code ? (options.find((o) => o.value === code)?.label ?? code) : '—'
  // "Sin asignar" is its own filter (`unassigned=1`), shown in the owner select as "none".
  const setOwner = (v: string | null) =>
    v === 'none' ? set({ owner: null, unassigned: '1' }) : set({ owner: v, unassigned: null })
  const ownerLabel = (v: string) =>
    v === 'mine'
      ? t('crm.filters.mine')
      : v === 'none'
        ? t('crm.leads.unassigned')
        : (owners.find((o) => o.value === v)?.label ?? v)
  const chips: FilterChip[] = [
    ...leadChips(t, filters, catalog, ownerLabel),
    ...useCreatedChips(filters),
    ...customChips(customColumns, customFilters),
    ...tagFilterUi.chips,
  ]
  const extraColumns = useCustomListColumns<Row>(customColumns)
  const render: Record<string, (r: Row) => React.ReactNode> = {
    title: (r) => (
      <Anchor component={Link} href={`${BASE}/${r.id}`} prefetch fw={600} size="sm">
        {r.title}
      </Anchor>
    ),
    name: (r) => r.name || '—',
    company: (r) => r.companyName ?? '—',
    status: (r) => <LeadStatusBadge status={r.status} />,
    source: (r) => label(catalog.sources, r.source),
    province: (r) => r.province ?? '—',
    email: (r) => <EmailLink value={r.email} />,
    phone: (r) => <PhoneLink value={r.phone} />,
    owner: (r) =>
      r.ownerName ?? (
        <Text span size="sm" c="dimmed">
          {t('crm.leads.unassigned')}
        </Text>
      ),
    tags: (r) => <TagList tags={r.tags ?? []} />,
    created: (r) => (
      <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
        {f.date(r.createdAt)}
      </Text>
    ),
  }
  // Status (open states), source and owner edited in the cells (the server checks each lead).
  const ownerInline = useOwnerInline<Row>(bulk)
  const statusLabel = (v: string) => t(`crm.leads.statuses.${v}`)
  const edit: ListEdit<Row> | undefined = can('crm.leads.edit')
    ? {
        url: (r) => `${BASE}/${r.id}/field`,
        name: (r) => r.title,
        onSaved: () => router.reload({ only: ['leads', 'next', 'prev', 'offset', 'count'] }),
        fields: {
          status: {
            name: 'status',
            kind: 'select',
            value: (r) => r.status,
            // A closed lead offers only its own state: reopen it from its page.
            options: (r) =>
              (OPEN.includes(r.status) ? OPEN : [r.status]).map((v) => ({
                value: v,
                label: statusLabel(v),
              })),
            render: (v) => v && <LeadStatusBadge status={v as LeadRow['status']} />,
          },
          source: {
            name: 'source',
            kind: 'select',
            clearable: true,
            value: (r) => r.source,
            options: (r) =>
              r.source && !catalog.sources.some((o) => o.value === r.source)
                ? [{ value: r.source, label: r.source }, ...catalog.sources]
                : catalog.sources,
            render: (v) => label(catalog.sources, v),
          },
          ...(ownerInline ? { owner: ownerInline } : {}),
        },
      }
    : undefined
  const newButton = can('crm.leads.create') ? (
    <Button component={Link} href={`${BASE}/create`} leftSection={<IconPlus size={16} />}>
      {t('crm.leads.new')}
    </Button>
  ) : undefined

  return (
    <>
      <Head title={t('crm.leads.title')} />
      <PageHeader
        title={t('crm.leads.title')}
        actions={
          <>
            {can('crm.leads.export') && leads.length > 0 && (
              <ExportMenu
                csvHref={listUrl(`${BASE}/export`, exportParams)}
                xlsxHref={listUrl(`${BASE}/export/xlsx`, exportParams)}
              />
            )}
            {can('crm.leads.create') && (
              <Button
                component={Link}
                href="/imports/crm.leads"
                variant="default"
                leftSection={<IconFileImport size={16} />}
                data-testid="import"
              >
                {t('import.action')}
              </Button>
            )}
            {newButton}
          </>
        }
      />
      <SavedViews resource="crm.leads" />
      <ListView
        bulk={bulk}
        edit={edit}
        base={BASE}
        rows={leads}
        rowId={(r) => r.id}
        rowHref={(r) => `${BASE}/${r.id}`}
        list={list}
        render={render}
        extraColumns={extraColumns}
        count={count}
        next={next}
        prev={prev}
        offset={offset}
        noun={(n) => t('crm.leads.noun', { count: n })}
        chips={chips}
        search={
          <ListSearch
            value={filters.q}
            placeholder={t('crm.leads.search_placeholder')}
            onSearch={(q) => set({ q })}
          />
        }
        filters={
          <>
            <Select
              aria-label={t('crm.leads.fields.status')}
              placeholder={t('crm.leads.any_status')}
              clearable
              value={filters.status || null}
              data={STATUSES.map((s) => ({ value: s, label: t(`crm.leads.statuses.${s}`) }))}
              onChange={(v) => set({ status: v })}
            />
            <Select
              aria-label={t('crm.leads.fields.source')}
              placeholder={t('crm.leads.any_source')}
              clearable
              value={filters.source || null}
              data={catalog.sources}
              onChange={(v) => set({ source: v })}
            />
            <Select
              aria-label={t('crm.leads.fields.owner')}
              placeholder={t('crm.filters.any_owner')}
              clearable
              searchable
              value={filters.owner || null}
              data={[
                { value: 'mine', label: t('crm.filters.mine') },
                { value: 'none', label: t('crm.leads.unassigned') },
                ...owners,
              ]}
              onChange={setOwner}
            />
            <Select
              aria-label={t('crm.leads.fields.province')}
              placeholder={t('crm.leads.any_province')}
              clearable
              searchable
              value={filters.province || null}
              data={catalog.provinces}
              onChange={(v) => set({ province: v })}
            />
            <Select
              aria-label={t('crm.leads.fields.sector')}
              placeholder={t('crm.leads.any_sector')}
              clearable
              searchable
              value={filters.sector || null}
              data={catalog.sectors}
              onChange={(v) => set({ sector: v })}
            />
            <CreatedRangeInputs filters={filters} onChange={set} />
            {tagFilterUi.control}
            <CustomFilterInputs fields={customColumns} values={customFilters} onChange={set} />
          </>
        }
        empty={
          <EmptyState
            title={t('crm.leads.empty_title')}
            description={
              can('crm.leads.create')
                ? t('crm.leads.empty_description')
                : t('crm.leads.empty_readonly')
            }
            action={newButton}
          />
        }
      />
    </>
  )
}
