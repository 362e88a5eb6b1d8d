import type { ReactNode } from 'react'
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useCubeQuery } from '@cubejs-client/react'
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { EmptyState, useT } from '~/ui'
import type {
  CubeWidgetDto,
  DashboardFiltersDto,
  DashboardFormat,
  FiguresWidgetDto,
} from '../../dto/dashboards'
import {
  formatOf,
  lastDayOf,
  runningTotals,
  widgetDimensions,
  widgetQuery,
  widgetRange,
  type DrillPick,
} from './query'
import { monthLabel, useFigure } from './figures'

export const COLORS = ['#1c7ed6', '#37b24d', '#f59f00', '#ae3ec9', '#e8590c', '#0ca678', '#d6336c']

/** Opens the drill-down of a widget with what was clicked and a caption. */
export type OpenDrill = (widget: CubeWidgetDto, pick: DrillPick, caption: string) => void

type Row = Record<string, unknown>

/** A widget's frame: title, help, body, and a keyboard way into its records. */
function Frame({
  widget,
  children,
  onRecords,
}: {
  widget: { key: string; title: string; description: string | null }
  children: ReactNode
  onRecords?: () => void
}) {
  const { t } = useT()
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid={`widget-${widget.key}`}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Title order={3} size="h5">
            {widget.title}
          </Title>
          {onRecords && (
            <Button variant="subtle" size="compact-xs" onClick={onRecords}>
              {t('analytics.dash.records')}
            </Button>
          )}
        </Group>
        {widget.description && (
          <Text size="xs" c="dimmed">
            {widget.description}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  )
}

/** Loading, error and empty states of a Cube query. */
function useWidgetData(query: unknown) {
  const { resultSet, isLoading, error } = useCubeQuery(query as any)
  const rows = (resultSet?.rawData() as Row[] | undefined) ?? []
  return { resultSet, rows, isLoading: isLoading || (!resultSet && !error), error }
}

function State({ isLoading, error, empty, height }: any) {
  const { t } = useT()
  if (error)
    return (
      <Alert color="red" role="alert">
        {t('analytics.dash.error')}
      </Alert>
    )
  if (isLoading) return <Skeleton height={height} aria-label={t('analytics.dash.loading')} />
  if (empty) return <EmptyState title={t('analytics.dash.empty')} />
  return null
}

/** A KPI tile: the first measure large, the second (if any) below; a click shows the records. */
export function KpiTile({
  widget,
  filters,
  onDrill,
}: {
  widget: CubeWidgetDto
  filters: DashboardFiltersDto
  onDrill: OpenDrill
}) {
  const figure = useFigure()
  const { rows, resultSet, isLoading, error } = useWidgetData(widgetQuery(widget, filters))
  const [main, second] = widget.query.measures ?? []
  const row = rows[0] ?? {}
  const titleOf = (m: string) => (resultSet?.annotation().measures as any)?.[m]?.shortTitle ?? ''
  // Sums and counts over no rows are 0; a ratio or an average of nothing is «—».
  const mainFormat = formatOf(widget.format, main)
  const fallback = mainFormat === 'money' || mainFormat === 'number' ? 0 : null
  const value = figure(row[main] ?? fallback, mainFormat)
  const body =
    isLoading || error ? (
      <State isLoading={isLoading} error={error} height={40} />
    ) : (
      <Stack gap={2}>
        <Text
          fz={24}
          fw={700}
          lh={1.2}
          data-testid="kpi-value"
          style={{ overflowWrap: 'anywhere' }}
        >
          {value}
        </Text>
        {second && (
          <Text size="xs" c="dimmed">
            {figure(row[second] ?? 0, formatOf(widget.format, second))} {titleOf(second)}
          </Text>
        )}
      </Stack>
    )
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid={`widget-${widget.key}`}>
      {widget.drill ? (
        <UnstyledButton
          w="100%"
          onClick={() => onDrill(widget, null, `${widget.title}: ${value}`)}
          aria-label={`${widget.title}: ${value}`}
        >
          <Text size="sm" c="dimmed" mb={4}>
            {widget.title}
          </Text>
          {body}
        </UnstyledButton>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb={4}>
            {widget.title}
          </Text>
          {body}
        </>
      )}
    </Paper>
  )
}

