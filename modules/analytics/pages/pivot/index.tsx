import { useEffect, useMemo, useState } from 'react'
import { Head, router } from '@inertiajs/react'
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Loader,
  Menu,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { DateField, EmptyState, PageHeader, useT } from '~/ui'
import { apiJson, downloadPost } from '~/ui/api'
import type {
  PivotGranularity,
  PivotGrid,
  PivotPageProps,
  PivotState,
  ReportDto,
} from '../../dto/pivot'
import { emptyState, stateFromSearch, stateToSearch } from './url_state'
import { PivotTable, type DrillTarget } from './pivot_table'
import { PivotChart } from './pivot_chart'
import { ReportModal } from './report_modal'
import { DrillModal } from './drill_modal'

const GRANULARITIES: PivotGranularity[] = ['day', 'week', 'month', 'quarter', 'year']
const OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'gt',
  'gte',
  'lt',
  'lte',
  'set',
  'notSet',
]

function initialState(props: PivotPageProps): PivotState | null {
  const fromUrl = typeof window === 'undefined' ? null : stateFromSearch(window.location.search)
  if (fromUrl && props.views.some((v) => v.name === fromUrl.view)) return fromUrl
  if (props.report) return props.report.state
  const view = props.views.find((v) => v.name === 'crm_pipeline') ?? props.views[0]
  return view ? emptyState(view) : null
}

/** The state as queried: a date range with one end only is left out until both are set. */
function completeRange(state: PivotState | null): PivotState | null {
  const range = state?.time?.dateRange
  if (!state?.time || !range || (range[0] && range[1])) return state
  return { ...state, time: { ...state.time, dateRange: null } }
}

