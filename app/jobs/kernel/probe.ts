import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'

export interface ProbePayload {
  /** Groups the runs of one check (a benchmark run, a test). */
  tag: string
  /** Work time to simulate, in milliseconds. */
  sleepMs?: number
  /** Attempts that fail on purpose before one succeeds (retries, backoff, failure display). */
  failAttempts?: number
  /** Shows the run to this organization's administrators (otherwise a system job). */
  organizationId?: number
}

/**
 * A diagnostic job: records that it ran, keyed by its job id (unique), in `kernel_job_probes`.
 * A second run of the same job counts in `runs` — the double-run detector of the two-worker
 * tests and of `npm run bench:jobs`. Safe to dispatch on a live installation.
 */
export default class Probe extends Job<ProbePayload> {
  static options = { name: 'kernel.probe' }

  async execute() {
    const { tag, sleepMs = 0, failAttempts = 0 } = this.payload
    if (sleepMs > 0) await new Promise((resolve) => setTimeout(resolve, sleepMs))
    if (this.context.attempt <= failAttempts) {
      throw new Error(`probe failure ${this.context.attempt} of ${failAttempts} (on purpose)`)
    }
    const jobId = this.context.jobId
    try {
      await db.table('kernel_job_probes').insert({
        job_id: jobId,
        tag: tag.slice(0, 64),
        pid: process.pid,
        ran_at: Date.now(),
      })
    } catch (error) {
      // The unique job id is taken: this job already ran once.
      const updated = await db.from('kernel_job_probes').where('job_id', jobId).increment('runs', 1)
      if (!updated) throw error
    }
  }
}
