import type { PivotAxisEntry } from '../dto/pivot.js'

/** A flat result row (ResultSet.tablePivot): member name → value. */
export type FlatRow = Record<string, unknown>

/** The rows Cube answered for a grouping: the first `rowLevel` row and `columnLevel` column members. */
export type LevelRows = (rowLevel: number, columnLevel: number) => FlatRow[]

type Value = string | null

const valueOf = (v: unknown): Value => (v === null || v === undefined ? null : String(v))

/** Axis order: numbers numerically, text and ISO dates as text, empty values last. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  const x = Number(a)
  const y = Number(b)
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y
  return a.localeCompare(b)
}

function compareTuples(a: Value[], b: Value[]): number {
  for (const [i, value] of a.entries()) {
    const c = compareValues(value, b[i])
    if (c) return c
  }
  return 0
}

/**
 * An axis's entries in display order: each group's leaves, then the group's subtotal (every
 * level between the first and the leaves), and the grand total last. An axis with no members
 * has one entry: the total.
 */
export function axisEntries(tuples: Value[][], depth: number): PivotAxisEntry[] {
  if (depth === 0) return [{ values: [], level: 0 }]
  const unique = new Map(tuples.map((t) => [JSON.stringify(t), t]))
  const sorted = [...unique.values()].sort(compareTuples)
  const walk = (prefix: Value[], group: Value[][], level: number): PivotAxisEntry[] => {
    if (level === depth) return [{ values: prefix, level }]
    const children = new Map<string, { value: Value; tuples: Value[][] }>()
    for (const t of group) {
      const key = JSON.stringify(t[level])
      if (!children.has(key)) children.set(key, { value: t[level], tuples: [] })
      children.get(key)!.tuples.push(t)
    }
    const out = [...children.values()].flatMap((c) =>
      walk([...prefix, c.value], c.tuples, level + 1)
    )
    if (level > 0) out.push({ values: prefix, level })
    return out
  }
  return [...walk([], sorted, 0), { values: [], level: 0 }]
}

/**
 * The pivot: rows × (columns × measures). Each cell comes from the rows Cube answered at that
 * cell's grouping, so a subtotal or total is the model's own figure (a win rate or an average
 * is recomputed, never summed).
 */
export function buildGrid(input: {
  rowMembers: string[]
  columnMembers: string[]
  measures: string[]
  level: LevelRows
}) {
  const { rowMembers, columnMembers, measures } = input
  const R = rowMembers.length
  const C = columnMembers.length
  const leaf = input.level(R, C)
  const rows = axisEntries(
    leaf.map((r) => rowMembers.map((m) => valueOf(r[m]))),
    R
  )
  const columns = axisEntries(
    leaf.map((r) => columnMembers.map((m) => valueOf(r[m]))),
    C
  )
  const indexes = new Map<string, Map<string, FlatRow>>()
  const indexOf = (i: number, j: number) => {
    const key = `${i}:${j}`
    if (!indexes.has(key)) {
      const members = [...rowMembers.slice(0, i), ...columnMembers.slice(0, j)]
      const index = new Map<string, FlatRow>()
      for (const r of input.level(i, j))
        index.set(JSON.stringify(members.map((m) => valueOf(r[m]))), r)
      indexes.set(key, index)
    }
    return indexes.get(key)!
  }
  const cells = rows.map((row) =>
    columns.flatMap((column) => {
      const found = indexOf(row.level, column.level).get(
        JSON.stringify([...row.values, ...column.values])
      )
      return measures.map((m) => {
        const v = found?.[m]
        if (v === null || v === undefined || v === '') return null
        const n = Number(v)
        return Number.isFinite(n) ? n : null
      })
    })
  )
  return { rows, columns, cells }
}
