import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { Worker } from '@adonisjs/queue'
import type { WorkerConfig } from '@adonisjs/queue/types'
import { registerJobs } from './registry.js'

/** Resolves the configured adapters the way `node ace queue:work` does. */
async function workerConfig(overrides: Partial<WorkerConfig> = {}) {
  const config: any = app.config.get('queue')
  const adapters: Record<string, any> = {}
  for (const [name, adapter] of Object.entries<any>(config.adapters)) {
    adapters[name] = typeof adapter === 'function' ? adapter : await adapter.resolver(app)
  }
  return {
    ...config,
    autoLoadJobs: false,
    adapters,
    jobFactory: (JobClass: any) => app.container.make(JobClass),
    logger: config.logger ?? logger,
    worker: { ...config.worker, ...overrides },
  }
}

/** A worker over this process's queue configuration (jobs registered first). */
export async function createWorker(overrides: Partial<WorkerConfig> = {}): Promise<Worker> {
  await registerJobs()
  return new Worker(await workerConfig(overrides))
}

/** How long a stopping web process waits for its running jobs. */
const SHUTDOWN_GRACE_MS = 10_000

/**
 * The web process's own worker (`npm start`, unless QUEUE_WORKER=off): it runs beside the
 * HTTP server and stops with the app, letting running jobs finish for a few seconds. A job
 * still running then is left "active": another worker (or this one after a restart) runs it
 * again once QUEUE_STALLED_THRESHOLD has passed.
 */
export async function startInProcessWorker(queues: string[] = ['default']): Promise<Worker> {
  const worker = await createWorker({ gracefulShutdown: false })
  app.terminating(async () => {
    let timer: NodeJS.Timeout | undefined
    const stopped = await Promise.race([
      worker.stop().then(() => true),
      new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS))
      ),
    ])
    clearTimeout(timer)
    if (!stopped) {
      logger.warn('jobs still running at shutdown: they will run again after the stalled threshold')
      // The running job would keep the process alive; it is safe to leave it (see above).
      setTimeout(() => process.exit(), 500).unref()
    }
  })
  worker
    .start(queues)
    .catch((error) => logger.error({ err: error }, 'the in-process job worker stopped'))
  logger.info(
    'job worker running in this process (QUEUE_WORKER=off to leave jobs to `node ace queue:work`)'
  )
  return worker
}
