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
  EmailLink,
  FilterPanel,
  listUrl,
  PhoneLink,
  type CappedCount,
  type Column,
  type Option,
} from '~/ui'
import { SavedViews } from '~/ui/saved_views'
import { CompanyPicker } from '../shared/company_picker'
import type { ContactListFilters as Filters, ContactRow } from '../../dto/contacts'
import {
  CustomFilterInputs,
  useCustomColumns,
  useCustomSorts,
  type CustomFieldColumn,
  type CustomFieldValue,
} from '~/ui/custom_fields'

/** A list row with the values of the custom fields shown as columns. */
type Row = ContactRow & { custom?: Record<string, CustomFieldValue> }

const BASE = '/crm/contacts'
const SORTS = [
  ['name', 'name'],
  ['-name', 'name_desc'],
  ['-created', 'created_desc'],
]

export default function ContactsIndex({
  contacts,
  next,
  prev,
  offset,
  count,
  filters,
  owners,
  customFilters = {},
  customColumns = [],
  companies,
}: {
  contacts: Row[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  filters: Filters
  owners: Option[]
  customFilters?: Record<string, string>
  customColumns?: CustomFieldColumn[]
  companies: Option[]
}) {
  const { t } = useT()
  const f = useFormat()
  const can = useCan()
  useNewRecordShortcut(can('crm.contacts.create') ? `${BASE}/create` : null)
  const [q, setQ] = useState(filters.q)
  // The box follows the URL when the search changes elsewhere ("quitar filtros", back button):
  // adjusted while rendering, when it differs from the one last seen.
  const [seenQ, setSeenQ] = useState(filters.q)
  if (seenQ !== filters.q) {
    setSeenQ(filters.q)
    setQ(filters.q)
  }
  const { cursor, before, ...builtIn } = filters
  const current = { ...builtIn, ...customFilters }
  const customCols = useCustomColumns<Row>(customColumns)
  const customSorts = useCustomSorts(customColumns)
  const params = { ...current, sort: current.sort === 'name' ? '' : current.sort }
  const set = (patch: Partial<Filters>) => applyFilters(BASE, { ...params, ...patch })
  const active =
    ['owner', 'company'].filter((k) => current[k as keyof typeof current]).length +
    Object.keys(customFilters).length
  const stop = (e: React.MouseEvent) => e.stopPropagation()

  const columns: Column<Row>[] = [
    // The position under the name (as a company's NIF), names may wrap: the table fits at 1280 px.
    {
      key: 'name',
      header: t('crm.contacts.fields.name'),
      render: (r) => (
        <div>
          <Anchor
            component={Link}
            href={`${BASE}/${r.id}`}
            prefetch
            fw={600}
            size="sm"
            onClick={stop}
          >
            {r.name}
          </Anchor>
          {r.position && (
            <Text size="xs" c="dimmed">
              {r.position}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'company',
      header: t('crm.contacts.fields.company'),
      render: (r) =>
        r.companyId ? (
          <Anchor component={Link} href={`/crm/companies/${r.companyId}`} size="sm" onClick={stop}>
            {r.companyName}
          </Anchor>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('crm.contacts.no_company')}
          </Text>
        ),
    },
    // Long addresses are cut (full text on hover) so they do not squeeze every other column.
    {
      key: 'email',
      header: t('crm.contacts.fields.email'),
      render: (r) => <EmailLink value={r.email} />,
    },
    {
      key: 'phone',
      header: t('crm.contacts.fields.phone'),
      render: (r) => <PhoneLink value={r.phone} />,
    },
    {
      key: 'owner',
      header: t('crm.contacts.fields.owner'),
      render: (r) => r.ownerName ?? '—',
      hideOnMobile: true,
    },
    {
      key: 'created',
      header: t('crm.contacts.fields.createdAt'),
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
      <Head title={t('crm.contacts.title')} />
      <PageHeader
        title={t('crm.contacts.title')}
        actions={
          <>
            {can('crm.contacts.export') && contacts.length > 0 && (
              <ExportMenu
                csvHref={listUrl(`${BASE}/export`, params)}
                xlsxHref={listUrl(`${BASE}/export/xlsx`, params)}
              />
            )}
            {can('crm.contacts.create') && (
              <Button
                component={Link}
                href="/imports/crm.contacts"
                variant="default"
                leftSection={<IconFileImport size={16} />}
                data-testid="import"
              >
                {t('import.action')}
              </Button>
            )}
            {can('crm.contacts.create') && (
              <Button component={Link} href={`${BASE}/create`} leftSection={<IconPlus size={16} />}>
                {t('crm.contacts.new')}
              </Button>
            )}
          </>
        }
      />
      <SavedViews resource="crm.contacts" />
      <FilterPanel
        active={active}
        onClear={() => {
          setQ('')
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
              placeholder={t('crm.contacts.search_placeholder')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onBlur={() => q !== filters.q && set({ q })}
              data-testid="search"
            />
          </form>
        }
      >
        <CompanyPicker
          aria-label={t('crm.contacts.fields.company')}
          placeholder={t('crm.filters.any_company')}
          initial={companies}
          value={filters.company || null}
          onChange={(v) => set({ company: v ?? '' })}
        />
        <Select
          aria-label={t('crm.contacts.fields.owner')}
          placeholder={t('crm.filters.any_owner')}
          clearable
          searchable
          value={filters.owner || null}
          data={[{ value: 'mine', label: t('crm.filters.mine') }, ...owners]}
          onChange={(v) => set({ owner: v ?? '' })}
        />
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

      {contacts.length === 0 ? (
        active > 0 || filters.q ? (
          <EmptyState
            title={t('crm.contacts.no_results')}
            description={t('crm.contacts.no_results_description')}
            action={
              <Button variant="default" onClick={() => applyFilters(BASE, {})}>
                {t('crm.filters.clear')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            title={t('crm.contacts.empty_title')}
            description={
              can('crm.contacts.create')
                ? t('crm.contacts.empty_description')
                : t('crm.contacts.empty_readonly')
            }
            action={
              can('crm.contacts.create') ? (
                <Button
                  component={Link}
                  href={`${BASE}/create`}
                  leftSection={<IconPlus size={16} />}
                >
                  {t('crm.contacts.new')}
                </Button>
              ) : undefined
            }
          />
        )
      ) : (
        <Stack gap={0}>
          <DataTable
            rows={contacts}
            columns={columns}
            rowKey={(r) => r.id}
            onRowClick={(r) => router.visit(`${BASE}/${r.id}`)}
            rowHref={(r) => `${BASE}/${r.id}`}
          />
          <KeysetPager
            count={count}
            noun={(n) => t('crm.contacts.noun', { count: n })}
            firstHref={listUrl(BASE, params)}
            prevHref={prev ? listUrl(BASE, { ...params, before: prev }) : null}
            nextHref={next ? listUrl(BASE, { ...params, cursor: next }) : null}
            isFirstPage={!prev}
            offset={offset}
            shown={contacts.length}
            exactHref={listUrl(BASE, { ...params, cursor, before, count: 'exact' })}
          />
        </Stack>
      )}
    </>
  )
}
