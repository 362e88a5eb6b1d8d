import { useState } from 'react'
import { usePage } from '@inertiajs/react'
import { IconSearch } from '@tabler/icons-react'
import { TextInput } from '@mantine/core'
import {
  useFormat,
  useT,
  type BulkConfig,
  type ExtraColumn,
  type FilterChip,
  type InlineColumn,
  type SharedProps,
} from '~/ui'
import { useCustomColumns, type CustomFieldColumn, type CustomFieldValue } from '~/ui/custom_fields'

type WithCustom = { custom?: Record<string, CustomFieldValue> }

/** The custom fields shown in the list as extra columns, sortable by header when they can be. */
export function useCustomListColumns<Row extends WithCustom>(
  fields: CustomFieldColumn[]
): ExtraColumn<Row>[] {
  const columns = useCustomColumns<Row>(fields)
  return columns.map((c, i) => ({
    key: c.key,
    label: c.header,
    render: c.render,
    sort: fields[i].sortable
      ? { asc: `cf_${fields[i].key}`, desc: `-cf_${fields[i].key}` }
      : undefined,
  }))
}

/** Chips of the custom-field filters in force (`cf_<key>`, `_from`, `_to`). */
export function customChips(
  fields: CustomFieldColumn[],
  values: Record<string, string>
): FilterChip[] {
  return Object.entries(values).map(([param, value]) => {
    const field = fields.find((f) => param === `cf_${f.key}` || param.startsWith(`cf_${f.key}_`))
    const labels = new Map((field?.options ?? []).map((o) => [o.value, o.label]))
    const shown = value
      .split(',')
      .map((v) => labels.get(v) ?? v)
      .join(', ')
    const bound = param.endsWith('_from') ? ' ≥' : param.endsWith('_to') ? ' ≤' : ':'
    return {
      key: param,
      label: `${field?.label ?? param}${bound} ${shown}`,
      remove: { [param]: null },
    }
  })
}

/** Chips of the created-date range. */
export function useCreatedChips(filters: { created_from: string; created_to: string }) {
  const { t } = useT()
  const f = useFormat()
  const chips: FilterChip[] = []
  if (filters.created_from)
    chips.push({
      key: 'created_from',
      label: t('list.created_from', { date: f.date(filters.created_from) }),
      remove: { created_from: null },
    })
  if (filters.created_to)
    chips.push({
      key: 'created_to',
      label: t('list.created_to', { date: f.date(filters.created_to) }),
      remove: { created_to: null },
    })
  return chips
}

/** "Alta desde" / "Alta hasta": day inputs on `created_from` / `created_to`. */
export function CreatedRangeInputs({
  filters,
  onChange,
}: {
  filters: { created_from: string; created_to: string }
  onChange: (patch: Record<string, string | null>) => void
}) {
  const { t } = useT()
  return (
    <>
      <TextInput
        type="date"
        aria-label={t('list.created_from', { date: '' }).trim()}
        placeholder={t('list.created_from', { date: '' }).trim()}
        value={filters.created_from}
        onChange={(e) => onChange({ created_from: e.currentTarget.value || null })}
        data-testid="created-from"
      />
      <TextInput
        type="date"
        aria-label={t('list.created_to', { date: '' }).trim()}
        placeholder={t('list.created_to', { date: '' }).trim()}
        value={filters.created_to}
        onChange={(e) => onChange({ created_to: e.currentTarget.value || null })}
        data-testid="created-to"
      />
    </>
  )
}

type Owned = { ownerId: number | null; ownerName: string | null }

/**
 * The owner column edited in place: the owners the bulk bar offers (those the user may give
 * records to), with the row's own when no longer among them. Null when the user may not
 * reassign (only herself to choose, or no bulk owner action).
 */
export function useOwnerInline<Row extends Owned>(
  bulk: BulkConfig | null
): InlineColumn<Row> | null {
  const { shell } = usePage<SharedProps>().props
  const owners = bulk?.owners ?? []
  if (!owners.some((o) => o.value !== String(shell.user?.id))) return null
  return {
    name: 'ownerId',
    kind: 'select',
    value: (r) => (r.ownerId === null ? null : String(r.ownerId)),
    options: (r) =>
      r.ownerId !== null && !owners.some((o) => o.value === String(r.ownerId))
        ? [{ value: String(r.ownerId), label: r.ownerName ?? '—' }, ...owners]
        : owners,
  }
}

/**
 * A list's search box: searches on Enter or when it loses focus with a changed text, and follows
 * the URL when the filter changes elsewhere ("quitar filtros", the back button).
 */
export function ListSearch(props: {
  value: string
  placeholder: string
  onSearch: (q: string) => void
}) {
  const { t } = useT()
  const [q, setQ] = useState(props.value)
  // Adjusted while rendering, when the filter differs from the one last seen.
  const [seen, setSeen] = useState(props.value)
  if (seen !== props.value) {
    setSeen(props.value)
    setQ(props.value)
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        props.onSearch(q)
      }}
    >
      <TextInput
        aria-label={t('common.search')}
        placeholder={props.placeholder}
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onBlur={() => q !== props.value && props.onSearch(q)}
        data-testid="search"
      />
    </form>
  )
}
