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
  // "cube.time.month" (a granularity) names the member "cube.time".
  return [...names].map((name) => name.split('.').slice(0, 2).join('.'))
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
