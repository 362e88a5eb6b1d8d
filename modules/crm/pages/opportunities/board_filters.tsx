import type { ReactNode } from 'react'
import { Link, usePage } from '@inertiajs/react'
import { Rating, SegmentedControl, Select, TextInput } from '@mantine/core'
import { useT, useTagFilter, type FilterChip, type Option, type TagChip } from '~/ui'
import type { OpportunityListFilters as Filters } from '../../dto/opportunity_list'

export type { Filters }

/** A stage as the filters need it. */
export interface StageOption {
  id: number
  name: string
}

/** What the board and the list both receive for their filters. */
export interface FilterOptions {
  filters: Filters
  teams: Option[]
  owners: Option[]
  sources: Option[]
  stages: StageOption[]
  tagFilter?: number[]
  tagOptions?: TagChip[]
}

type Set = (patch: Record<string, string | null>) => void

const STATUSES = ['open', 'won', 'lost'] as const

/** Query parameters that are the page's own (paging), not filters: the switch drops them. */
const PAGING = ['cursor', 'before', 'count']

/**
 * "Tablero | Lista": the other page with the same query string (filters, saved view), so the
 * filters in force carry across; paging stays behind.
 */
export function ViewSwitch({ current }: { current: 'board' | 'list' }) {
  const { t } = useT()
  const { url } = usePage()
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '')
  for (const key of PAGING) query.delete(key)
  const suffix = query.toString() ? `?${query}` : ''
  const item = (value: 'board' | 'list', label: string) => ({
    value,
    label: (
      <Link
        href={`/crm/opportunities/${value}${suffix}`}
        style={{ color: 'inherit', textDecoration: 'none' }}
        aria-current={value === current ? 'page' : undefined}
        data-testid={`view-${value}`}
      >
        {label}
      </Link>
    ),
  })
  return (
    <SegmentedControl
      aria-label={t('crm.list.view')}
      value={current}
      data={[
        item('board', t('crm.opportunities.board')),
        item('list', t('crm.opportunities.list')),
      ]}
    />
  )
}

/**
 * The filter inputs of the board and the list (the same URL names on both, so a saved view or
 * the switch serves either) and the chips of those in force. `withStage`: the list's stage
 * filter (the board shows stages as its columns).
 */
