import vine from '@vinejs/vine'
import type { PivotGranularity, PivotState } from '../dto/pivot.js'
import type { CubeFilter, CubeQuery } from '../engine/members.js'

export const GRANULARITIES: PivotGranularity[] = ['day', 'week', 'month', 'quarter', 'year']
export const FILTER_OPERATORS = [
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
] as const

/** Rows of the leaf query (the most detailed one); more are cut and the grid says so. */
export const PIVOT_ROW_LIMIT = 5000

const member = () => vine.string().trim().maxLength(200)
const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

export const pivotStateSchema = vine.object({
  view: member(),
  measures: vine.array(member()).minLength(1).maxLength(8),
  rows: vine.array(member()).maxLength(4),
  columns: vine.array(member()).maxLength(3),
  time: vine
    .object({
      dimension: member(),
      granularity: vine.enum(GRANULARITIES).nullable(),
      axis: vine.enum(['rows', 'columns'] as const),
      dateRange: vine.array(isoDate()).fixedLength(2).nullable(),
    })
    .nullable(),
  filters: vine
    .array(
      vine.object({
        member: member(),
        operator: vine.enum(FILTER_OPERATORS),
        values: vine.array(vine.string().maxLength(200)).maxLength(50),
      })
    )
    .maxLength(10),
  chart: vine.enum(['table', 'bar', 'line'] as const),
})

export const pivotStateValidator = vine.compile(vine.object({ state: pivotStateSchema }))

/** The members of each axis, time (`<dimension>.<granularity>`) last on its axis. */
export function axes(state: PivotState): { rows: string[]; columns: string[] } {
  const time = state.time?.granularity ? `${state.time.dimension}.${state.time.granularity}` : null
  return {
    rows: [...state.rows, ...(time && state.time!.axis === 'rows' ? [time] : [])],
    columns: [...state.columns, ...(time && state.time!.axis === 'columns' ? [time] : [])],
  }
}

/** Every member the state names must belong to its view (the gateway checks they are public). */
export function foreignMember(state: PivotState): string | undefined {
  const names = [
    ...state.measures,
    ...state.rows,
    ...state.columns,
    ...(state.time ? [state.time.dimension] : []),
    ...state.filters.map((f) => f.member),
  ]
  return names.find((name) => !name.startsWith(`${state.view}.`))
}

export function cubeFilters(state: PivotState): CubeFilter[] {
  return state.filters.map((f) => ({
    member: f.member,
    operator: f.operator,
    ...(f.operator === 'set' || f.operator === 'notSet' ? {} : { values: f.values }),
  }))
}

/**
 * The Cube query grouped by the first `rowLevel` row members and `columnLevel` column members
 * (0 and 0: the grand total). The time member, when among them, groups by its granularity;
 * otherwise the date range still applies.
 */
export function levelQuery(state: PivotState, rowLevel: number, columnLevel: number): CubeQuery {
  const { rows, columns } = axes(state)
  const grouped = [...rows.slice(0, rowLevel), ...columns.slice(0, columnLevel)]
  const timeKey = state.time?.granularity
    ? `${state.time.dimension}.${state.time.granularity}`
    : null
  const byTime = timeKey !== null && grouped.includes(timeKey)
  const query: CubeQuery = {
    measures: state.measures,
    dimensions: grouped.filter((m) => m !== timeKey),
    filters: cubeFilters(state),
    limit: PIVOT_ROW_LIMIT,
  }
  if (state.time && (byTime || state.time.dateRange))
    query.timeDimensions = [
      {
        dimension: state.time.dimension,
        ...(byTime ? { granularity: state.time.granularity! } : {}),
        ...(state.time.dateRange ? { dateRange: state.time.dateRange } : {}),
      },
    ]
  return query
}
