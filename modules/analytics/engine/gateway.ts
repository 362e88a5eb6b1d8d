import apiQuery from '@cubejs-backend/api-gateway/dist/src/query.js'
import type { AccessContext } from '#app/access/access_context'
import { cubeEngine, type CubeEngine } from './engine.js'
import { queryClassFor } from './dialect.js'
import { onlyNamedMembers, publicMembers, queryMembers, type CubeQuery } from './members.js'
import { scopeQuery } from './scope.js'
import { annotationOf, rowsToMembers } from './results.js'
import { CubeRequestError } from './errors.js'

/*
 * The app's thin Cube gateway: Cube's REST contract (load, meta, sql) over Cube's own compiler,
 * query normaliser and orchestrator. Each query is normalised, checked against the public
 * members, rewritten with the user's organization and record scope (scope.ts), turned into SQL
 * by Cube's query class for the database, run through the orchestrator's cache, and answered in
 * Cube's shape so @cubejs-client/core's ResultSet works unchanged.
 */

export interface LoadOptions {
  /** `multi` (what @cubejs-client/core sends): answer `{ queryType, results, pivotQuery }`. */
  queryType?: string
  /** Cube's cache modes: stale-if-slow (default), stale-while-revalidate, must-revalidate, no-cache. */
  cache?: string
}

/** GET/POST /load. */
export async function load(access: AccessContext, input: unknown, options: LoadOptions = {}) {
  const engine = await cubeEngine()
  const { queryType, queries } = prepare(engine, input)
  const results = await Promise.all(
    queries.map(async (query) => {
      const scoped = await rewrite(engine, query, access)
      const generated = buildSql(engine, scoped)
      const response = await engine.orchestrator.fetchQuery({
        ...generated,
        query: generated.sql[0],
        values: generated.sql[1],
        dataSource: 'default',
        external: false,
        persistent: false,
        continueWait: true,
        cacheMode: options.cache,
      } as any)
      return {
        query: scoped,
        data: rowsToMembers(response.data, generated.aliasNameToMember, scoped),
        lastRefreshTime: response.lastRefreshTime?.toISOString(),
        annotation: annotationOf(engine.compilers, scoped),
        dataSource: 'default',
        dbType: engine.dbType,
        external: false,
        slowQuery: false,
        usedPreAggregations: {},
        total: null,
      }
    })
  )
  if (options.queryType === 'multi')
    return {
      queryType,
      results,
      pivotQuery: apiQuery.getPivotQuery(queryType as any, results.map((r) => r.query) as any),
      slowQuery: false,
    }
  if (queryType !== 'regularQuery')
    throw new CubeRequestError('not_supported', { kind: `${queryType} (queryType=multi)` })
  return results[0]
}

/** GET/POST /sql (administrators): the SQL Cube generates for the user's query. */
export async function sql(access: AccessContext, input: unknown) {
  const engine = await cubeEngine()
  const { queries } = prepare(engine, input)
  if (queries.length !== 1) throw new CubeRequestError('not_supported', { kind: 'blendingQuery' })
  const scoped = await rewrite(engine, queries[0], access)
  const generated = buildSql(engine, scoped)
  return { sql: { ...generated, dataSource: 'default', external: false } }
}

/** GET /meta: public cubes and views with their public members only. */
export async function meta() {
  const { compilers } = await cubeEngine()
  const cubes = (compilers.metaTransformer.cubes as any[])
    .filter(({ config }) => config.isVisible)
    .map(({ config }) => ({
      ...config,
      measures: config.measures.filter((m: any) => m.isVisible),
      dimensions: config.dimensions.filter((d: any) => d.isVisible),
      segments: config.segments.filter((s: any) => s.isVisible),
    }))
  return { cubes }
}

/** Parses and normalises the request's query (or queries: blending), checking every member. */
function prepare({ compilers }: CubeEngine, input: unknown) {
  let parsed: unknown = input
  try {
    if (typeof input === 'string') parsed = JSON.parse(input)
  } catch {
    throw new CubeRequestError('bad_query', { message: 'query is not JSON' })
  }
  if (!parsed || typeof parsed !== 'object')
    throw new CubeRequestError('bad_query', { message: 'query is missing' })
  const list = Array.isArray(parsed) ? parsed : [parsed]
  if (list.some((q) => q && typeof q === 'object' && 'compareDateRange' in q))
    throw new CubeRequestError('not_supported', { kind: 'compareDateRange' })
  const allowed = publicMembers(compilers)
  const queries = list.map((q) => {
    if (!q || typeof q !== 'object' || !onlyNamedMembers(q))
      throw new CubeRequestError('bad_query', { message: 'members must be names' })
    const normalized = normalize(q)
    const unknown = queryMembers(normalized).find((m) => !allowed.has(m))
    if (unknown) throw new CubeRequestError('unknown_member', { member: unknown })
    return normalized
  })
  return { queryType: Array.isArray(parsed) ? 'blendingQuery' : 'regularQuery', queries }
}

/** Cube's own normaliser; its validation errors become a 400. */
function normalize(query: unknown): CubeQuery {
  try {
    return apiQuery.normalizeQuery(query as any, false) as unknown as CubeQuery
  } catch (error) {
    throw new CubeRequestError('bad_query', { message: (error as Error).message })
  }
}

async function rewrite(engine: CubeEngine, query: CubeQuery, access: AccessContext) {
  return normalize(await scopeQuery(engine.compilers, query, access))
}

/** Cube's query class for the database (legacy JS planner: the Rust one is not installed). */
function buildSql({ compilers, dbType }: CubeEngine, query: CubeQuery) {
  const QueryClass = queryClassFor(dbType)
  try {
    const adapterQuery = apiQuery.remapToQueryAdapterFormat(query as any)
    const generator = new QueryClass(compilers as any, {
      ...adapterQuery,
      useNativeSqlPlanner: false,
      allowUngroupedWithoutPrimaryKey: true,
    }) as any
    return compilers.compiler.withQuery(generator, () => ({
      sql: generator.buildSqlAndParams() as [string, unknown[]],
      aliasNameToMember: generator.aliasNameToMember as Record<string, string>,
      cacheKeyQueries: generator.cacheKeyQueries(),
      preAggregations: generator.preAggregations.preAggregationsDescription(),
      order: generator.order,
    }))
  } catch (error) {
    throw new CubeRequestError('bad_query', { message: (error as Error).message })
  }
}
