import logger from '@adonisjs/core/services/logger'
import apiQuery from '@cubejs-backend/api-gateway/dist/src/query.js'
import { cubeEngine, newOrchestrator } from './engine.js'
import { buildSql } from './gateway.js'
import type { CubeQuery } from './members.js'

/*
 * Rollups (Cube pre-aggregations, `pre_aggregations` in cube/schema) on MySQL/MariaDB: built
 * into `<database>_rollups` by this refresh (the analytics.refreshRollups job every 10 minutes,
 * `node ace analytics:refresh`), read by the gateway as soon as a version exists. Cube's own
 * orchestrator builds them (CREATE TABLE … AS SELECT through the app's connection), each
 * again when its refresh key (every 10 minutes) changes, and drops old versions.
 */

export interface RollupRefresh {
  id: string
  table: string | null
  ms: number
}

const memberName = (ref: unknown): string =>
  Array.isArray(ref) ? ref.slice(-2).join('.') : String(ref).split('.').slice(-2).join('.')

let builder: ReturnType<typeof newOrchestrator> | undefined

/** Builds (or refreshes) every rollup of the model; [] when rollups are off (SQLite, off). */
export async function refreshRollups(): Promise<RollupRefresh[]> {
  const engine = await cubeEngine()
  if (!engine.rollupsSchema) return []
  builder ??= newOrchestrator(engine.driver, true)
  const done: RollupRefresh[] = []
  for (const rollup of (engine.compilers.cubeEvaluator as any).preAggregations()) {
    const started = Date.now()
    const { references } = rollup
    const query = apiQuery.normalizeQuery(
      {
        measures: references.measures.map(memberName),
        dimensions: references.dimensions.map(memberName),
        timeDimensions: references.timeDimensions.map((td: any) => ({
          dimension: memberName(td.dimension),
          granularity: td.granularity,
        })),
        limit: 1,
      } as any,
      false
    ) as unknown as CubeQuery
    const generated = buildSql(engine, query, { preAggregationId: rollup.id })
    const response = (await builder.fetchQuery({
      ...generated,
      query: generated.sql[0],
      values: generated.sql[1],
      dataSource: 'default',
      external: false,
      persistent: false,
      renewQuery: true,
      forceNoCache: true,
    } as any)) as any
    const used = Object.values(response.usedPreAggregations ?? {}) as any[]
    done.push({ id: rollup.id, table: used[0]?.targetTableName ?? null, ms: Date.now() - started })
    logger.debug({ rollup: rollup.id, ms: Date.now() - started }, 'analytics: rollup refreshed')
  }
  return done
}
