import env from '#start/env'
import { defineConfig, store, drivers } from '@adonisjs/cache'

/**
 * The one-process store keeps entries as they are, not as JSON of JSON: a read is then a few
 * microseconds instead of tens, and a signed-in request makes about twenty. Every cached value
 * is already a string (app/support/cache.ts packs them), so no caller can change a cached copy.
 * Bounded by count: entries are small (a version token, a user, a session record, a count)
 * except list pages (about 10 KB each). (With a Redis layer behind it, bentocache 1.6 keeps
 * what it reads from Redis serialized in memory and then fails to read it back unserialized:
 * the Redis store keeps the serialized memory layer.)
 */
const memoryLayer = () => drivers.memory({ maxItems: 10_000, serialize: false })

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
    memory: store().useL1Layer(memoryLayer()),
    ...(env.get('CACHE_STORE') === 'redis' ? { redis: redisStore() } : {}),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
