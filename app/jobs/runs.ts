import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { Locator, QueueManager } from '@boringnode/queue'
import type { JobData } from '@adonisjs/queue/types'
import { dbTimestamp } from '#app/support/dates'
import { jobTransaction } from './transaction_scope.js'

/** States shown in Administración › Trabajos. */
export const RUN_STATES = ['queued', 'running', 'failed', 'completed'] as const
export type RunState = (typeof RUN_STATES)[number]

const TABLE = 'kernel_job_runs'
/** The queue step's transaction when there is one (see transaction_scope.ts). */
const client = () => jobTransaction.getStore() ?? db
const ERROR_CHARS = 2000
const PAYLOAD_CHARS = 20_000
/** SQLite takes at most 500 terms in one multi-row insert; stay well under it. */
const INSERT_CHUNK = 100

function organizationOf(payload: unknown): number | null {
  const id = (payload as { organizationId?: unknown } | null)?.organizationId
  return Number.isInteger(id) ? (id as number) : null
}

/** Attempts a job gets: its own `maxRetries` (or the configured default) plus the first run. */
function maxAttempts(name: string): number {
  const options = (Locator.get(name) as any)?.options ?? {}
  const retries =
    options.retry?.maxRetries ??
    options.maxRetries ??
    (QueueManager.isInitialized()
      ? QueueManager.getConfigResolver().resolveRetryConfig('default').maxRetries
      : 0)
  return Number(retries ?? 0) + 1
}

function clip(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

function row(queue: string, job: JobData, delayMs?: number) {
  const now = new Date()
  return {
    job_id: job.id,
    name: job.name,
    queue,
    organization_id: organizationOf(job.payload),
    status: 'queued',
    attempts: 0,
    max_attempts: maxAttempts(job.name),
    priority: job.priority ?? null,
    payload: clip(JSON.stringify(job.payload ?? null), PAYLOAD_CHARS),
    created_at: dbTimestamp(now),
    run_at: delayMs ? dbTimestamp(new Date(now.getTime() + delayMs)) : null,
  }
}

/** A failure to write the record never stops the queue itself; it is logged. */
async function quietly(what: string, jobId: string, work: () => Promise<unknown>) {
  try {
    await work()
  } catch (error) {
    logger.error({ err: error, jobId }, `job run record: ${what} failed`)
  }
}

/**
 * The job-run record (`kernel_job_runs`): written by the recording adapter at each step of a
 * job's life, read by the administration page.
 */
export const jobRuns = {
  /** Before the queue has the job, so no worker can start it unrecorded. */
  async queued(queue: string, jobs: JobData[], delayMs?: number) {
    for (let i = 0; i < jobs.length; i += INSERT_CHUNK) {
      await db
        .table(TABLE)
        .multiInsert(jobs.slice(i, i + INSERT_CHUNK).map((j) => row(queue, j, delayMs)))
    }
  },

  /** The queue refused the jobs after they were recorded: no record of a job that is not queued. */
  async unqueued(jobs: JobData[]) {
    await quietly('unqueue', jobs[0]?.id ?? '', () =>
      db
        .from(TABLE)
        .whereIn(
          'job_id',
          jobs.map((j) => j.id)
        )
        .where('status', 'queued')
        .delete()
    )
  },

  /** A failed run sent back to the queue by an administrator: same job id, attempts from 0. */
  async requeued(jobId: string) {
    await db.from(TABLE).where('job_id', jobId).update({
      status: 'queued',
      attempts: 0,
      error: null,
      finished_at: null,
      started_at: null,
      run_at: null,
    })
  },

  started(jobId: string, attempt: number, workerId: string) {
    return quietly('start', jobId, () =>
      client()
        .from(TABLE)
        .where('job_id', jobId)
        .update({
          status: 'running',
          attempts: attempt,
          worker_id: workerId.slice(0, 64),
          started_at: dbTimestamp(),
          run_at: null,
        })
    )
  },

  completed(jobId: string) {
    return quietly('complete', jobId, () =>
      client()
        .from(TABLE)
        .where('job_id', jobId)
        .update({ status: 'completed', finished_at: dbTimestamp(), error: null })
    )
  },

  async failed(jobId: string, error: string | null) {
    await quietly('fail', jobId, () =>
      client()
        .from(TABLE)
        .where('job_id', jobId)
        .update({ status: 'failed', finished_at: dbTimestamp(), error: clip(error, ERROR_CHARS) })
    )
    // The organization's administrators hear of it (bell, and e-mail by their preference),
    // once the failure is committed, outside the queue step's transaction.
    const notifyAdmins = () =>
      jobTransaction.exit(async () => {
        const { notifyJobFailed } = await import('#app/notifications/job_failed')
        await notifyJobFailed(jobId)
      })
    const trx = jobTransaction.getStore()
    if (trx) trx.after('commit', notifyAdmins)
    else await notifyAdmins()
  },

  /** Back to the queue after a failed attempt: the error stays visible until the next one. */
  retrying(jobId: string, error: string | null, retryAt?: Date) {
    return quietly('retry', jobId, () =>
      client()
        .from(TABLE)
        .where('job_id', jobId)
        .update({
          status: 'queued',
          error: clip(error, ERROR_CHARS),
          run_at: retryAt ? dbTimestamp(retryAt) : null,
        })
    )
  },

  /** Running records whose last start is older than `cutoff` (candidates for a stalled check). */
  async runningSince(queue: string, cutoff: Date): Promise<string[]> {
    const rows = await db
      .from(TABLE)
      .where('status', 'running')
      .where('queue', queue)
      .where('started_at', '<', dbTimestamp(cutoff))
      .select('job_id')
      .limit(500)
    return rows.map((r) => r.job_id)
  },
}
