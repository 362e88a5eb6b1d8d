import { prepareAnnotation } from '@cubejs-backend/api-gateway/dist/src/helpers/prepare-annotation.js'
import type { CubeQuery } from './members.js'

type Row = Record<string, unknown>

/**
 * Cube's `annotation` of a result (titles, types, formats), as Cube's gateway builds it from
 * the meta config (titles.ts localizedCubes: in the user's language).
 */
export function annotationOf(cubes: { config: any }[], query: CubeQuery) {
  return prepareAnnotation(cubes as any, query as any)
}

/**
 * Renames SQL aliases to member names and formats values as Cube's REST API does: times as
 * "YYYY-MM-DDTHH:mm:ss.SSS" (no zone), numbers as strings (money stays exact), and a time
 * dimension with a granularity also under its bare name.
 */
export function rowsToMembers(
  rows: Row[],
  aliasNameToMember: Record<string, string>,
  query: CubeQuery
): Row[] {
  const timeMembers = new Set(
    (query.timeDimensions ?? [])
      .filter((td) => td.granularity)
      .map((td) => `${td.dimension}.${td.granularity}`)
  )
  return rows.map((row) => {
    const out: Row = {}
    for (const [alias, value] of Object.entries(row)) {
      const member = aliasNameToMember[alias]
      if (!member) continue
      if (timeMembers.has(member)) {
        const time = timeValue(value)
        out[member] = time
        const bare = member.split('.').slice(0, 2).join('.')
        if (!(bare in out)) out[bare] = time
      } else out[member] = plainValue(value)
    }
    return out
  })
}

function timeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString().slice(0, 23)
  const text = String(value).replace(' ', 'T')
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text) ? `${text}.000` : text
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 23)
  return value
}