/** Every month (YYYY-MM-01) of a date range. */
function monthsOf(range: [string, string]): string[] {
  const out: string[] = []
  let [y, m] = [Number(range[0].slice(0, 4)), Number(range[0].slice(5, 7))]
  const end = Number(range[1].slice(0, 4)) * 12 + Number(range[1].slice(5, 7))
  while (y * 12 + m <= end && out.length < 60) {
    out.push(`${y}-${String(m).padStart(2, '0')}-01`)
    m === 12 ? ((y += 1), (m = 1)) : (m += 1)
  }
  return out
}

const bucketOf = (month: string): [string, string] => [
  month,
  lastDayOf(Number(month.slice(0, 4)), Number(month.slice(5, 7))),
]

/** Bar, line, area, pie, funnel and YoY charts; a click on a bar, point or slice drills down. */
export function ChartWidget({
  widget,
  filters,
  onDrill,
}: {
  widget: CubeWidgetDto
  filters: DashboardFiltersDto
  onDrill: OpenDrill
}) {
  if (widget.series === 'yoy')
    return <YoyChart widget={widget} filters={filters} onDrill={onDrill} />
  return <PlainChart widget={widget} filters={filters} onDrill={onDrill} />
}

function PlainChart({
  widget,
  filters,
  onDrill,
}: {
  widget: CubeWidgetDto
  filters: DashboardFiltersDto
  onDrill: OpenDrill
}) {
  const { t, locale } = useT()
  const figure = useFigure()
  const query = widgetQuery(widget, filters)
  const { rows, resultSet, isLoading, error } = useWidgetData(query)
  const measures = widget.query.measures ?? []
  const time = widget.query.timeDimension
  const dimension = widgetDimensions(widget, filters)[0]
  const titles = (resultSet?.annotation().measures ?? {}) as any
  const name = (m: string) => titles[m]?.shortTitle ?? m
  const fmt = (m: string) => formatOf(widget.format, m)

  // Category rows: a time bucket (every month of the range) or a dimension's value.
  let data: Row[]
  if (time?.granularity) {
    const key = `${time.dimension}.${time.granularity}`
    const range = widgetRange(widget, filters)
    const byMonth = new Map(rows.map((r) => [String(r[key]).slice(0, 7), r]))
    const months = range ? monthsOf(range) : [...byMonth.keys()].sort().map((m) => `${m}-01`)
    data = months.map((month) => {
      const r = byMonth.get(month.slice(0, 7)) ?? {}
      return {
        x: monthLabel(month, locale),
        pick: { bucket: bucketOf(month) },
        ...Object.fromEntries(measures.map((m) => [m, Number(r[m] ?? 0)])),
      }
    })
    if (widget.series === 'cumulative')
      for (const m of measures) {
        const totals = runningTotals(data.map((d) => d[m] as number))
        data.forEach((d, i) => (d[m] = totals[i]))
      }
  } else {
    data = rows.map((r) => ({
      x: r[dimension!] === null ? t('analytics.dash.none') : String(r[dimension!]),
      pick: { member: dimension!, value: r[dimension!] === null ? null : String(r[dimension!]) },
      ...Object.fromEntries(measures.map((m) => [m, Number(r[m] ?? 0)])),
    }))
  }
  const drill = (index: unknown) => {
    const d = data[Number(index)]
    if (d && widget.drill) onDrill(widget, d.pick as DrillPick, `${widget.title}: ${d.x}`)
  }
  // Cube fills every bucket of a date range: all-empty buckets are no data.
  const empty = !rows.some((r) => measures.some((m) => Number(r[m] ?? 0) !== 0))
  const state = <State isLoading={isLoading} error={error} empty={empty} height={240} />
  const records = widget.drill ? () => onDrill(widget, null, widget.title) : undefined
  if (isLoading || error || empty)
    return (
      <Frame widget={widget} onRecords={records}>
        {state}
      </Frame>
    )
  const tooltip = (
    <Tooltip
      formatter={(value: any, key: any) => [figure(value, fmt(String(key))), name(String(key))]}
    />
  )
  const axis = (
    <>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="x"
        tick={{ fontSize: 12 }}
        {...(time?.granularity ? {} : { interval: 0, angle: -20, textAnchor: 'end', height: 56 })}
      />
      <YAxis
        tick={{ fontSize: 12 }}
        width={80}
        allowDecimals={fmt(measures[0]) !== 'number'}
        tickFormatter={(v) => compact(v, fmt(measures[0]), locale)}
      />
      {tooltip}
      {measures.length > 1 && <Legend formatter={(key: any) => name(String(key))} />}
    </>
  )
  const click = (chartState: any) =>
    drill(chartState?.activeTooltipIndex ?? chartState?.activeIndex)
  let chart: ReactNode
  if (widget.kind === 'pie')
    chart = (
      <PieChart>
        <Pie
          data={data}
          dataKey={measures[0]}
          nameKey="x"
          outerRadius="80%"
          stroke="none"
          isAnimationActive={false}
          onClick={(_: unknown, i: number) => drill(i)}
        >
          {data.map((_, i) => (
            <Cell key={i} fill={COLORS[i % COLORS.length]} cursor="pointer" />
          ))}
        </Pie>
        {tooltip}
        <Legend />
      </PieChart>
    )
  else if (widget.kind === 'funnel')
    // A funnel as horizontal bars, stage by stage in pipeline order: readable at any width.
    chart = (
      <BarChart data={data} layout="vertical" onClick={click}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          tick={{ fontSize: 12 }}
          allowDecimals={fmt(measures[0]) !== 'number'}
          tickFormatter={(v) => compact(v, fmt(measures[0]), locale)}
        />
        <YAxis type="category" dataKey="x" width={110} tick={{ fontSize: 12 }} />
        {tooltip}
        <Bar isAnimationActive={false} dataKey={measures[0]} cursor="pointer">
          {data.map((_, i) => (
            <Cell key={i} fill={COLORS[i % COLORS.length]} />
          ))}
          <LabelList
            dataKey={measures[0]}
            position="insideRight"
            fill="#fff"
            formatter={(v: any) => figure(v, fmt(measures[0]))}
          />
        </Bar>
      </BarChart>
    )
  else if (widget.kind === 'line')
    chart = (
      <LineChart data={data} onClick={click}>
        {axis}
        {measures.map((m, i) => (
          <Line
            isAnimationActive={false}
            key={m}
            dataKey={m}
            stroke={COLORS[i]}
            strokeWidth={2}
            dot
          />
        ))}
      </LineChart>
    )
  else if (widget.kind === 'area')
    chart = (
      <AreaChart data={data} onClick={click}>
        {axis}
        {measures.map((m, i) => (
          <Area
            isAnimationActive={false}
            key={m}
            dataKey={m}
            stroke={COLORS[i]}
            fill={COLORS[i]}
            fillOpacity={0.25}
          />
        ))}
      </AreaChart>
    )
  else
    chart = (
      <BarChart data={data} onClick={click}>
        {axis}
        {measures.map((m, i) => (
          <Bar isAnimationActive={false} key={m} dataKey={m} fill={COLORS[i]} cursor="pointer" />
        ))}
      </BarChart>
    )
  return (
    <Frame widget={widget} onRecords={records}>
      <div
        style={{ width: '100%', height: 260 }}
        data-testid="chart"
        role="img"
        aria-label={widget.title}
      >
        <ResponsiveContainer width="100%" height="100%">
          {chart as any}
        </ResponsiveContainer>
      </div>
    </Frame>
  )
}

