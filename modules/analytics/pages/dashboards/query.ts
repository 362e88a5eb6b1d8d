import type {
  CubeWidgetDto,
  DashboardFiltersDto,
  DashboardFilterDto,
  DashboardFormat,
} from '../../dto/dashboards.js'

/*
 * A dashboard widget's Cube queries, from its declaration and the page's filters: the period
 * rule picks the time dimension's date range, the team and rep filters become equals filters on
 * the widget's members, and a drill-down is the ungrouped query of the records behind a figure.
 * Pure functions: the pages and the tests build the very same queries.
 */

export interface CubeQueryJson {
  measures?: string[]
  dimensions?: string[]
  timeDimensions?: { dimension: string; granularity?: string; dateRange?: [string, string] }[]
  filters?: DashboardFilterDto[]
  order?: Record<string, 'asc' | 'desc'>
  limit?: number
  ungrouped?: boolean
  /** The time zone date ranges and granularities are read in (Cube's `timezone`). */
  timezone?: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The last day (YYYY-MM-DD) of a month. */
export function lastDayOf(year: number, month: number) {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`
}

/** The first day a `past` range starts at (before any record of the product). */
const PAST = '2000-01-01'

/** The day before a YYYY-MM-DD date. */
export function dayBefore(date: string) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** The date range a widget's period rule gives (null: no limit). `yearOffset` shifts it (YoY). */
export function widgetRange(
  widget: Pick<CubeWidgetDto, 'period'>,
  filters: Pick<DashboardFiltersDto, 'from' | 'to' | 'today'>,
  yearOffset = 0
): [string, string] | null {
  const shift = (date: string) => `${Number(date.slice(0, 4)) + yearOffset}${date.slice(4)}`
  const today = filters.today
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  switch (widget.period) {
    case 'none':
      return null
    case 'past':
      return [PAST, dayBefore(today)]
    case 'month':
      return [shift(`${year}-${pad(month)}-01`), shift(lastDayOf(year, month))]
    case 'ytd':
      return [shift(`${year}-01-01`), shift(today)]
    case 'year': {
      const y = Number(filters.to.slice(0, 4)) + yearOffset
      return [`${y}-01-01`, `${y}-12-31`]
    }
    default:
      return [shift(filters.from), shift(filters.to)]
  }
}

/** The team and rep filters on the widget's members (an empty list when they do not apply). */
export function scopeFilters(
  widget: Pick<CubeWidgetDto, 'teamMember' | 'repMember'>,
  filters: Pick<DashboardFiltersDto, 'teamId' | 'repId'>
): DashboardFilterDto[] {
  const out: DashboardFilterDto[] = []
  if (widget.teamMember && filters.teamId)
    out.push({ member: widget.teamMember, operator: 'equals', values: [String(filters.teamId)] })
  if (widget.repMember && filters.repId)
    out.push({ member: widget.repMember, operator: 'equals', values: [String(filters.repId)] })
  return out
}

/** The dimensions a widget groups by under the page's filters (its team ones with a team). */
export function widgetDimensions(
  widget: Pick<CubeWidgetDto, 'query' | 'teamDimensions' | 'teamMember'>,
  filters: Pick<DashboardFiltersDto, 'teamId'>
): string[] {
  const team = Boolean(widget.teamMember && filters.teamId && widget.teamDimensions?.length)
  return (team ? widget.teamDimensions : widget.query.dimensions) ?? []
}

/** The widget's Cube query for the page's filters (`yearOffset` -1: the same months last year). */
export function widgetQuery(
  widget: CubeWidgetDto,
  filters: DashboardFiltersDto,
  yearOffset = 0
): CubeQueryJson {
  const q = widget.query
  const dimensions = widgetDimensions(widget, filters)
  const range = widgetRange(widget, filters, yearOffset)
  const time = q.timeDimension
  return {
    measures: q.measures,
    ...(dimensions.length ? { dimensions } : {}),
    ...(time && (range || time.granularity)
      ? {
          timeDimensions: [
            {
              dimension: time.dimension,
              ...(time.granularity ? { granularity: time.granularity } : {}),
              ...(range ? { dateRange: range } : {}),
            },
          ],
        }
      : {}),
    filters: [...(q.filters ?? []), ...scopeFilters(widget, filters)],
    ...(q.order ? { order: q.order } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(filters.timeZone ? { timezone: filters.timeZone } : {}),
  }
}

/** What a click picked: a value of a dimension, or one bucket of the time dimension. */
export type DrillPick =
  { member: string; value: string | null } | { bucket: [string, string] } | null

/**
 * The records behind a figure: the drill's id, name, columns and measures, ungrouped, with
 * the widget's filters, period, team and rep, the drill's own filters and what was clicked.
 */
export function drillQuery(
  widget: CubeWidgetDto,
  filters: DashboardFiltersDto,
  pick: DrillPick = null,
  limit = 200
): CubeQueryJson | null {
  const drill = widget.drill
  if (!drill) return null
  const base = widgetQuery(widget, filters)
  const range =
    pick && 'bucket' in pick ? pick.bucket : (base.timeDimensions?.[0]?.dateRange ?? null)
  const picked: DashboardFilterDto[] =
    pick && 'member' in pick
      ? [
          pick.value === null
            ? { member: pick.member, operator: 'notSet' }
            : { member: pick.member, operator: 'equals', values: [pick.value] },
        ]
      : []
  return {
    dimensions: [drill.id, drill.title, ...(drill.columns ?? [])],
    measures: drill.measures ?? [],
    ...(range && widget.query.timeDimension
      ? { timeDimensions: [{ dimension: widget.query.timeDimension.dimension, dateRange: range }] }
      : {}),
    filters: [...(base.filters ?? []), ...(drill.filters ?? []), ...picked],
    order: { [drill.title]: 'asc' },
    limit,
    ungrouped: true,
    ...(base.timezone ? { timezone: base.timezone } : {}),
  }
}

/** The format of one measure of a widget (default `number`). */
export function formatOf(
  format: DashboardFormat | Record<string, DashboardFormat> | undefined,
  member: string
): DashboardFormat {
  if (!format) return 'number'
  return typeof format === 'string' ? format : (format[member] ?? 'number')
}

/** Running totals of a series, in order (the cumulative chart). */
export function runningTotals(values: number[]): number[] {
  let total = 0
  return values.map((v) => (total += v))
}
