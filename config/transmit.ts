import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@adonisjs/transmit/transports/redis'

/**
 * Server-sent events (notifications, progress). One instance needs nothing; several instances
 * set TRANSMIT_TRANSPORT=redis (REDIS_HOST…) so a broadcast reaches every instance's clients.
 * The Redis transport is created only when chosen and only when the service is first used:
 * `node ace codegen` boots the app and must not connect anywhere.
 */
const transport = env.get('TRANSMIT_TRANSPORT', 'memory')

/** The Redis transport's factory (nothing connects until an instance calls it). */
export const redisTransport = () =>
  redis({
    host: env.get('REDIS_HOST', '127.0.0.1'),
    port: env.get('REDIS_PORT', 6379),
    password: env.get('REDIS_PASSWORD', '') || undefined,
    db: env.get('REDIS_DB', 0),
    keyPrefix: `${env.get('REDIS_KEY_PREFIX', 'cartera:')}transmit:`,
  })

export default defineConfig({
  // Keeps proxies from closing idle streams; no timer outside the web server.
  pingInterval: app.getEnvironment() === 'web' ? '30s' : false,
  transport: transport === 'redis' ? { driver: redisTransport() } : null,
})
