import env from '#start/env'
import { defineConfig, store, drivers } from '@adonisjs/cache'

/**
 * What does not change between requests (the licence, a user's grants, the modules installed
 * for an organization) is cached and invalidated when it changes (app/support/cache.ts).
 *
 * - `memory` (default): one process, in memory.
 * - `redis`: several app instances. Each keeps a memory copy, shares a Redis copy, and hears
 *   every invalidation over a Redis bus, so no instance answers from a stale copy.
 */
const cacheConfig = defineConfig({
  default: env.get('CACHE_STORE', 'memory'),
  stores: {
    memory: store().useL1Layer(drivers.memory({ maxSize: '32mb' })),
    redis: store()
      .useL1Layer(drivers.memory({ maxSize: '32mb' }))
      .useL2Layer(drivers.redis({ connectionName: 'main' }))
      .useBus(drivers.redisBus({ connectionName: 'main' })),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
