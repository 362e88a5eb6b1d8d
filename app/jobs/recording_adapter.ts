import { tracingChannels } from '@boringnode/queue'
import type { Adapter, AcquiredJob, JobData, JobRetention } from '@boringnode/queue/types'
import { jobRuns } from './runs.js'

/**
 * Error of the attempt a worker of this process is finishing, by job id: the worker sets it on
 * its execution message just before it calls `retryJob`, which does not receive it.
 */
const inflight = new Map<string, { error?: unknown }>()
let listening = false
function listenToExecutions() {
  if (listening) return
  listening = true
  tracingChannels.executeChannel.subscribe({
    start(message: any) {
      inflight.set(message.job.id, message)
    },
    end() {},
    asyncStart() {},
    asyncEnd(message: any) {
      inflight.delete(message.job.id)
    },
    error(message: any) {
      inflight.delete(message.job.id)
    },
  })
}

function messageOf(error: unknown): string | null {
  if (!error) return null
  const e = error as Error & { cause?: unknown }
  return e.message || String(error)
}

/**
 * Wraps the queue driver's adapter (database or Redis) and keeps the job-run record in step:
 * queued on push, running on claim, completed, failed (with the error) or back in the queue
 * (with the attempt's error and the retry time). Stalled jobs the library drops are recorded as
 * failed. The wrapped adapter does the queueing; this one only writes `kernel_job_runs`.
 */
export class RecordingAdapter implements Adapter {
  #workerId = ''
  constructor(protected inner: Adapter) {
    listenToExecutions()
  }

  setWorkerId(workerId: string) {
    this.#workerId = workerId
    this.inner.setWorkerId(workerId)
  }

  pop() {
    return this.popFrom('default')
  }

  async popFrom(queue: string): Promise<AcquiredJob | null> {
    const job = await this.claim(queue)
    if (job) await jobRuns.started(job.id, (job.attempts ?? 0) + 1, this.#workerId)
    return job
  }

  /** Claims the next job of a queue; the SQLite adapter replaces it with a single statement. */
  protected claim(queue: string): Promise<AcquiredJob | null> {
    return this.inner.popFrom(queue)
  }

  async recoverStalledJobs(queue: string, stalledThreshold: number, maxStalledCount: number) {
    const candidates = await jobRuns.runningSince(queue, new Date(Date.now() - stalledThreshold))
    const recovered = await this.inner.recoverStalledJobs(queue, stalledThreshold, maxStalledCount)
    for (const jobId of candidates) {
      const job = await this.inner.getJob(jobId, queue)
      if (!job)
        await jobRuns.failed(jobId, 'E_JOB_STALLED: the worker running it stopped too often')
      else if (job.status === 'pending')
        await jobRuns.retrying(jobId, 'E_JOB_STALLED: its worker stopped; queued again')
    }
    return recovered
  }

  renewJobs(queue: string, jobIds: string[]) {
    return this.inner.renewJobs(queue, jobIds)
  }

  async completeJob(jobId: string, queue: string, removeOnComplete?: JobRetention) {
    await this.inner.completeJob(jobId, queue, removeOnComplete)
    await jobRuns.completed(jobId)
  }

  async failJob(jobId: string, queue: string, error?: Error, removeOnFail?: JobRetention) {
    await this.inner.failJob(jobId, queue, error, removeOnFail)
    await jobRuns.failed(jobId, messageOf(error))
  }

  async retryJob(jobId: string, queue: string, retryAt?: Date) {
    await this.inner.retryJob(jobId, queue, retryAt)
    await jobRuns.retrying(jobId, messageOf(inflight.get(jobId)?.error), retryAt)
  }

  getJob(jobId: string, queue: string) {
    return this.inner.getJob(jobId, queue)
  }

  push(jobData: JobData) {
    return this.pushOn('default', jobData)
  }

  async pushOn(queue: string, jobData: JobData) {
    await jobRuns.queued(queue, [jobData])
    return this.#undoOnError([jobData], () => this.inner.pushOn(queue, jobData))
  }

  pushLater(jobData: JobData, delay: number) {
    return this.pushLaterOn('default', jobData, delay)
  }

  async pushLaterOn(queue: string, jobData: JobData, delay: number) {
    await jobRuns.queued(queue, [jobData], delay)
    return this.#undoOnError([jobData], () => this.inner.pushLaterOn(queue, jobData, delay))
  }

  pushMany(jobs: JobData[]) {
    return this.pushManyOn('default', jobs)
  }

  async pushManyOn(queue: string, jobs: JobData[]) {
    await jobRuns.queued(queue, jobs)
    return this.#undoOnError(jobs, () => this.inner.pushManyOn(queue, jobs))
  }

  /**
   * Drops the records of jobs the queue did not take: refused (the dispatch fails, visibly, to
   * its caller) or deduplicated.
   */
  async #undoOnError<T>(jobs: JobData[], push: () => Promise<T>): Promise<T> {
    try {
      const result: any = await push()
      // A deduplicated dispatch added nothing (skipped, or merged into the existing job).
      if (result?.outcome && result.outcome !== 'added') await jobRuns.unqueued(jobs)
      return result
    } catch (error) {
      await jobRuns.unqueued(jobs)
      throw error
    }
  }

  /** Pushes a failed job again under its own id (Administración › Trabajos › Reintentar). */
  async requeue(queue: string, jobData: JobData) {
    await jobRuns.requeued(jobData.id)
    await this.inner.pushOn(queue, jobData)
  }

  size() {
    return this.inner.size()
  }
  sizeOf(queue: string) {
    return this.inner.sizeOf(queue)
  }
  destroy() {
    return this.inner.destroy()
  }
  upsertSchedule(...args: Parameters<Adapter['upsertSchedule']>) {
    return this.inner.upsertSchedule(...args)
  }
  createSchedule(...args: Parameters<Adapter['createSchedule']>) {
    return this.inner.upsertSchedule(...args)
  }
  getSchedule(id: string) {
    return this.inner.getSchedule(id)
  }
  listSchedules(...args: Parameters<Adapter['listSchedules']>) {
    return this.inner.listSchedules(...args)
  }
  updateSchedule(...args: Parameters<Adapter['updateSchedule']>) {
    return this.inner.updateSchedule(...args)
  }
  deleteSchedule(id: string) {
    return this.inner.deleteSchedule(id)
  }
  claimDueSchedule() {
    return this.inner.claimDueSchedule()
  }
}
