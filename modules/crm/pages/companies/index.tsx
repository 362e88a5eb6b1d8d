import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Select, Text, TextInput } from '@mantine/core'
import { IconFileImport, IconPlus } from '@tabler/icons-react'
import {
  EmailLink,
  EmptyState,
  ExportMenu,
  ListView,
  PageHeader,
  PhoneLink,
  listUrl,
  useCan,
  useFormat,
  useListUrl,
  useT,
  type CappedCount,
  type FilterChip,
  type ListProps,
  type Option,
  SavedViews,
  useNewRecordShortcut,
  type BulkConfig,
  TagList,
  useTagFilter,
  type TagChip,
  type ListEdit,
} from '~/ui'
import { TypeBadge } from '../shared/type_badge'
import { useCompanyListExtras } from '../shared/company_list_extras'
import type { CompanyListFilters as Filters, CompanyRow } from '../../dto/companies'
import type { Catalog } from '../../dto/shared'
import { choicesFor, labelMap, selectData } from '../shared/lists'
import {
  CreatedRangeInputs,
  customChips,
  useCreatedChips,
  useCustomListColumns,
  useOwnerInline,
  ListSearch,
} from '../shared/list_parts'
import {
  CustomFilterInputs,
  type CustomFieldColumn,
  type CustomFieldValue,
} from '~/ui/custom_fields'

/** A list row with the values of the custom fields shown as columns. */
type Row = CompanyRow & { custom?: Record<string, CustomFieldValue> }

const BASE = '/crm/companies'