/** Analítica › Tabla dinámica: the builder, the pivot (table or chart), save, export, drill. */
export default function PivotPage(props: PivotPageProps) {
  const { t } = useT()
  const P = (key: string, values?: Record<string, unknown>) => t(`analytics.pivot.${key}`, values)
  const [state, setState] = useState<PivotState | null>(() => initialState(props))
  const [grid, setGrid] = useState<PivotGrid | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const report: ReportDto | null = props.report
  const view = props.views.find((v) => v.name === state?.view)
  const options = useMemo(() => {
    const dims = view?.dimensions ?? []
    return {
      measures: (view?.measures ?? []).map((m) => ({ value: m.name, label: m.title })),
      dimensions: dims
        .filter((d) => d.type !== 'time')
        .map((d) => ({ value: d.name, label: d.title })),
      times: dims.filter((d) => d.type === 'time').map((d) => ({ value: d.name, label: d.title })),
      members: [...dims, ...(view?.measures ?? [])].map((d) => ({ value: d.name, label: d.title })),
    }
  }, [view])

  const queryState = useMemo(() => completeRange(state), [state])

  // The URL follows the state (a link reproduces the pivot); the grid is fetched after a pause.
  useEffect(() => {
    if (!state || !queryState) return
    window.history.replaceState(window.history.state, '', stateToSearch(state, report?.id))
    if (!queryState.measures.length) return
    let live = true
    const timer = setTimeout(() => {
      setLoading(true)
      void apiJson<PivotGrid & { error?: string }>('POST', '/analytics/pivot/data', {
        state: queryState,
      }).then((result) => {
        if (!live) return
        setLoading(false)
        if (result.ok) {
          setGrid(result.body)
          setError(null)
        } else
          setError(result.body.error ?? result.body.errors?.[0]?.message ?? String(result.status))
      })
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [state, queryState, report?.id])

  if (!state || !view)
    return (
      <>
        <Head title={P('title')} />
        <PageHeader title={P('title')} />
        <EmptyState title={P('title')} description={t('analytics.views.empty')} />
      </>
    )

  const set = (patch: Partial<PivotState>) => setState({ ...state, ...patch })
  const time = state.time
  const setTime = (patch: Partial<NonNullable<PivotState['time']>>) =>
    set({
      time: {
        dimension: time?.dimension ?? options.times[0]?.value ?? '',
        granularity: time?.granularity ?? 'month',
        axis: time?.axis ?? 'columns',
        dateRange: time?.dateRange ?? null,
        ...patch,
      },
    })
  const setRange = (index: 0 | 1, value: string) => {
    const range: [string, string] = [...(time?.dateRange ?? ['', ''])] as [string, string]
    range[index] = value
    setTime({ dateRange: range[0] || range[1] ? range : null })
  }
  const query = queryState ?? state

  const saveExisting = async () => {
    if (!report) return
    const result = await apiJson('PUT', `/analytics/reports/${report.id}`, {
      name: report.name,
      description: report.description,
      state: query,
    })
    if (!result.ok)
      return notifications.show({
        color: 'red',
        message: result.body.errors?.[0]?.message ?? String(result.status),
      })
    notifications.show({ color: 'teal', message: P('saved') })
  }
  const exportAs = (format: 'xlsx' | 'csv') =>
    downloadPost('/analytics/pivot/export', {
      state: query,
      format,
      title: report?.name ?? P('title'),
    }).catch((e: Error) =>
      notifications.show({ color: 'red', message: P('error', { message: e.message }) })
    )

  return (
    <>
      <Head title={report ? report.name : P('title')} />
      <PageHeader
        title={report ? report.name : P('title')}
        subtitle={report?.description ?? P('subtitle')}
        crumbs={[{ label: t('analytics.reports.title'), href: '/analytics/reports' }]}
        actions={
          <Group gap="xs" wrap="wrap">
            {report?.canManage && <Button onClick={() => void saveExisting()}>{P('save')}</Button>}
            <Button
              variant={report?.canManage ? 'default' : 'filled'}
              onClick={() => setSaving(true)}
            >
              {report ? P('save_as') : P('save')}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default">{P('export')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void exportAs('xlsx')}>{P('export_xlsx')}</Menu.Item>
                <Menu.Item onClick={() => void exportAs('csv')}>{P('export_csv')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <Select
                label={P('view')}
                data={props.views.map((v) => ({ value: v.name, label: v.title }))}
                value={state.view}
                allowDeselect={false}
                onChange={(name) => {
                  const next = props.views.find((v) => v.name === name)
                  if (next) setState(emptyState(next))
                }}
              />
              <MultiSelect
                label={P('measures')}
                data={options.measures}
                value={state.measures}
                onChange={(measures) => set({ measures: measures.slice(0, 8) })}
                searchable
              />
              <MultiSelect
                label={P('rows')}
                data={options.dimensions.filter((d) => !state.columns.includes(d.value))}
                value={state.rows}
                onChange={(rows) => set({ rows: rows.slice(0, 4) })}
                searchable
                clearable
              />
              <MultiSelect
                label={P('columns')}
                data={options.dimensions.filter((d) => !state.rows.includes(d.value))}
                value={state.columns}
                onChange={(columns) => set({ columns: columns.slice(0, 3) })}
                searchable
                clearable
              />
            </SimpleGrid>
            {options.times.length > 0 && (
              <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }}>
                <Select
                  label={P('time')}
                  placeholder={P('none')}
                  data={options.times}
                  value={time?.dimension ?? null}
                  onChange={(dimension) =>
                    dimension ? setTime({ dimension }) : set({ time: null })
                  }
                  clearable
                />
                <Select
                  label={P('granularity')}
                  placeholder={P('none')}
                  data={GRANULARITIES.map((g) => ({ value: g, label: P(`granularities.${g}`) }))}
                  value={time?.granularity ?? null}
                  onChange={(g) => setTime({ granularity: (g as PivotGranularity) ?? null })}
                  disabled={!time}
                  clearable
                />
                <Select
                  label={P('time_axis')}
                  data={[
                    { value: 'columns', label: P('columns') },
                    { value: 'rows', label: P('rows') },
                  ]}
                  value={time?.axis ?? 'columns'}
                  onChange={(axis) => setTime({ axis: axis === 'rows' ? 'rows' : 'columns' })}
                  disabled={!time?.granularity}
                  allowDeselect={false}
                />
                <DateField
                  label={P('from')}
                  value={time?.dateRange?.[0] ?? null}
                  onChange={(value) => setRange(0, value ?? '')}
                  disabled={!time}
                />
                <DateField
                  label={P('to')}
                  value={time?.dateRange?.[1] ?? null}
                  onChange={(value) => setRange(1, value ?? '')}
                  disabled={!time}
                />
              </SimpleGrid>
            )}
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {P('filters')}
              </Text>
              {state.filters.map((filter, i) => {
                const update = (patch: Partial<typeof filter>) =>
                  set({ filters: state.filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) })
                const needsValues = filter.operator !== 'set' && filter.operator !== 'notSet'
                return (
                  <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                    <Select
                      label={P('member')}
                      data={options.members}
                      value={filter.member}
                      onChange={(member) => member && update({ member })}
                      allowDeselect={false}
                      searchable
                      style={{ flex: '1 1 180px' }}
                    />
                    <Select
                      label={P('operator')}
                      data={OPERATORS.map((o) => ({ value: o, label: P(`operators.${o}`) }))}
                      value={filter.operator}
                      onChange={(operator) => operator && update({ operator })}
                      allowDeselect={false}
                      style={{ flex: '1 1 150px' }}
                    />
                    {needsValues && (
                      <TagsInput
                        label={P('values')}
                        placeholder={P('values_hint')}
                        value={filter.values}
                        onChange={(values) => update({ values })}
                        style={{ flex: '2 1 200px' }}
                      />
                    )}
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={P('remove_filter')}
                      onClick={() => set({ filters: state.filters.filter((_, j) => j !== i) })}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                )
              })}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  disabled={state.filters.length >= 10}
                  onClick={() =>
                    set({
                      filters: [
                        ...state.filters,
                        {
                          member: options.dimensions[0]?.value ?? '',
                          operator: 'equals',
                          values: [],
                        },
                      ],
                    })
                  }
                >
                  {P('add_filter')}
                </Button>
              </Group>
            </Stack>
            <Group gap="sm" wrap="wrap">
              <Text size="sm" fw={500} id="pivot-display">
                {P('display')}
              </Text>
              <SegmentedControl
                aria-labelledby="pivot-display"
                data={(['table', 'bar', 'line'] as const).map((c) => ({
                  value: c,
                  label: P(`chart_types.${c}`),
                }))}
                value={state.chart}
                onChange={(chart) => set({ chart: chart as PivotState['chart'] })}
              />
            </Group>
          </Stack>
        </Paper>

        <div aria-live="polite">
          {loading && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{P('loading')}</Text>
            </Group>
          )}
        </div>
        {error && (
          <Alert color="red" role="alert">
            {P('error', { message: error })}
          </Alert>
        )}
        {!state.measures.length && (
          <EmptyState title={P('title')} description={P('pick_measure')} />
        )}
        {grid && state.measures.length > 0 && !error && (
          <>
            {grid.truncated && (
              <Alert color="yellow" role="status">
                {P('truncated', { limit: 5000 })}
              </Alert>
            )}
            {grid.rows.length === 0 || grid.cells.every((row) => row.every((v) => v === null)) ? (
              <EmptyState title={P('title')} description={P('no_data')} />
            ) : (
              <>
                {state.chart !== 'table' && <PivotChart grid={grid} type={state.chart} />}
                <Text size="xs" c="dimmed">
                  {P('drill_hint')}
                </Text>
                <PivotTable grid={grid} onDrill={setDrill} />
              </>
            )}
          </>
        )}
      </Stack>
      {saving && (
        <ReportModal
          report={null}
          state={query}
          roles={props.roles}
          onClose={() => setSaving(false)}
          onSaved={(id) => {
            setSaving(false)
            notifications.show({ color: 'teal', message: P('saved') })
            router.visit(`/analytics/pivot${stateToSearch(query, id)}`)
          }}
        />
      )}
      {drill && <DrillModal state={query} target={drill} onClose={() => setDrill(null)} />}
    </>
  )
}
