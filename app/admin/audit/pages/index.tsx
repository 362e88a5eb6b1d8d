import { Head } from '@inertiajs/react'
import { Badge, Box, Paper, Select, Text } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import {
  applyFilters,
  DataTable,
  EmptyState,
  FilterPanel,
  KeysetPager,
  PageHeader,
  useFormat,
  useT,
  type CappedCount,
  type Column,
  fullBadge,
  inlineLines,
  listFrame,
  usePhone,
  listUrl,
  type Option,
} from '~/ui'
import { Change } from './change'

interface Entry {
  id: number
  createdAt: string
  actorName: string | null
  subjectType: string
  subjectId: number
  /** The record's name, when known; for a list (id 0, an export) what it was. Already translated. */
  subjectLabel: string | null
  /** Names of the record type and of the field in the reader's language (from the manifests). */
  typeLabel: string
  fieldLabel: string | null
  action: string
  actionLabel: string
  field: string | null
  oldValue: string | null
  newValue: string | null
}

interface Filters {
  actorId: number | null
  subjectType: string
  subjectId: number | null
  action: string | null
  from: string | null
  to: string | null
  cursor: string | null
  before: string | null
}

interface Props {
  entries: Entry[]
  next: string | null
  prev: string | null
  /** Rows before this page (for "51–100 de 300"). */
  offset: number
  count: CappedCount
  filters: Filters
  users: Option[]
  /** Record types of the kernel and of every registered module. */
  subjectTypes: Option[]
  /** Audit actions of the kernel and of every registered module, labelled. */
  actions: Option[]
}

const BASE = '/admin/audit'

const ACTION_COLORS: Record<string, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  export: 'grape',
}

export default function AuditIndex({
  entries,
  next,
  prev,
  offset,
  count,
  filters,
  users,
  subjectTypes,
  actions,
}: Props) {
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const base = {
    actorId: filters.actorId,
    subjectType: filters.subjectType,
    subjectId: filters.subjectId,
    action: filters.action,
    from: filters.from,
    to: filters.to,
  }
  const apply = (changes: Partial<typeof base>) => applyFilters(BASE, { ...base, ...changes })
  // A type typed into the address bar that no manifest declares still shows as selected.
  const typeOptions =
    filters.subjectType && !subjectTypes.some((s) => s.value === filters.subjectType)
      ? [...subjectTypes, { value: filters.subjectType, label: filters.subjectType }]
      : subjectTypes

  const columns: Column<Entry>[] = [
    {
      key: 'date',
      header: t('admin.audit.columns.date'),
      render: (e) => f.dateTime(e.createdAt),
      width: 150,
    },
    {
      key: 'user',
      header: t('admin.audit.columns.user'),
      render: (e) =>
        e.actorName ?? (
          <Text span size="sm" c="dimmed">
            {t('admin.audit.system')}
          </Text>
        ),
    },
    {
      key: 'subject',
      header: t('admin.audit.columns.subject'),
      render: (e) => (
        <Box component="span" style={inlineLines}>
          <Text span size="sm">
            {e.subjectLabel ?? '—'}
          </Text>
          <Text span size="xs" c="dimmed">
            {e.subjectId ? `${e.typeLabel} #${e.subjectId}` : e.typeLabel}
          </Text>
        </Box>
      ),
    },
    {
      key: 'action',
      header: t('admin.audit.columns.action'),
      render: (e) => (
        <Badge
          component="span"
          styles={fullBadge}
          variant="light"
          color={ACTION_COLORS[e.action] ?? 'gray'}
          tt="none"
        >
          {e.actionLabel}
        </Badge>
      ),
    },
    { key: 'field', header: t('admin.audit.columns.field'), render: (e) => e.fieldLabel ?? '—' },
    {
      key: 'change',
      header: t('admin.audit.columns.change'),
      render: (e) => (e.field ? <Change from={e.oldValue} to={e.newValue} /> : '—'),
    },
  ]
  // On a phone the five filters would push the log below the fold: FilterPanel folds them away.
  const active = Object.values(base).filter((v) => v !== null && v !== '').length

  return (
    <>
      <Head title={t('admin.audit.title')} />
      <PageHeader
        title={t('admin.audit.title')}
        subtitle={t('admin.audit.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.audit.title') }]}
      />
      <FilterPanel active={active} onClear={() => applyFilters(BASE, {})}>
        <Select
          aria-label={t('admin.audit.filters.user')}
          placeholder={t('admin.audit.filters.any_user')}
          data={users}
          value={filters.actorId ? String(filters.actorId) : null}
          onChange={(v) => apply({ actorId: v ? Number(v) : null })}
          searchable
          clearable
        />
        <Select
          aria-label={t('admin.audit.filters.subject_type')}
          placeholder={t('admin.audit.filters.any_subject_type')}
          data={typeOptions}
          value={filters.subjectType || null}
          onChange={(v) => apply({ subjectType: v ?? '', subjectId: null })}
          searchable
          clearable
        />
        <Select
          aria-label={t('admin.audit.filters.action')}
          placeholder={t('admin.audit.filters.any_action')}
          data={actions}
          value={filters.action}
          onChange={(v) => apply({ action: v })}
          clearable
        />
        <DatePickerInput
          aria-label={t('admin.audit.filters.from')}
          placeholder={t('admin.audit.filters.from')}
          value={filters.from}
          onChange={(v) => apply({ from: v ? String(v).slice(0, 10) : null })}
          valueFormat="DD/MM/YYYY"
          clearable
        />
        <DatePickerInput
          aria-label={t('admin.audit.filters.to')}
          placeholder={t('admin.audit.filters.to')}
          value={filters.to}
          onChange={(v) => apply({ to: v ? String(v).slice(0, 10) : null })}
          valueFormat="DD/MM/YYYY"
          clearable
        />
      </FilterPanel>
      {entries.length === 0 ? (
        <EmptyState
          title={t('admin.audit.empty_title')}
          description={t('admin.audit.empty_description')}
        />
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={entries} columns={columns} rowKey={(e) => e.id} />
        </Paper>
      )}
      <KeysetPager
        count={count}
        noun={(n) => t('admin.audit.noun', { count: n })}
        firstHref={listUrl(BASE, base)}
        prevHref={prev ? listUrl(BASE, { ...base, before: prev }) : null}
        nextHref={next ? listUrl(BASE, { ...base, cursor: next }) : null}
        isFirstPage={!prev}
        offset={offset}
        shown={entries.length}
        exactHref={listUrl(BASE, {
          ...base,
          cursor: filters.cursor,
          before: filters.before,
          exact: true,
        })}
      />
    </>
  )
}