export default function CompaniesIndex({
  companies,
  next,
  prev,
  offset,
  count,
  filters,
  owners,
  customFilters = {},
  tagFilter = [],
  tagOptions = [],
  customColumns = [],
  catalog,
  list,
  bulk = null,
}: {
  companies: Row[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  filters: Filters
  owners: Option[]
  customFilters?: Record<string, string>
  /** The tag filter's ids (`tag=`) and the organization's tags it offers. */
  tagFilter?: number[]
  tagOptions?: TagChip[]
  customColumns?: CustomFieldColumn[]
  catalog: Catalog
  list: ListProps
  bulk?: BulkConfig | null
}) {
  const { t } = useT()
  const f = useFormat()
  const can = useCan()
  useNewRecordShortcut(can('crm.companies.create') ? `${BASE}/create` : null)
  const url = useListUrl(BASE)
  const compact = url.params.density === 'compact'
  const [city, setCity] = useState(filters.city)
  // The box follows the URL when the filter changes elsewhere ("quitar filtros", back button):
  // adjusted while rendering, when it differs from the one last seen.
  const [seenCity, setSeenCity] = useState(filters.city)
  if (seenCity !== filters.city) {
    setSeenCity(filters.city)
    setCity(filters.city)
  }
  const set = (patch: Record<string, string | null>) =>
    url.apply(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || null])))
  const tagFilterUi = useTagFilter({ value: tagFilter, options: tagOptions, set })
  // The export takes the list's filters and order, not its page.
  const exportParams = {
    ...filters,
    ...customFilters,
    sort: filters.sort === 'name' ? '' : filters.sort,
    cursor: null,
    before: null,
    per: null,
    tag: tagFilterUi.param,
  }
  const extraColumns = useCustomListColumns<Row>(customColumns)
  const extras = useCompanyListExtras(catalog, filters, set)

  const typeLabels = labelMap(catalog.types)
  const industryLabels = labelMap(catalog.industries)
  const ownerLabel = (v: string) =>
    v === 'mine' ? t('crm.filters.mine') : (owners.find((o) => o.value === v)?.label ?? v)
  const chips: FilterChip[] = [
    ...(
      [
        ['type', (v: string) => typeLabels[v] ?? v],
        ['industry', (v: string) => industryLabels[v] ?? v],
        ['owner', ownerLabel],
        ['province', (v: string) => v],
        ['city', (v: string) => v],
      ] as const
    )
      .filter(([key]) => filters[key])
      .map(([key, label]) => ({
        key,
        label: `${t(`crm.companies.fields.${key}`)}: ${label(filters[key])}`,
        remove: { [key]: null },
      })),
    ...extras.chips,
    ...useCreatedChips(filters),
    ...customChips(customColumns, customFilters),
    ...tagFilterUi.chips,
  ]

  const render: Record<string, (r: Row) => React.ReactNode> = {
    ...extras.render,
    name: (r) => (
      <div>
        <Anchor component={Link} href={`${BASE}/${r.id}`} prefetch fw={600} size="sm">
          {r.name}
        </Anchor>
        {r.nif && !compact && (
          <Text size="xs" c="dimmed">
            {r.nif}
          </Text>
        )}
      </div>
    ),
    type: (r) => <TypeBadge type={r.type} label={typeLabels[r.type] ?? r.type} />,
    industry: (r) => (r.industry ? (industryLabels[r.industry] ?? r.industry) : '—'),
    location: (r) =>
      [r.city, r.province !== r.city ? r.province : null].filter(Boolean).join(', ') || '—',
    // The number a rep on the road needs most: shown (and tappable) on phones too.
    phone: (r) => <PhoneLink value={r.phone} />,
    email: (r) => <EmailLink value={r.email} />,
    owner: (r) => r.ownerName ?? '—',
    tags: (r) => <TagList tags={r.tags} />,
    created: (r) => (
      <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
        {f.date(r.createdAt)}
      </Text>
    ),
  }

  // Type, industry and owner edited in the table's cells (the server checks each record).
  const inactive = t('crm.lists.inactive')
  const ownerInline = useOwnerInline<Row>(bulk)
  const edit: ListEdit<Row> | undefined = can('crm.companies.edit')
    ? {
        url: (r) => `${BASE}/${r.id}/field`,
        name: (r) => r.name,
        onSaved: () => router.reload({ only: ['companies', 'next', 'prev', 'offset', 'count'] }),
        fields: {
          type: {
            name: 'type',
            kind: 'select',
            value: (r) => r.type,
            options: (r) => choicesFor(catalog.types, r.type, inactive),
            render: (v) => v && <TypeBadge type={v} label={typeLabels[v] ?? v} />,
          },
          industry: {
            name: 'industry',
            kind: 'select',
            clearable: true,
            value: (r) => r.industry,
            options: (r) => choicesFor(catalog.industries, r.industry, inactive),
            render: (v) => v && (industryLabels[v] ?? v),
          },
          ...extras.inline,
          ...(ownerInline ? { owner: ownerInline } : {}),
        },
      }
    : undefined

  return (
    <>
      <Head title={t('crm.companies.title')} />
      <PageHeader
        title={t('crm.companies.title')}
        actions={
          <>
            {can('crm.companies.export') && companies.length > 0 && (
              <ExportMenu
                csvHref={listUrl(`${BASE}/export`, exportParams)}
                xlsxHref={listUrl(`${BASE}/export/xlsx`, exportParams)}
              />
            )}
            {can('crm.companies.create') && (
              <Button
                component={Link}
                href="/imports/crm.companies"
                variant="default"
                leftSection={<IconFileImport size={16} />}
                data-testid="import"
              >
                {t('import.action')}
              </Button>
            )}
            {can('crm.companies.create') && (
              <Button component={Link} href={`${BASE}/create`} leftSection={<IconPlus size={16} />}>
                {t('crm.companies.new')}
              </Button>
            )}
          </>
        }
      />
      <SavedViews resource="crm.companies" />
      <ListView
        bulk={bulk}
        edit={edit}
        base={BASE}
        rows={companies}
        rowId={(r) => r.id}
        rowHref={(r) => `${BASE}/${r.id}`}
        list={list}
        render={render}
        extraColumns={extraColumns}
        count={count}
        next={next}
        prev={prev}
        offset={offset}
        noun={(n) => t('crm.companies.noun', { count: n })}
        chips={chips}
        search={
          <ListSearch
            value={filters.q}
            placeholder={t('crm.companies.search_placeholder')}
            onSearch={(q) => set({ q })}
          />
        }
        filters={
          <>
            <Select
              aria-label={t('crm.companies.fields.type')}
              placeholder={t('crm.filters.any_type')}
              clearable
              value={filters.type || null}
              data={selectData(catalog.types, t('crm.lists.inactive'))}
              onChange={(v) => set({ type: v })}
            />
            <Select
              aria-label={t('crm.companies.fields.industry')}
              placeholder={t('crm.filters.any_industry')}
              clearable
              searchable
              value={filters.industry || null}
              data={selectData(catalog.industries, t('crm.lists.inactive'))}
              onChange={(v) => set({ industry: v })}
            />
            <Select
              aria-label={t('crm.companies.fields.owner')}
              placeholder={t('crm.filters.any_owner')}
              clearable
              searchable
              value={filters.owner || null}
              data={[{ value: 'mine', label: t('crm.filters.mine') }, ...owners]}
              onChange={(v) => set({ owner: v })}
            />
            <Select
              aria-label={t('crm.companies.fields.province')}
              placeholder={t('crm.filters.any_province')}
              clearable
              searchable
              value={filters.province || null}
              data={catalog.provinces}
              onChange={(v) => set({ province: v })}
            />
            <form
              onSubmit={(e) => {
                e.preventDefault()
                set({ city })
              }}
            >
              <TextInput
                aria-label={t('crm.companies.fields.city')}
                placeholder={t('crm.companies.fields.city')}
                value={city}
                onChange={(e) => setCity(e.currentTarget.value)}
                onBlur={() => city !== filters.city && set({ city })}
              />
            </form>
            {extras.inputs}
            <CreatedRangeInputs filters={filters} onChange={set} />
            {tagFilterUi.control}
            <CustomFilterInputs fields={customColumns} values={customFilters} onChange={set} />
          </>
        }
        empty={
          <EmptyState
            title={t('crm.companies.empty_title')}
            description={
              can('crm.companies.create')
                ? t('crm.companies.empty_description')
                : t('crm.companies.empty_readonly')
            }
            action={
              can('crm.companies.create') ? (
                <Button
                  component={Link}
                  href={`${BASE}/create`}
                  leftSection={<IconPlus size={16} />}
                >
                  {t('crm.companies.new')}
                </Button>
              ) : undefined
            }
          />
        }
      />
    </>
  )
}
