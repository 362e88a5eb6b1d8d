import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'

/**
 * Redis is optional: used only when CACHE_STORE=redis or QUEUE_DRIVER=redis (several app
 * instances). Connections open
 * on first use, so an installation without Redis never connects.
 */
const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      host: env.get('REDIS_HOST', '127.0.0.1'),
      port: env.get('REDIS_PORT', 6379),
      password: env.get('REDIS_PASSWORD', ''),
      db: env.get('REDIS_DB', 0),
      keyPrefix: env.get('REDIS_KEY_PREFIX', 'cartera:'),
      lazyConnect: true,
    },
    // The queue's own database: @boringnode/queue's keys carry no prefix.
    queue: {
      host: env.get('REDIS_HOST', '127.0.0.1'),
      port: env.get('REDIS_PORT', 6379),
      password: env.get('REDIS_PASSWORD', ''),
      db: env.get('QUEUE_REDIS_DB', 1),
      lazyConnect: true,
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