/** Axis ticks: short money and numbers (12 k €, 1,2 M). */
function compact(value: number, format: DashboardFormat, locale: string) {
  const n = format === 'money' ? value / 100 : format === 'percent' ? value * 100 : value
  const text = new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(n)
  return format === 'percent' ? `${text} %` : text
}

/** This year against last year, month by month (two queries, the same months a year apart). */
function YoyChart({
  widget,
  filters,
  onDrill,
}: {
  widget: CubeWidgetDto
  filters: DashboardFiltersDto
  onDrill: OpenDrill
}) {
  const { t, locale } = useT()
  const figure = useFigure()
  const current = useWidgetData(widgetQuery(widget, filters))
  const previous = useWidgetData(widgetQuery(widget, filters, -1))
  const m = widget.query.measures![0]
  const key = `${widget.query.timeDimension!.dimension}.month`
  const year = Number(filters.to.slice(0, 4))
  const sums = (rows: Row[]) => {
    const out = Array<number>(12).fill(0)
    for (const r of rows) out[Number(String(r[key]).slice(5, 7)) - 1] += Number(r[m] ?? 0)
    return out
  }
  const now = sums(current.rows)
  const before = sums(previous.rows)
  const thisLabel = String(year)
  const lastLabel = String(year - 1)
  const data = now.map((v, i) => ({
    x: monthLabel(`${year}-${String(i + 1).padStart(2, '0')}-01`, locale, false),
    [thisLabel]: v,
    [lastLabel]: before[i],
  }))
  const isLoading = current.isLoading || previous.isLoading
  const error = current.error || previous.error
  const empty = !now.some(Boolean) && !before.some(Boolean)
  const records = widget.drill ? () => onDrill(widget, null, widget.title) : undefined
  const fmt = formatOf(widget.format, m)
  return (
    <Frame widget={widget} onRecords={records}>
      {isLoading || error || empty ? (
        <State isLoading={isLoading} error={error} empty={empty} height={240} />
      ) : (
        <div
          style={{ width: '100%', height: 260 }}
          data-testid="chart"
          role="img"
          aria-label={widget.title}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={data}
              onClick={(state: any) => {
                const i = Number(state?.activeTooltipIndex)
                if (!Number.isInteger(i) || !widget.drill) return
                const month = `${year}-${String(i + 1).padStart(2, '0')}-01`
                onDrill(
                  widget,
                  { bucket: bucketOf(month) },
                  `${widget.title}: ${data[i].x} ${year}`
                )
              }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="x" tick={{ fontSize: 12 }} />
              <YAxis
                tick={{ fontSize: 12 }}
                width={80}
                tickFormatter={(v) => compact(v, fmt, locale)}
              />
              <Tooltip formatter={(value: any, name: any) => [figure(value, fmt), String(name)]} />
              <Legend />
              <Line
                isAnimationActive={false}
                dataKey={thisLabel}
                stroke={COLORS[0]}
                strokeWidth={2}
              />
              <Line
                isAnimationActive={false}
                dataKey={lastLabel}
                stroke="#868e96"
                strokeDasharray="5 4"
                strokeWidth={2}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <Text size="xs" c="dimmed">
        {t('analytics.dash.yoy_hint', { year, last: year - 1 })}
      </Text>
    </Frame>
  )
}

/** A table widget: the dimensions and measures of each row; a row's link shows its records. */
export function TableWidget({
  widget,
  filters,
  onDrill,
}: {
  widget: CubeWidgetDto
  filters: DashboardFiltersDto
  onDrill: OpenDrill
}) {
  const { t } = useT()
  const figure = useFigure()
  const { rows, resultSet, isLoading, error } = useWidgetData(widgetQuery(widget, filters))
  const dimension = widgetDimensions(widget, filters)[0]
  const measures = widget.query.measures ?? []
  const ann = (resultSet?.annotation() ?? {}) as any
  const title = (m: string) => ann.measures?.[m]?.shortTitle ?? ann.dimensions?.[m]?.shortTitle ?? m
  const records = widget.drill ? () => onDrill(widget, null, widget.title) : undefined
  return (
    <Frame widget={widget} onRecords={records}>
      {isLoading || error || !rows.length ? (
        <State isLoading={isLoading} error={error} empty={!rows.length} height={160} />
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {dimension && <Table.Th>{title(dimension)}</Table.Th>}
                {measures.map((m) => (
                  <Table.Th key={m} style={{ textAlign: 'right' }}>
                    {title(m)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const label =
                  r[dimension!] === null ? t('analytics.dash.none') : String(r[dimension!])
                return (
                  <Table.Tr key={i}>
                    {dimension && (
                      <Table.Td>
                        {widget.drill ? (
                          <Anchor
                            component="button"
                            size="sm"
                            onClick={() =>
                              onDrill(
                                widget,
                                {
                                  member: dimension,
                                  value: r[dimension] === null ? null : String(r[dimension]),
                                },
                                `${widget.title}: ${label}`
                              )
                            }
                          >
                            {label}
                          </Anchor>
                        ) : (
                          label
                        )}
                      </Table.Td>
                    )}
                    {measures.map((m) => (
                      <Table.Td key={m} style={{ textAlign: 'right' }}>
                        {figure(r[m], formatOf(widget.format, m))}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Frame>
  )
}

/** Figures a module computed on the server (quota attainment…). */
export function FiguresWidget({ widget }: { widget: FiguresWidgetDto }) {
  const { t } = useT()
  const figure = useFigure()
  const figures = widget.figures
  return (
    <Frame widget={widget}>
      {widget.error ? (
        <Alert color="red" role="alert">
          {widget.error}
        </Alert>
      ) : !figures?.rows.length ? (
        <EmptyState title={t('analytics.dash.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {figures.columns.map((c) => (
                  <Table.Th key={c.key} style={{ textAlign: 'right' }}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figures.rows.map((row, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    {row.href ? (
                      <Anchor href={row.href} size="sm">
                        {row.label}
                      </Anchor>
                    ) : (
                      row.label
                    )}
                  </Table.Td>
                  {figures.columns.map((c) => (
                    <Table.Td key={c.key} style={{ textAlign: 'right' }}>
                      {figure(row.values[c.key], c.format)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Frame>
  )
}
