import { ResultSet } from '@cubejs-client/core'
import type { AccessContext } from '#app/access/access_context'
import { load, meta } from '../engine/gateway.js'
import { CubeRequestError } from '../engine/errors.js'
import type { PivotGrid, PivotMember, PivotState } from '../dto/pivot.js'
import { buildGrid, type FlatRow } from './grid.js'
import { PIVOT_ROW_LIMIT, axes, foreignMember, levelQuery } from './state.js'

/** A member of /meta as the builder shows it. */
export const pivotMember = (m: any): PivotMember => ({
  name: m.name,
  title: m.shortTitle ?? m.title,
  type: m.type,
  money: m.meta?.money === 'minor',
  ...(m.format ? { format: m.format } : {}),
})

/** The public views with their members (what the builder offers). */
export async function pivotViews() {
  const { cubes } = await meta()
  return cubes
    .map((c: any) => ({
      name: c.name as string,
      title: c.title as string,
      meta: (c.meta ?? {}) as Record<string, unknown>,
      measures: c.measures.map(pivotMember) as PivotMember[],
      dimensions: c.dimensions.map(pivotMember) as PivotMember[],
    }))
    .sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name))
}

export async function viewOf(state: PivotState) {
  const foreign = foreignMember(state)
  if (foreign) throw new CubeRequestError('unknown_member', { member: foreign })
  const view = (await pivotViews()).find((v: { name: string }) => v.name === state.view)
  if (!view) throw new CubeRequestError('unknown_member', { member: state.view })
  return view
}

/** One Cube query through the gateway (the user's scope), its rows flat (ResultSet.tablePivot). */
export async function flatRows(access: AccessContext, query: unknown): Promise<FlatRow[]> {
  const response = await load(access, query, { queryType: 'multi' })
  return new ResultSet(response as any).tablePivot({ fillMissingDates: false } as any) as FlatRow[]
}

/**
 * Runs the pivot in the user's scope: one Cube query per grouping (rows' and columns'
 * prefixes, duplicates asked once), then the grid with its subtotals and totals.
 */
export async function runPivot(access: AccessContext, state: PivotState): Promise<PivotGrid> {
  const view = await viewOf(state)
  const { rows, columns } = axes(state)
  const pending = new Map<string, Promise<FlatRow[]>>()
  const levels = new Map<string, Promise<FlatRow[]>>()
  for (let i = 0; i <= rows.length; i++)
    for (let j = 0; j <= columns.length; j++) {
      const query = levelQuery(state, i, j)
      const key = JSON.stringify(query)
      if (!pending.has(key)) pending.set(key, flatRows(access, query))
      levels.set(`${i}:${j}`, pending.get(key)!)
    }
  const results = new Map<string, FlatRow[]>()
  for (const [key, rowsOf] of levels) results.set(key, await rowsOf)
  const grid = buildGrid({
    rowMembers: rows,
    columnMembers: columns,
    measures: state.measures,
    level: (i, j) => results.get(`${i}:${j}`)!,
  })
  const find = (name: string): PivotMember => {
    const all = [...view.measures, ...view.dimensions]
    const direct = all.find((m) => m.name === name)
    if (direct) return direct
    const dot = name.lastIndexOf('.')
    const time = all.find((m) => m.name === name.slice(0, dot))
    return {
      ...(time ?? pivotMember({ name, title: name })),
      granularity: name.slice(dot + 1) as any,
    }
  }
  return {
    ...grid,
    measures: state.measures.map(find),
    rowMembers: rows.map(find),
    columnMembers: columns.map(find),
    truncated: results.get(`${rows.length}:${columns.length}`)!.length >= PIVOT_ROW_LIMIT,
  }
}
