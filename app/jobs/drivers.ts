import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type { AcquiredJob, Adapter, AdapterFactory } from '@boringnode/queue/types'
import { RecordingAdapter } from './recording_adapter.js'
import { jobTransaction } from './transaction_scope.js'

const JOBS_TABLE = 'queue_jobs'

/** SQLite said another connection holds or just changed the data (the other instance won). */
function isBusy(error: unknown): boolean {
  return /^SQLITE_BUSY/.test((error as { code?: string })?.code ?? '')
}

/**
 * On SQLite the library claims a job with a deferred transaction (SELECT, then UPDATE): two
 * processes polling together make one fail with SQLITE_BUSY and pause five seconds. Here a job
 * is claimed by ONE statement that takes the write lock first (UPDATE … RETURNING), so two
 * workers never get the same job and never trip over each other. Schedules and stalled-job
 * checks keep the library's transactions; a busy answer there means another instance is doing
 * it, so this one skips a turn.
 */
class SqliteRecordingAdapter extends RecordingAdapter {
  #workerId = ''
  constructor(
    inner: Adapter,
    private knex: any
  ) {
    super(inner)
  }

  setWorkerId(workerId: string) {
    this.#workerId = workerId
    super.setWorkerId(workerId)
  }

  protected async claim(queue: string): Promise<AcquiredJob | null> {
    const now = Date.now()
    // Delayed jobs whose time has come (retries after a backoff, `.in('5m')`) become pending,
    // with the score the library gives: priority first, then age.
    await this.knex.raw(
      `UPDATE ${JOBS_TABLE} SET status = 'pending', execute_at = NULL,
         score = COALESCE(json_extract(data, '$.priority'), 5) * 10000000000000 + ?
       WHERE queue = ? AND status = 'delayed' AND execute_at <= ?`,
      [now, queue, now]
    )
    const rows = await this.knex.raw(
      `UPDATE ${JOBS_TABLE} SET status = 'active', worker_id = ?, acquired_at = ?
       WHERE rowid = (SELECT rowid FROM ${JOBS_TABLE}
                      WHERE queue = ? AND status = 'pending' ORDER BY score ASC LIMIT 1)
         AND status = 'pending'
       RETURNING data`,
      [this.#workerId, now, queue]
    )
    const row = rows[0]
    return row ? { ...JSON.parse(row.data), acquiredAt: now } : null
  }

  async claimDueSchedule() {
    try {
      return await super.claimDueSchedule()
    } catch (error) {
      if (isBusy(error)) return null
      throw error
    }
  }

  async recoverStalledJobs(queue: string, threshold: number, maxStalledCount: number) {
    try {
      return await super.recoverStalledJobs(queue, threshold, maxStalledCount)
    } catch (error) {
      if (isBusy(error)) return 0
      throw error
    }
  }
}

/**
 * On MySQL/MariaDB (and other servers) the queue's completion (or failure, or retry) and its
 * record share one transaction: one commit (one disk flush) instead of two. The claim stays in
 * the library's own short transaction: held longer, its locks made two workers deadlock.
 */
class TransactionalRecordingAdapter extends RecordingAdapter {
  constructor(
    inner: Adapter,
    private db: any
  ) {
    super(inner)
  }

  #inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction((trx: any) => jobTransaction.run(trx, work))
  }

  completeJob(...args: Parameters<Adapter['completeJob']>) {
    return this.#inTransaction(() => super.completeJob(...args))
  }

  failJob(...args: Parameters<Adapter['failJob']>) {
    return this.#inTransaction(() => super.failJob(...args))
  }

  retryJob(...args: Parameters<Adapter['retryJob']>) {
    return this.#inTransaction(() => super.retryJob(...args))
  }
}

/**
 * The app's own database connection for the queue. Inside a test's global transaction the
 * queue uses that transaction too (a second connection would wait forever on SQLite's write
 * lock, and on MySQL would not see the test's rows).
 */
function liveConnection(db: any, name: string) {
  const current = () =>
    jobTransaction.getStore()?.knexClient ??
    db.connectionGlobalTransactions.get(name)?.knexClient ??
    db.connection(name).getWriteClient()
  const target = function () {} as any
  return new Proxy(target, {
    apply: (_t, _this, args) => current()(...args),
    get: (_t, prop) => {
      const value = current()[prop]
      return typeof value === 'function' ? value.bind(current()) : value
    },
  })
}

/** Queue drivers whose jobs are recorded for Administración › Trabajos. */
export const recordedDrivers = {
  /** The application's database (SQLite or MySQL/MariaDB): no other service to run. */
  database(config: { connectionName?: string } = {}): ConfigProvider<AdapterFactory> {
    return configProvider.create(async (app) => {
      const db: any = await app.container.make('lucid.db')
      const { KnexAdapter } = await import('@boringnode/queue/drivers/knex_adapter')
      const name = config.connectionName || db.primaryConnectionName
      const connection = liveConnection(db, name)
      const sqlite = ['better-sqlite3', 'sqlite3'].includes(db.connection(name).dialect.name)
      return () => {
        const inner = new KnexAdapter({ connection, tableName: JOBS_TABLE }) as unknown as Adapter
        return sqlite
          ? new SqliteRecordingAdapter(inner, connection)
          : new TransactionalRecordingAdapter(inner, db)
      }
    })
  },

  /** Redis, for several app instances. Connects on first use only. */
  redis(config: { connectionName: string }): ConfigProvider<AdapterFactory> {
    return configProvider.create(async (app) => {
      const redis: any = await app.container.make('redis')
      const { redis: redisAdapter } = await import('@boringnode/queue/drivers/redis_adapter')
      return () => {
        const factory = redisAdapter(redis.connection(config.connectionName).ioConnection)
        return new RecordingAdapter(factory())
      }
    })
  },
}
