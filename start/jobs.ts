/*
| Background jobs: every job class of the kernel and the modules is registered with the queue
| in every process (web, `node ace queue:work`, tests). The web server (mode "run") also writes
| the declared cron schedules and, unless QUEUE_WORKER=off, runs a worker in this process.
| Nothing here connects to anything in other modes: `node ace codegen` boots the app too.
*/
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { registerJobs, syncSchedules } from '#app/jobs/registry'
import { startInProcessWorker } from '#app/jobs/worker'

await registerJobs()

if (app.getEnvironment() === 'web' && app.getMode() === 'run') {
  app.ready(async () => {
    await syncSchedules()
    if (env.get('QUEUE_WORKER', 'on') !== 'off') await startInProcessWorker()
  })
}
