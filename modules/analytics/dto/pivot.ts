/** Time granularities the pivot builder offers. */
export type PivotGranularity = 'day' | 'week' | 'month' | 'quarter' | 'year'

export type PivotChartType = 'table' | 'bar' | 'line'

/** One filter of the builder: a dimension or measure of the view, Cube's operator and values. */
export interface PivotFilter {
  member: string
  operator: string
  values: string[]
}

/**
 * The pivot builder's whole state (what the URL and a saved report hold). `rows` and `columns`
 * name the view's dimensions in order; the time dimension, when chosen, is placed in one of
 * them as `<dimension>.<granularity>` (Cube's pivotConfig spelling).
 */
export interface PivotState {
  view: string
  measures: string[]
  rows: string[]
  columns: string[]
  time: {
    dimension: string
    granularity: PivotGranularity | null
    /** Where the time axis goes (with a granularity). */
    axis: 'rows' | 'columns'
    dateRange: [string, string] | null
  } | null
  filters: PivotFilter[]
  chart: PivotChartType
}

/** A member as the builder shows it. */
export interface PivotMember {
  name: string
  title: string
  type: string
  money: boolean
  format?: string
  /** A time axis member: its granularity. */
  granularity?: PivotGranularity
}

/** A header entry of an axis: its values (one per axis member, `level` of them); level < depth is a subtotal. */
export interface PivotAxisEntry {
  values: (string | null)[]
  level: number
}

/**
 * The computed pivot: rows × (columns × measures) with subtotals and totals. Each total is
 * Cube's own figure at that grouping (so ratios and averages are right, not summed).
 */
export interface PivotGrid {
  measures: PivotMember[]
  rowMembers: PivotMember[]
  columnMembers: PivotMember[]
  rows: PivotAxisEntry[]
  columns: PivotAxisEntry[]
  /** cells[row][column * measures.length + measure]: numbers (money in minor units) or null. */
  cells: (number | null)[][]
  /** The leaf level query hit Cube's row limit. */
  truncated: boolean
}

/** A drill-down answer: the records behind a cell. */
export interface PivotDrill {
  columns: PivotMember[]
  rows: { path: string | null; values: (string | number | null)[] }[]
  truncated: boolean
}

/** A saved report, as lists and the builder show it. */
export interface ReportDto {
  id: number
  name: string
  description: string | null
  view: string
  state: PivotState
  ownerId: number
  ownerName: string
  roleIds: number[]
  mine: boolean
  canManage: boolean
  updatedAt: string
}

export interface RoleOption {
  value: string
  label: string
}

/** Props of analytics/pivot/index. */
export interface PivotPageProps {
  views: { name: string; title: string; measures: PivotMember[]; dimensions: PivotMember[] }[]
  report: ReportDto | null
  roles: RoleOption[]
  currency: string
}

/** Props of analytics/reports/index. */
export interface ReportsPageProps {
  reports: ReportDto[]
  roles: RoleOption[]
}
