import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ScheduleBuilder } from '@adonisjs/queue'
import Probe from '#app/jobs/kernel/probe'
import { Socket } from 'node:net'
import {
  ace,
  emptyQueueTables,
  startServer,
  startWorker,
  stopWorkers,
  until,
} from '#tests/helpers/workers'

/*
 * Separate worker processes (`node ace queue:work`) on the test database — the SQLite file, or
 * MariaDB with DB_CONNECTION=mysql — as several instances of Cartera would run. No global
 * transaction (other processes could not see its rows): the queue tables are emptied instead.
 */

const REDIS = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
}
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = new Socket()
  socket.setTimeout(500)
  socket.once('connect', () => {
    socket.destroy()
    resolve(true)
  })
  socket.once('error', () => resolve(false))
  socket.once('timeout', () => resolve(false))
  socket.connect(REDIS.port, REDIS.host)
})
const required = process.env.CARTERA_REQUIRE_SERVICES === '1'

const probes = (tag: string) => db.from('kernel_job_probes').where('tag', tag)
const countOf = async (query: any) => Number((await query.count('* as n').first()).n)

test.group('Jobs · separate worker processes', (group) => {
  group.each.setup(async () => {
    await emptyQueueTables()
    return async () => {
      await stopWorkers()
      await emptyQueueTables()
    }
  })

  test('two workers on one database claim every job exactly once', async ({ assert }) => {
    const workers = await Promise.all([startWorker(), startWorker()])
    const total = 300
    // SQLite takes at most 500 rows in one insert.
    for (let i = 0; i < total; i += 150) {
      await Probe.dispatchMany(Array.from({ length: 150 }, () => ({ tag: 'claim' })))
    }
    await until(async () => (await countOf(probes('claim'))) === total, 90_000, 'every probe')

    const runs = await probes('claim').sum('runs as n').first()
    assert.equal(Number(runs.n), total, 'no job ran twice')
    const byWorker = await probes('claim').groupBy('pid').select('pid').count('* as n')
    assert.sameMembers(
      byWorker.map((r) => Number(r.pid)),
      workers.map((w) => w.pid),
      'both workers took jobs'
    )
    await until(
      async () =>
        (await countOf(db.from('kernel_job_runs').where('status', 'completed'))) === total,
      10_000,
      'every record completed'
    )
    assert.equal(await countOf(db.from('queue_jobs')), 0, 'the queue is empty')
  }).timeout(150_000)

  test('a job outlives its worker: queued while none runs, or cut off mid-run by a crash', async ({
    assert,
  }) => {
    const first = await startWorker()
    const { jobId: longJob } = await Probe.dispatch({ tag: 'crash', sleepMs: 3_000 })
    await until(
      async () =>
        (await db.from('kernel_job_runs').where('job_id', longJob).first())?.status === 'running',
      20_000,
      'the long job to start'
    )
    await first.kill()
    // Dispatched while no worker runs at all: it waits in the database.
    const { jobId: waiting } = await Probe.dispatch({ tag: 'restart' })
    assert.equal((await db.from('queue_jobs').where('id', waiting).first()).status, 'pending')

    const second = await startWorker({ QUEUE_STALLED_THRESHOLD: '2s' })
    await until(async () => (await countOf(probes('restart'))) === 1, 30_000, 'the waiting job')
    await until(async () => (await countOf(probes('crash'))) === 1, 30_000, 'the crashed job')
    const crashed = await probes('crash').first()
    assert.equal(crashed.pid, second.pid, 'run again by the surviving worker')
    assert.equal(crashed.runs, 1, 'and only once to the end')
    await until(
      async () =>
        (await db.from('kernel_job_runs').where('job_id', longJob).first()).status === 'completed',
      10_000,
      'the record to complete'
    )
  }).timeout(120_000)

  test('a cron schedule fires once per tick with two instances running', async ({ assert }) => {
    const TICK = 2_000
    const created = Date.now()
    await new ScheduleBuilder('kernel.probe', { tag: 'tick' })
      .id('test.tick')
      .cron('*/2 * * * * *')
      .run()
    await Promise.all([startWorker(), startWorker()])
    const fired = () => db.from('kernel_job_runs').where('name', 'kernel.probe')
    await until(async () => (await countOf(fired())) >= 4, 40_000, 'four ticks')
    const checked = Date.now()
    const dispatched = await countOf(fired())
    await db.from('queue_schedules').where('id', 'test.tick').delete()

    // Every dispatch is one claim of one tick: never more claims than ticks went by.
    const ticks = Math.floor(checked / TICK) - Math.floor(created / TICK)
    assert.isAtMost(dispatched, ticks, `${dispatched} dispatches for ${ticks} ticks`)
    await until(
      async () => (await countOf(probes('tick'))) >= dispatched,
      20_000,
      'the ticks to run'
    )
    const runs = await probes('tick').sum('runs as n').first()
    assert.equal(Number(runs.n), await countOf(probes('tick')), 'each tick job ran once')
  }).timeout(90_000)

  test('the web server registers the declared schedules and runs a worker unless told not to', async ({
    assert,
  }) => {
    await db.table('queue_schedules').insert({
      id: 'gone.module_job',
      name: 'gone.module_job',
      payload: '{}',
      cron_expression: '0 * * * *',
      timezone: 'UTC',
      status: 'active',
      run_count: 0,
      created_at: new Date(),
    })
    const quiet = await startServer({ QUEUE_WORKER: 'off' })
    const ids = async () => (await db.from('queue_schedules').select('id')).map((s) => s.id)
    await until(async () => !(await ids()).includes('gone.module_job'), 10_000, 'schedule sync')
    const schedules = await db.from('queue_schedules').select('id', 'name', 'next_run_at')
    // Modules' schedules too (the test environment's package module declares one).
    assert.includeMembers(
      schedules.map((s) => s.id),
      [
        'kernel.prune_job_runs',
        'kernel.purge_bin',
        'kernel.prune_notifications',
        'kernel.prune_imports',
        'kernel.send_notification_digest',
      ],
      'declared schedules written'
    )
    assert.notInclude(
      schedules.map((s) => s.id),
      'gone.module_job',
      'undeclared ones removed'
    )
    assert.isNotNull(schedules[0].next_run_at)
    const { jobId } = await Probe.dispatch({ tag: 'web' })
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    assert.equal(await countOf(probes('web')), 0, 'QUEUE_WORKER=off: no worker in the server')
    assert.include(quiet.output(), 'started HTTP server')
    await quiet.stop()

    const server = await startServer()
    await until(async () => (await countOf(probes('web'))) === 1, 20_000, 'the in-process worker')
    assert.equal((await probes('web').first()).pid, server.pid)
    // The probe row is written by the job; its run is marked completed just after it returns.
    const runStatus = async () =>
      (await db.from('kernel_job_runs').where('job_id', jobId).first())?.status
    await until(async () => (await runStatus()) !== 'running', 10_000, 'the run to finish')
    assert.equal(await runStatus(), 'completed')

    // A job still running at shutdown does not hold the server: it stops after a grace period.
    const { jobId: long } = await Probe.dispatch({ tag: 'long', sleepMs: 120_000 })
    await until(
      async () =>
        (await db.from('kernel_job_runs').where('job_id', long).first()).status === 'running',
      10_000,
      'the long job to start'
    )
    const stopping = Date.now()
    await server.stop()
    assert.isNull(server.child.signalCode, 'it exited by itself, not by SIGKILL')
    assert.isBelow(Date.now() - stopping, 14_000)
  }).timeout(120_000)

  test('with QUEUE_DRIVER=redis, two workers share a Redis queue and jobs are still recorded', async ({
    assert,
  }) => {
    // A Redis database of its own for this run (the queue's keys carry no prefix): npm test
    // gives each database engine its own, so CI's SQLite and MariaDB runs may overlap.
    const redisDb = process.env.CARTERA_TEST_QUEUE_REDIS_DB ?? String(2 + (process.pid % 14))
    const redisEnv = { QUEUE_DRIVER: 'redis', QUEUE_REDIS_DB: redisDb }
    const workers = await Promise.all([startWorker(redisEnv), startWorker(redisEnv)])
    ace(['jobs:probe', '--count=100', '--tag=redis'], redisEnv)
    assert.equal(await countOf(db.from('queue_jobs')), 0, 'nothing in the database queue')
    await until(async () => (await countOf(probes('redis'))) === 100, 60_000, 'every probe')
    const runs = await probes('redis').sum('runs as n').first()
    assert.equal(Number(runs.n), 100, 'no job ran twice')
    const pids = (await probes('redis').groupBy('pid').select('pid')).map((r) => Number(r.pid))
    assert.sameMembers(
      pids,
      workers.map((w) => w.pid)
    )
    await until(
      async () => (await countOf(db.from('kernel_job_runs').where('status', 'completed'))) === 100,
      10_000,
      'every record completed'
    )
  })
    .skip(
      !redisUp && !required,
      `no Redis at ${REDIS.host}:${REDIS.port} (QUEUE_DRIVER=redis is not tested)`
    )
    .timeout(120_000)
})
