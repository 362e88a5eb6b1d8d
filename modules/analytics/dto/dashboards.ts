/*
 * What the dashboard pages receive (the manifest's DashboardDefinition, app/registry/types.ts,
 * as data: labels translated, providers' figures computed). Pages import these as types.
 */

export type DashboardFormat = 'money' | 'number' | 'percent' | 'days'

export interface DashboardFilterDto {
  member: string
  operator: string
  values?: string[]
}

export interface DashboardQueryDto {
  measures?: string[]
  dimensions?: string[]
  timeDimension?: { dimension: string; granularity?: 'day' | 'week' | 'month' | 'quarter' | 'year' }
  filters?: DashboardFilterDto[]
  order?: Record<string, 'asc' | 'desc'>
  limit?: number
}

export interface DashboardDrillDto {
  id: string
  title: string
  columns?: string[]
  measures?: string[]
  filters?: DashboardFilterDto[]
  href: string
  formats?: Record<string, DashboardFormat>
}

export interface FiguresDto {
  columns: { key: string; label: string; format: DashboardFormat }[]
  rows: { label: string; href?: string | null; values: Record<string, string | number | null> }[]
}

interface WidgetBase {
  key: string
  /** Translated title and help. */
  title: string
  description: string | null
  size: 'sm' | 'md' | 'lg'
}

export interface CubeWidgetDto extends WidgetBase {
  kind: 'kpi' | 'bar' | 'line' | 'area' | 'funnel' | 'pie' | 'table'
  query: DashboardQueryDto
  format?: DashboardFormat | Record<string, DashboardFormat>
  period: 'filter' | 'month' | 'ytd' | 'year' | 'past' | 'none'
  teamMember: string | null
  repMember: string | null
  /** Dimensions used instead of the query's when a team is chosen (null: the same). */
  teamDimensions: string[] | null
  series: 'plain' | 'cumulative' | 'yoy'
  drill: DashboardDrillDto | null
}

export interface FiguresWidgetDto extends WidgetBase {
  kind: 'figures'
  /** The provider's figures, or a translated error. */
  figures: FiguresDto | null
  error: string | null
}

export type WidgetDto = CubeWidgetDto | FiguresWidgetDto

export type PeriodPreset = 'month' | 'quarter' | 'year' | 'custom'

/** The page's filters as the server read them; `from`/`to` are the period's first and last day. */
export interface DashboardFiltersDto {
  period: PeriodPreset
  from: string
  to: string
  /** Today (YYYY-MM-DD, the organization's date) for "this month" and "year to date". */
  today: string
  /**
   * The organization's time zone (IANA): the widget queries carry it, so a date range's days
   * start and end at its midnight, as "today" does. Absent: UTC.
   */
  timeZone?: string
  teamId: number | null
  repId: number | null
}

export interface PickerOption {
  value: string
  label: string
}

/** One entry of the dashboards list. */
export interface DashboardSummary {
  module: string
  key: string
  title: string
  description: string | null
  icon: string | null
  href: string
}

export interface DashboardsIndexPage {
  dashboards: DashboardSummary[]
}

export interface DashboardPage {
  apiUrl: string
  dashboard: DashboardSummary & {
    /** Filters the page offers. */
    filters: ('period' | 'team' | 'rep')[]
  }
  filters: DashboardFiltersDto
  teams: PickerOption[]
  reps: PickerOption[]
  widgets: WidgetDto[]
  /** Other dashboards the user may open (tabs). */
  others: DashboardSummary[]
}
