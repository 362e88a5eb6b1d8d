import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Button, Select, Text } from '@mantine/core'
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
import { CompanyPicker } from '../shared/company_picker'
import { useContactListExtras } from '../shared/contact_list_extras'
import type { ContactCatalog } from '../../dto/contacts'
import type { ContactListFilters as Filters, ContactRow } from '../../dto/contacts'
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
type Row = ContactRow & { custom?: Record<string, CustomFieldValue> }

const BASE = '/crm/contacts'

export default function ContactsIndex({
  contacts,
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
  companies,
  list,
  bulk = null,
  contactCatalog,
}: {
  contacts: Row[]
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
  companies: Option[]
  list: ListProps
  bulk?: BulkConfig | null
  contactCatalog: ContactCatalog
}) {
  const { t } = useT()
  const f = useFormat()
  const can = useCan()
  useNewRecordShortcut(can('crm.contacts.create') ? `${BASE}/create` : null)
  const url = useListUrl(BASE)
  const compact = url.params.density === 'compact'
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
  const extras = useContactListExtras(contactCatalog, filters, set)
  const ownerLabel = (v: string) =>
    v === 'mine' ? t('crm.filters.mine') : (owners.find((o) => o.value === v)?.label ?? v)
  const chips: FilterChip[] = [
    ...(filters.company
      ? [
          {
            key: 'company',
            label: `${t('crm.contacts.fields.company')}: ${
              companies.find((c) => String(c.value) === filters.company)?.label ?? filters.company
            }`,
            remove: { company: null },
          },
        ]
      : []),
    ...(filters.owner
      ? [
          {
            key: 'owner',
            label: `${t('crm.contacts.fields.owner')}: ${ownerLabel(filters.owner)}`,
            remove: { owner: null },
          },
        ]
      : []),
    ...extras.chips,
    ...useCreatedChips(filters),
    ...customChips(customColumns, customFilters),
    ...tagFilterUi.chips,
  ]

  // The position has its own column when asked for (`cols=`): then not under the name.
  const positionColumn = (url.params.cols ?? '').split(',').includes('position')
  const render: Record<string, (r: Row) => React.ReactNode> = {
    ...extras.render,
    // The position under the name (as a company's NIF), names may wrap: the table fits at 1280 px.
    name: (r) => (
      <div>
        <Anchor component={Link} href={`${BASE}/${r.id}`} prefetch fw={600} size="sm">
          {r.name}
        </Anchor>
        {r.position && !compact && !positionColumn && (
          <Text size="xs" c="dimmed">
            {r.position}
          </Text>
        )}
      </div>
    ),
    company: (r) =>
      r.companyId ? (
        <Anchor component={Link} href={`/crm/companies/${r.companyId}`} size="sm">
          {r.companyName}
        </Anchor>
      ) : (
        <Text span size="sm" c="dimmed">
          {t('crm.contacts.no_company')}
        </Text>
      ),
    email: (r) => <EmailLink value={r.email} />,
    phone: (r) => <PhoneLink value={r.phone} />,
    position: (r) => r.position ?? '—',
    owner: (r) => r.ownerName ?? '—',
    tags: (r) => <TagList tags={r.tags} />,
    created: (r) => (
      <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
        {f.date(r.createdAt)}
      </Text>
    ),
  }

  // Position and owner edited in the table's cells (the server checks each record).
  const ownerInline = useOwnerInline<Row>(bulk)
  const edit: ListEdit<Row> | undefined = can('crm.contacts.edit')
    ? {
        url: (r) => `${BASE}/${r.id}/field`,
        name: (r) => r.name,
        onSaved: () => router.reload({ only: ['contacts', 'next', 'prev', 'offset', 'count'] }),
        fields: {
          position: { name: 'position', value: (r) => r.position },
          ...extras.inline,
          ...(ownerInline ? { owner: ownerInline } : {}),
        },
      }
    : undefined

  return (
    <>
      <Head title={t('crm.contacts.title')} />
      <PageHeader
        title={t('crm.contacts.title')}
        actions={
          <>
            {can('crm.contacts.export') && contacts.length > 0 && (
              <ExportMenu
                csvHref={listUrl(`${BASE}/export`, exportParams)}
                xlsxHref={listUrl(`${BASE}/export/xlsx`, exportParams)}
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
      <ListView
        bulk={bulk}
        edit={edit}
        base={BASE}
        rows={contacts}
        rowId={(r) => r.id}
        rowHref={(r) => `${BASE}/${r.id}`}
        list={list}
        render={render}
        extraColumns={extraColumns}
        count={count}
        next={next}
        prev={prev}
        offset={offset}
        noun={(n) => t('crm.contacts.noun', { count: n })}
        chips={chips}
        search={
          <ListSearch
            value={filters.q}
            placeholder={t('crm.contacts.search_placeholder')}
            onSearch={(q) => set({ q })}
          />
        }
        filters={
          <>
            <CompanyPicker
              aria-label={t('crm.contacts.fields.company')}
              placeholder={t('crm.filters.any_company')}
              initial={companies}
              value={filters.company || null}
              onChange={(v) => set({ company: v ?? null })}
            />
            <Select
              aria-label={t('crm.contacts.fields.owner')}
              placeholder={t('crm.filters.any_owner')}
              clearable
              searchable
              value={filters.owner || null}
              data={[{ value: 'mine', label: t('crm.filters.mine') }, ...owners]}
              onChange={(v) => set({ owner: v })}
            />
            {extras.inputs}
            <CreatedRangeInputs filters={filters} onChange={set} />
            {tagFilterUi.control}
            <CustomFilterInputs fields={customColumns} values={customFilters} onChange={set} />
          </>
        }
        empty={
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
        }
      />
    </>
  )
}
