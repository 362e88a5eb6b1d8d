import env from '#start/env'
import { defineConfig, exponentialBackoff } from '@adonisjs/queue'
import { recordedDrivers } from '#app/jobs/drivers'

/**
 * Background jobs (@adonisjs/queue). The database adapter (the app's own connection) is the
 * default; QUEUE_DRIVER=redis selects Redis for several instances. Only the chosen adapter is
 * registered: a Redis adapter would connect at boot, and `node ace codegen` boots the app.
 * Both are wrapped so every job is recorded for Administración › Trabajos (app/jobs).
 * Jobs come from the kernel and the module manifests (app/jobs/registry.ts), not from a glob.
 */
const driver = env.get('QUEUE_DRIVER', 'database')

const queueConfig = defineConfig({
  default: driver,
  adapters:
    driver === 'redis'
      ? { redis: recordedDrivers.redis({ connectionName: 'queue' }) }
      : { database: recordedDrivers.database() },

  // Three retries with exponential backoff (5 s, 10 s, 20 s … at most 10 min) unless a job
  // says otherwise in its `static options`.
  retry: {
    maxRetries: 3,
    backoff: exponentialBackoff({ baseDelay: '5s', maxDelay: '10m', multiplier: 2, jitter: true }),
  },
  // The queue's own rows go when a job ends: history lives in kernel_job_runs.
  defaultJobOptions: { removeOnComplete: true, removeOnFail: true },

  worker: {
    concurrency: env.get('QUEUE_CONCURRENCY', 2),
    idleDelay: env.get('QUEUE_IDLE_DELAY', '1s'),
    // A worker that died mid-job (killed, power cut) leaves it "active": after this long without
    // its heartbeat another worker runs it again (once; a second stall fails it).
    stalledThreshold: env.get('QUEUE_STALLED_THRESHOLD', '30s'),
    stalledInterval: env.get('QUEUE_STALLED_THRESHOLD', '30s'),
    maxStalledCount: 1,
    gracefulShutdown: true,
  },

  locations: [],
})

export default queueConfig
