import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import queryOrchestrator from '@cubejs-backend/query-orchestrator'
import { moduleRegistry, APP_ROOT } from '#app/registry/main'
import { compileSchema, schemaFiles, type CubeCompilers } from './schema.js'
import { cubeDbType, type CubeDbType } from './dialect.js'
import { LucidCubeDriver } from './driver.js'

/** The compiled model, the database's Cube dialect and the query orchestrator (cache, queue). */
export interface CubeEngine {
  compilers: CubeCompilers
  dbType: CubeDbType
  driver: LucidCubeDriver
  orchestrator: InstanceType<typeof queryOrchestrator.QueryOrchestrator>
  /** The database rollups are built in (`<database>_rollups`), or null: no rollups. */
  rollupsSchema: string | null
}

let engine: Promise<CubeEngine> | undefined

/**
 * The embedded Cube, built once per process: the model of every registered module's
 * cube/schema/<module>/ folder, compiled by Cube's schema compiler, and Cube's query
 * orchestrator with its in-memory cache and queue (`cacheAndQueueDriver: 'memory'`). A cached
 * result is served until the query's refresh key changes: Cube's default for a cube without
 * its own refresh_key is a 10-second clock, so figures are at most ~10 s old.
 */
export function cubeEngine(): Promise<CubeEngine> {
  engine ??= build().catch((error) => {
    engine = undefined
    throw error
  })
  return engine
}

/**
 * Drops the cache (a new orchestrator), and with `model` the compiled model too (a model
 * edited at run time). Tests start each case with an empty cache.
 */
export async function resetCubeEngine(options: { model?: boolean } = {}): Promise<void> {
  const current = engine
  engine = undefined
  if (options.model || !current) return
  const built = await current.catch(() => null)
  if (built) engine = Promise.resolve({ ...built, orchestrator: newOrchestrator(built.driver) })
}

let rollupsOverride: boolean | undefined

/** Tests (and the bench) turn rollups on or off (undefined: ANALYTICS_ROLLUPS); rebuilds the engine. */
export async function setRollups(on: boolean | undefined): Promise<void> {
  rollupsOverride = on
  await resetCubeEngine({ model: true })
}

/**
 * Where rollups live: MySQL/MariaDB only (SQLite has no second schema to build them in; its
 * queries always read the source), unless ANALYTICS_ROLLUPS=off.
 */
function rollupsSchemaOf(connectionName: string, dbType: CubeDbType): string | null {
  const on = rollupsOverride ?? env.get('ANALYTICS_ROLLUPS') !== 'off'
  if (dbType !== 'mysql' || !on) return null
  const database = (db.manager.get(connectionName)?.config as any)?.connection?.database
  return database ? `${database}_rollups` : null
}

async function build(): Promise<CubeEngine> {
  const registry = await moduleRegistry()
  const schemaRoot = join(APP_ROOT, 'cube', 'schema')
  const folders = registry.modules
    .map((m) => m.manifest.cubeSchema)
    .filter((folder): folder is string => Boolean(folder))
    .map((folder) => join(APP_ROOT, folder).slice(schemaRoot.length + 1))
  const compilers = await compileSchema(schemaRoot, await schemaFiles(schemaRoot, folders))
  const connection = db.connection()
  const dbType = cubeDbType(connection.dialect.name)
  const rollupsSchema = rollupsSchemaOf(connection.connectionName, dbType)
  const driver = new LucidCubeDriver(connection.connectionName, Boolean(rollupsSchema))
  return {
    compilers,
    dbType,
    driver,
    orchestrator: newOrchestrator(driver),
    rollupsSchema,
  }
}

/**
 * Cube's query orchestrator. The gateway's never builds a rollup (`externalRefresh`: it reads
 * the latest built version, and a query whose rollup is not built yet falls back to the
 * source); the refresh job's (`builder`) builds them.
 */
export function newOrchestrator(driver: LucidCubeDriver, builder = false) {
  return new queryOrchestrator.QueryOrchestrator(
    'cartera_analytics',
    async () => driver as any,
    (message: string, params: Record<string, unknown>) =>
      logger.debug({ cube: params }, `cube: ${message}`),
    {
      cacheAndQueueDriver: 'memory',
      continueWaitTimeout: 30,
      // One database connection (SQLite) or a small pool: a few queries at a time.
      queryCacheOptions: { queueOptions: async () => ({ concurrency: 2 }) },
      preAggregationsOptions: {
        queueOptions: async () => ({ concurrency: 1 }),
        externalRefresh: !builder,
        // The rollups' table list is cached (Cube's default: an hour); another process (a
        // queue worker) may build a new version and drop the old one: look again each minute.
        preAggregationsSchemaCacheExpire: 60,
      },
    } as any
  )
}
