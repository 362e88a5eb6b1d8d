import vine from '@vinejs/vine'
import type { AccessContext } from '#app/access/access_context'
import type { PivotDrill, PivotGranularity, PivotMember, PivotState } from '../dto/pivot.js'
import type { CubeFilter, CubeQuery } from '../engine/members.js'
import { flatRows, viewOf } from './run.js'
import { axes, cubeFilters, pivotStateSchema } from './state.js'

/** Records a drill-down lists at most. */
export const DRILL_LIMIT = 200

export const drillValidator = vine.compile(
  vine.object({
    state: pivotStateSchema,
    rowValues: vine.array(vine.string().maxLength(200).nullable()).maxLength(4),
    columnValues: vine.array(vine.string().maxLength(200).nullable()).maxLength(3),
  })
)

const day = (date: Date) => date.toISOString().slice(0, 10)

/** The first and last day of the period starting at `start` (Cube's truncated date). */
export function periodRange(start: string, granularity: PivotGranularity): [string, string] {
  const from = new Date(`${start.slice(0, 10)}T00:00:00Z`)
  const to = new Date(from)
  if (granularity === 'day') to.setUTCDate(to.getUTCDate() + 1)
  if (granularity === 'week') to.setUTCDate(to.getUTCDate() + 7)
  if (granularity === 'month') to.setUTCMonth(to.getUTCMonth() + 1)
  if (granularity === 'quarter') to.setUTCMonth(to.getUTCMonth() + 3)
  if (granularity === 'year') to.setUTCFullYear(to.getUTCFullYear() + 1)
  to.setUTCDate(to.getUTCDate() - 1)
  return [day(from), day(to)]
}

/** `:id` in a view's meta.record_path (a route pattern) replaced by the row's values. */
function recordPath(template: unknown, row: Record<string, unknown>, view: string) {
  if (typeof template !== 'string') return null
  let missing = false
  const path = template.replace(/:(\w+)/g, (_, name) => {
    const value = row[`${view}.${name}`]
    if (value === null || value === undefined) missing = true
    return encodeURIComponent(String(value))
  })
  return missing ? null : path
}

/**
 * The records behind a cell: an ungrouped query of the view with the cell's row and column
 * values as filters (a time value as its period), through the gateway, so in the user's
 * scope. Lists the view's record id and label (meta.record_id/record_label), the pivot's
 * dimensions and its measures per record; meta.record_path links each row to its page.
 */
export async function drill(
  access: AccessContext,
  input: { state: PivotState; rowValues: (string | null)[]; columnValues: (string | null)[] }
): Promise<PivotDrill> {
  const { state } = input
  const view = await viewOf(state)
  const { rows, columns } = axes(state)
  const fixed: [string, string | null][] = [
    ...input.rowValues.slice(0, rows.length).map((v, i) => [rows[i], v] as [string, string | null]),
    ...input.columnValues
      .slice(0, columns.length)
      .map((v, i) => [columns[i], v] as [string, string | null]),
  ]
  const timeKey = state.time?.granularity
    ? `${state.time.dimension}.${state.time.granularity}`
    : null
  const filters: CubeFilter[] = cubeFilters(state)
  let range = state.time?.dateRange ?? null
  for (const [member, value] of fixed) {
    if (member === timeKey) {
      if (value === null) continue
      const period = periodRange(value, state.time!.granularity!)
      range = range
        ? [period[0] > range[0] ? period[0] : range[0], period[1] < range[1] ? period[1] : range[1]]
        : period
    } else if (value === null) filters.push({ member, operator: 'notSet' })
    else filters.push({ member, operator: 'equals', values: [value] })
  }
  const meta = view.meta as { record_id?: string; record_label?: string; record_path?: string }
  const known = new Set(view.dimensions.map((d: PivotMember) => d.name))
  const recordMembers = [meta.record_id, meta.record_label]
    .filter((m): m is string => Boolean(m))
    .map((m) => `${view.name}.${m}`)
    .filter((m) => known.has(m))
  const dimensions = [
    ...new Set([
      ...recordMembers,
      ...state.rows,
      ...state.columns,
      ...(state.time ? [state.time.dimension] : []),
    ]),
  ]
  const query: CubeQuery = {
    measures: state.measures,
    dimensions,
    filters,
    ungrouped: true,
    limit: DRILL_LIMIT,
    order: recordMembers.length ? { [recordMembers[0]]: 'asc' } : {},
  }
  if (state.time && range)
    query.timeDimensions = [{ dimension: state.time.dimension, dateRange: range }]
  const found = await flatRows(access, query)
  const members = [...dimensions, ...state.measures]
  const all = [...view.dimensions, ...view.measures] as PivotMember[]
  return {
    columns: members.map((name) => all.find((m) => m.name === name)!),
    rows: found.map((row) => ({
      path: recordPath(meta.record_path, row, view.name),
      values: members.map((m) => {
        const v = row[m]
        return v === undefined ? null : (v as string | number | null)
      }),
    })),
    truncated: found.length >= DRILL_LIMIT,
  }
}
