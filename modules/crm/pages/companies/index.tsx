import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react'
import {
  DataTable,
  EmptyState,
  ExportMenu,
  KeysetPager,
  PageHeader,
  useCan,
  useNewRecordShortcut,
  useFormat,
  useT,
  applyFilters,
  FilterPanel,
  listUrl,
  PhoneLink,
  type CappedCount,
  type Column,
  type Option,
} from '~/ui'
import { SavedViews } from '~/ui/saved_views'
import { TypeBadge } from '../shared/type_badge'
import type { CompanyListFilters as Filters, CompanyRow } from '../../dto/companies'
import type { Catalog } from '../../dto/shared'
import { labelMap, selectData } from '../shared/lists'
import {
  CustomFilterInputs,
  useCustomColumns,
  useCustomSorts,
  type CustomFieldColumn,
  type CustomFieldValue,
} from '~/ui/custom_fields'

/** A list row with the values of the custom fields shown as columns. */
type Row = CompanyRow & { custom?: Record<string, CustomFieldValue> }

const BASE = '/crm/companies'
const SORTS = [
  ['name', 'name'],
  ['-name', 'name_desc'],
  ['-created', 'created_desc'],
]

export default function CompaniesIndex({
  companies,
  next,
  prev,
  offset,
  count,
  filters,
  owners,
  customFilters = {},
  customColumns = [],
  catalog,
}: {
  companies: Row[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  filters: Filters
  owners: Option[]
  customFilters?: Record<string, string>
  customColumns?: CustomFieldColumn[]
  catalog: Catalog
}) {
  const { t } = useT()
  const f = useFormat()
  const can = useCan()
  useNewRecordShortcut(can('crm.companies.create') ? `${BASE}/create` : null)
  const [q, setQ] = useState(filters.q)
  const [city, setCity] = useState(filters.city)
  // The boxes follow the URL when filters change elsewhere ("quitar filtros", back button):
  // adjusted while rendering, when either filter differs from the one last seen.
  const [seen, setSeen] = useState({ q: filters.q, city: filters.city })
  if (seen.q !== filters.q || seen.city !== filters.city) {
    setSeen({ q: filters.q, city: filters.city })
    setQ(filters.q)
    setCity(filters.city)
  }
  const { cursor, before, ...builtIn } = filters
  const current = { ...builtIn, ...customFilters }
  const customCols = useCustomColumns<Row>(customColumns)
  const customSorts = useCustomSorts(customColumns)
  const set = (patch: Partial<Filters>) =>
    applyFilters(BASE, { ...current, sort: current.sort === 'name' ? '' : current.sort, ...patch })
  const active =
    ['type', 'industry', 'owner', 'province', 'city'].filter(
      (k) => current[k as keyof typeof current]
    ).length + Object.keys(customFilters).length
  const filtered = active > 0 || !!filters.q
  const params = { ...current, sort: current.sort === 'name' ? '' : current.sort }

  const typeLabels = labelMap(catalog.types)
  const industryLabels = labelMap(catalog.industries)
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: t('crm.companies.fields.name'),
      render: (r) => (
        <div>
          <Anchor
            component={Link}
            href={`${BASE}/${r.id}`}
            prefetch
            fw={600}
            size="sm"
            onClick={(e) => e.stopPropagation()}
          >
            {r.name}
          </Anchor>
          {r.nif && (
            <Text size="xs" c="dimmed">
              {r.nif}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'type',
      header: t('crm.companies.fields.type'),
      render: (r) => <TypeBadge type={r.type} label={typeLabels[r.type] ?? r.type} />,
    },
    {
      key: 'industry',
      header: t('crm.companies.fields.industry'),
      render: (r) => (r.industry ? (industryLabels[r.industry] ?? r.industry) : '—'),
      hideOnMobile: true,
    },
    {
      key: 'location',
      header: t('crm.companies.fields.location'),
      render: (r) =>
        [r.city, r.province !== r.city ? r.province : null].filter(Boolean).join(', ') || '—',
    },
    // The number a rep on the road needs most: shown (and tappable) on phones too.
    {
      key: 'phone',
      header: t('crm.companies.fields.phone'),
      render: (r) => <PhoneLink value={r.phone} />,
    },
    { key: 'owner', header: t('crm.companies.fields.owner'), render: (r) => r.ownerName ?? '—' },
    {
      key: 'created',
      header: t('crm.companies.fields.createdAt'),
      render: (r) => (
        <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
          {f.date(r.createdAt)}
        </Text>
      ),
      hideOnMobile: true,
    },
    ...customCols,
  ]

  return (
    <>
      <Head title={t('crm.companies.title')} />
      <PageHeader
        title={t('crm.companies.title')}
        actions={
          <>
            {can('crm.companies.export') && companies.length > 0 && (
              <ExportMenu
                csvHref={listUrl(`${BASE}/export`, params)}
                xlsxHref={listUrl(`${BASE}/export/xlsx`, params)}
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
      <FilterPanel
        active={active}
        onClear={() => {
          setQ('')
          setCity('')
          applyFilters(BASE, {})
        }}
        search={
          <form
            onSubmit={(e) => {
              e.preventDefault()
              set({ q })
            }}
          >
            <TextInput
              aria-label={t('common.search')}
              placeholder={t('crm.companies.search_placeholder')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onBlur={() => q !== filters.q && set({ q })}
              data-testid="search"
            />
          </form>
        }
      >
        <Select
          aria-label={t('crm.companies.fields.type')}
          placeholder={t('crm.filters.any_type')}
          clearable
          value={filters.type || null}
          data={selectData(catalog.types, t('crm.lists.inactive'))}
          onChange={(v) => set({ type: v ?? '' })}
        />
        <Select
          aria-label={t('crm.companies.fields.industry')}
          placeholder={t('crm.filters.any_industry')}
          clearable
          searchable
          value={filters.industry || null}
          data={selectData(catalog.industries, t('crm.lists.inactive'))}
          onChange={(v) => set({ industry: v ?? '' })}
        />
        <Select
          aria-label={t('crm.companies.fields.owner')}
          placeholder={t('crm.filters.any_owner')}
          clearable
          searchable
          value={filters.owner || null}
          data={[{ value: 'mine', label: t('crm.filters.mine') }, ...owners]}
          onChange={(v) => set({ owner: v ?? '' })}
        />
        <Select
          aria-label={t('crm.companies.fields.province')}
          placeholder={t('crm.filters.any_province')}
          clearable
          searchable
          value={filters.province || null}
          data={catalog.provinces}
          onChange={(v) => set({ province: v ?? '' })}
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
        <CustomFilterInputs
          fields={customColumns}
          values={customFilters}
          onChange={(patch) => set(patch as Partial<Filters>)}
        />
        <Select
          aria-label={t('crm.filters.sort')}
          value={filters.sort}
          allowDeselect={false}
          data={[
            ...SORTS.map(([value, key]) => ({ value, label: t(`crm.sort.${key}`) })),
            ...customSorts,
          ]}
          onChange={(v) => set({ sort: v === 'name' ? '' : (v ?? '') })}
        />
      </FilterPanel>

      {companies.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t('crm.companies.no_results')}
            description={t('crm.companies.no_results_description')}
            action={
              <Button variant="default" onClick={() => applyFilters(BASE, {})}>
                {t('crm.filters.clear')}
              </Button>
            }
          />
        ) : (
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
        )
      ) : (
        <Stack gap={0}>
          <DataTable
            rows={companies}
            columns={columns}
            rowKey={(r) => r.id}
            onRowClick={(r) => router.visit(`${BASE}/${r.id}`)}
            rowHref={(r) => `${BASE}/${r.id}`}
          />
          <KeysetPager
            count={count}
            noun={(n) => t('crm.companies.noun', { count: n })}
            firstHref={listUrl(BASE, params)}
            prevHref={prev ? listUrl(BASE, { ...params, before: prev }) : null}
            nextHref={next ? listUrl(BASE, { ...params, cursor: next }) : null}
            isFirstPage={!prev}
            offset={offset}
            shown={companies.length}
            exactHref={listUrl(BASE, { ...params, cursor, before, count: 'exact' })}
          />
        </Stack>
      )}
    </>
  )
}
