import { Link } from '@inertiajs/react'
import { Anchor, Badge, Group, Select, Text } from '@mantine/core'
import { useT, type FilterChip } from '~/ui'
import type { CompanyListFilters, CompanyRow } from '../../dto/companies'
import type { Catalog } from '../../dto/shared'
import { choicesFor, labelMap, selectData } from './lists'
import { CompanyPicker } from './company_picker'

type Coded = 'zone' | 'status' | 'size'
const LISTS: Record<Coded, 'zones' | 'statuses' | 'sizes'> = {
  zone: 'zones',
  status: 'statuses',
  size: 'sizes',
}

/** A long note in a cell: its first line, the rest on hover. */
const note = (text: string | null) =>
  text ? (
    <Text size="sm" lineClamp={2} title={text} maw={320}>
      {text}
    </Text>
  ) : (
    '—'
  )

/**
 * The companies list's classification parts: cells (zone, status, size, extra sectors, group,
 * competitor notes), their filters and chips, and their in-place editors.
 */
export function useCompanyListExtras(
  catalog: Catalog,
  filters: CompanyListFilters,
  set: (patch: Record<string, string | null>) => void
) {
  const { t } = useT()
  const inactive = t('crm.lists.inactive')
  const labels = {
    zone: labelMap(catalog.zones),
    status: labelMap(catalog.statuses),
    size: labelMap(catalog.sizes),
    industry: labelMap(catalog.industries),
  }
  const label = (key: Coded, code: string | null) => (code ? (labels[key][code] ?? code) : '—')

  const render: Record<string, (r: CompanyRow) => React.ReactNode> = {
    zone: (r) => label('zone', r.zone),
    status: (r) =>
      r.status ? (
        <Badge variant="light" color={r.status === 'activa' ? 'teal' : 'gray'} tt="none" fw={500}>
          {label('status', r.status)}
        </Badge>
      ) : (
        '—'
      ),
    size: (r) => label('size', r.size),
    industries: (r) =>
      r.industries.length ? (
        <Group gap={4}>
          {r.industries.map((code) => (
            <Badge key={code} size="sm" variant="outline" tt="none" fw={500}>
              {labels.industry[code] ?? code}
            </Badge>
          ))}
        </Group>
      ) : (
        '—'
      ),
    parent: (r) =>
      r.parentId ? (
        <Anchor component={Link} href={`/crm/companies/${r.parentId}`} size="sm">
          {r.parentName}
        </Anchor>
      ) : (
        '—'
      ),
    strengths: (r) => note(r.strengths),
    weaknesses: (r) => note(r.weaknesses),
  }

  const chips: FilterChip[] = (['zone', 'status', 'size'] as const)
    .filter((key) => filters[key])
    .map((key) => ({
      key,
      label: `${t(`crm.companies.fields.${key}`)}: ${label(key, filters[key])}`,
      remove: { [key]: null },
    }))
  if (filters.group)
    chips.push({
      key: 'group',
      label: `${t('crm.filters.group')}: ${filters.groupName || filters.group}`,
      remove: { group: null },
    })

  const inputs = [
    ...(['zone', 'status', 'size'] as const).map((key) => (
      <Select
        key={key}
        aria-label={t(`crm.companies.fields.${key}`)}
        placeholder={t(`crm.filters.any_${key}`)}
        clearable
        searchable
        value={filters[key] || null}
        data={selectData(catalog[LISTS[key]], inactive)}
        onChange={(v) => set({ [key]: v })}
        data-testid={`filter-${key}`}
      />
    )),
    <CompanyPicker
      key="group"
      aria-label={t('crm.filters.group')}
      placeholder={t('crm.filters.group')}
      clearable
      initial={filters.group ? [{ value: filters.group, label: filters.groupName }] : []}
      value={filters.group || null}
      onChange={(v) => set({ group: v })}
      data-testid="filter-group"
    />,
  ]

  const inline = Object.fromEntries(
    (['zone', 'status', 'size'] as const).map((key) => [
      key,
      {
        name: key,
        kind: 'select' as const,
        clearable: true,
        value: (r: CompanyRow) => r[key],
        options: (r: CompanyRow) => choicesFor(catalog[LISTS[key]], r[key], inactive),
        render: (v: string | null) => v && label(key, v),
      },
    ])
  )
  return { render, chips, inputs, inline }
}
