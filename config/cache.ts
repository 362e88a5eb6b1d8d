import env from '#start/env'
import { defineConfig, store, drivers } from '@adonisjs/cache'

/**
 * Several app instances (CACHE_STORE=redis): each keeps a memory copy, shares a Redis copy and
 * hears every invalidation over a Redis bus, so no instance answers from a stale copy.
 */
export const redisStore = () =>
  store()
    .useL1Layer(drivers.memory({ maxSize: '32mb' }))
    .useL2Layer(drivers.redis({ connectionName: 'main' }))
    .useBus(drivers.redisBus({ connectionName: 'main' }))

/**
 * What does not change between requests (the licence, a user's grants, the modules installed
 * for an organization) is cached and invalidated when it changes (app/support/cache.ts).
 * `memory` (default) serves one process; the Redis store is defined only when chosen, so an
 * installation without Redis never tries to reach one.
 */
const cacheConfig = defineConfig({
  default: env.get('CACHE_STORE', 'memory'),
  stores: {
    memory: store().useL1Layer(drivers.memory({ maxSize: '32mb' })),
    ...(env.get('CACHE_STORE') === 'redis' ? { redis: redisStore() } : {}),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
