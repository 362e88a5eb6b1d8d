import type { CubeCompilers } from './schema.js'

/** A Cube query as the REST API receives it (after Cube's normalisation). */
export interface CubeQuery {
  measures?: string[]
  dimensions?: string[]
  segments?: string[]
  timeDimensions?: { dimension: string; granularity?: string; dateRange?: unknown }[]
  filters?: CubeFilter[]
  order?: unknown
  [key: string]: unknown
}

export type CubeFilter =
  | { member?: string; dimension?: string; operator: string; values?: string[] }
  | { and: CubeFilter[] }
  | { or: CubeFilter[] }

/** Every member a query names: measures, dimensions, segments, time dimensions, filters. */
export function queryMembers(query: CubeQuery): string[] {
  const names = new Set<string>([
    ...(query.measures ?? []),
    ...(query.dimensions ?? []),
    ...(query.segments ?? []),
    ...(query.timeDimensions ?? []).map((td) => td.dimension),
  ])
  const walk = (filters: CubeFilter[]) => {
    for (const f of filters) {
      if ('and' in f) walk(f.and)
      else if ('or' in f) walk(f.or)
      else if (f.member ?? f.dimension) names.add((f.member ?? f.dimension)!)
    }
  }
  walk(query.filters ?? [])
  // Ordering by a member counts too (Cube would join its cube).
  const order = query.order
  if (Array.isArray(order)) for (const [name] of order as [string, string][]) names.add(name)
  else if (order && typeof order === 'object')
    for (const name of Object.keys(order)) names.add(name)
  // "cube.time.month" (a granularity) names the member "cube.time".
  return [...names].map((name) => name.split('.').slice(0, 2).join('.'))
}

/**
 * Whether every member of the raw query is a plain member name. Cube also accepts member
 * expressions (objects carrying SQL); the embedded gateway refuses them, as Cube's own REST
 * API does by default.
 */
export function onlyNamedMembers(query: Record<string, unknown>): boolean {
  const lists = ['measures', 'dimensions', 'segments'].map((k) => query[k] ?? [])
  if (lists.some((list) => !Array.isArray(list) || list.some((m) => typeof m !== 'string')))
    return false
  const named = (filters: unknown): boolean =>
    Array.isArray(filters) &&
    filters.every((f) => {
      if (!f || typeof f !== 'object') return false
      if ('and' in f) return named(f.and)
      if ('or' in f) return named(f.or)
      const member = (f as any).member ?? (f as any).dimension
      return typeof member === 'string'
    })
  return named(query.filters ?? [])
}

/** Members anyone may ask for: those of public cubes and views (Cube's `isVisible`). */
export function publicMembers(compilers: CubeCompilers): Set<string> {
  const names = new Set<string>()
  for (const { config } of compilers.metaTransformer.cubes as any[]) {
    if (!config.isVisible) continue
    for (const kind of ['measures', 'dimensions', 'segments'] as const)
      for (const member of config[kind] ?? []) if (member.isVisible) names.add(member.name)
  }
  return names
}

/**
 * The cubes a member reaches: its own cube, or for a view member the cubes on the view's join
 * path to the cube that owns it (all of them are joined into the SQL).
 */
export function cubesOfMember(compilers: CubeCompilers, member: string): string[] {
  const evaluator = compilers.cubeEvaluator as any
  const [cubeName, memberName] = member.split('.')
  const cube = evaluator.cubeFromPath(cubeName)
  if (!cube.isView) return [cubeName]
  const definition =
    cube.measures?.[memberName] ?? cube.dimensions?.[memberName] ?? cube.segments?.[memberName]
  const target = definition?.aliasMember ? cubesOfMember(compilers, definition.aliasMember) : []
  const owner = target[target.length - 1]
  const path = (cube.joinMap as string[][] | undefined)?.find((p) => p[p.length - 1] === owner)
  const root = (cube.joinMap as string[][] | undefined)?.[0]?.[0]
  return [...new Set([...(root ? [root] : []), ...(path ?? []), ...target])]
}