export function useOpportunityFilters(options: FilterOptions & { set: Set; withStage: boolean }): {
  inputs: ReactNode
  chips: FilterChip[]
  tagParam: string | null
} {
  const { t } = useT()
  const { filters, set } = options
  const tags = useTagFilter({
    value: options.tagFilter ?? [],
    options: options.tagOptions ?? [],
    set,
  })
  const ownerOptions: Option[] = [
    { value: 'mine', label: t('crm.filters.mine') },
    { value: 'none', label: t('crm.list.unassigned') },
    ...options.owners,
  ]
  const stageOptions = options.stages.map((s) => ({ value: String(s.id), label: s.name }))
  const statusOptions = STATUSES.map((v) => ({
    value: v,
    label: t(`crm.opportunities.status.${v}`),
  }))
  const priorityOptions = ['1', '2', '3'].map((v) => ({
    value: v,
    label: t('crm.list.priority_at_least', { stars: '★'.repeat(Number(v)) }),
  }))
  // "Sin asignar" is its own parameter (`unassigned=1`), shown in the owner select as "none".
  const setOwner = (v: string | null) =>
    v === 'none' ? set({ owner: null, unassigned: '1' }) : set({ owner: v, unassigned: null })
  const labelOf = (list: Option[], value: string) =>
    list.find((o) => o.value === value)?.label ?? value
  const chip = (key: string, field: string, value: string, remove: Record<string, null>) => ({
    key,
    label: `${t(field)}: ${value}`,
    remove,
  })
  const f = 'crm.opportunities.fields'
  const chips: FilterChip[] = [
    filters.team && chip('team', `${f}.team`, labelOf(options.teams, filters.team), { team: null }),
    filters.owner &&
      chip('owner', `${f}.owner`, labelOf(ownerOptions, filters.owner), {
        owner: null,
        unassigned: null,
      }),
    options.withStage &&
      filters.stage &&
      chip('stage', `${f}.stage`, labelOf(stageOptions, filters.stage), { stage: null }),
    filters.status &&
      chip('status', `${f}.status`, labelOf(statusOptions, filters.status), { status: null }),
    filters.source &&
      chip('source', `${f}.source`, labelOf(options.sources, filters.source), { source: null }),
    filters.priority &&
      chip('priority', `${f}.priority`, labelOf(priorityOptions, filters.priority), {
        priority: null,
      }),
    filters.closeFrom &&
      chip('closeFrom', 'crm.opportunities.close_from', filters.closeFrom, { closeFrom: null }),
    filters.closeTo &&
      chip('closeTo', 'crm.opportunities.close_to', filters.closeTo, { closeTo: null }),
    ...tags.chips,
  ].filter((c): c is FilterChip => Boolean(c))

  // In the list's filter panel (a grid) the inputs take the cell; on the board, a fixed width.
  const w = (px: number) => (options.withStage ? undefined : px)
  const inputs = (
    <>
      <Select
        label={t('crm.opportunities.team')}
        placeholder={t('crm.list.any_team')}
        data={options.teams}
        value={filters.team || null}
        clearable
        // A team with its own pipeline has other stages: the stage filter goes with it.
        onChange={(v) => set({ team: v, stage: null })}
        w={w(200)}
      />
      <Select
        label={t(`${f}.owner`)}
        placeholder={t('crm.filters.any_owner')}
        data={ownerOptions}
        value={filters.owner || null}
        clearable
        searchable
        onChange={setOwner}
        w={w(230)}
      />
      {options.withStage && (
        <Select
          label={t(`${f}.stage`)}
          placeholder={t('crm.list.any_stage')}
          data={stageOptions}
          value={filters.stage || null}
          clearable
          onChange={(v) => set({ stage: v })}
          w={w(190)}
        />
      )}
      <Select
        label={t(`${f}.status`)}
        placeholder={t('crm.list.any_status')}
        data={statusOptions}
        value={filters.status || null}
        clearable
        onChange={(v) => set({ status: v })}
        w={w(170)}
      />
      <Select
        label={t(`${f}.source`)}
        placeholder={t('crm.list.any_source')}
        data={options.sources}
        value={filters.source || null}
        clearable
        onChange={(v) => set({ source: v })}
        w={w(180)}
      />
      <Select
        label={t(`${f}.priority`)}
        placeholder={t('crm.list.any_priority')}
        data={priorityOptions}
        value={filters.priority || null}
        clearable
        onChange={(v) => set({ priority: v })}
        w={w(190)}
      />
      <TextInput
        type="date"
        label={t('crm.opportunities.close_from')}
        defaultValue={filters.closeFrom}
        key={`from-${filters.closeFrom}`}
        onBlur={(e) =>
          e.currentTarget.value !== filters.closeFrom &&
          set({ closeFrom: e.currentTarget.value || null })
        }
        w={w(160)}
      />
      <TextInput
        type="date"
        label={t('crm.opportunities.close_to')}
        defaultValue={filters.closeTo}
        key={`to-${filters.closeTo}`}
        onBlur={(e) =>
          e.currentTarget.value !== filters.closeTo &&
          set({ closeTo: e.currentTarget.value || null })
        }
        w={w(160)}
      />
      {tags.control}
    </>
  )
  return { inputs, chips, tagParam: tags.param }
}

/** Priority as stars (read-only), with its value for screen readers. */
export function PriorityStars({ value }: { value: number }) {
  const { t } = useT()
  return (
    <Rating
      value={value}
      count={3}
      readOnly
      size="xs"
      aria-label={t('crm.list.priority_value', { count: value })}
    />
  )
}
