import db from '@adonisjs/lucid/services/db'
import { QueueManager } from '@adonisjs/queue'
import { jobsOf, type JobsView } from './list_jobs.js'
import type { RecordingAdapter } from '#app/jobs/recording_adapter'

export class JobNotFailedError extends Error {}

/** A failed job of this administrator's view, or null. */
async function failedRun(view: JobsView, id: number) {
  return jobsOf(view).where('j.id', id).where('j.status', 'failed').first()
}

/**
 * Puts a failed job back in its queue under the same id, with its stored payload and a fresh
 * set of attempts. Refused (JobNotFailedError) when the job is not failed or not in view.
 */
export async function retryJob(params: JobsView & { id: number }) {
  const run = await failedRun(params, params.id)
  if (!run) throw new JobNotFailedError()
  const adapter = QueueManager.use() as RecordingAdapter
  await adapter.requeue(run.queue, {
    id: run.job_id,
    name: run.name,
    payload: run.payload === null ? undefined : JSON.parse(run.payload),
    attempts: 0,
    priority: run.priority ?? undefined,
  })
}

/** Drops a failed job for good: its record goes (the queue no longer holds it). */
export async function discardJob(params: JobsView & { id: number }) {
  const run = await failedRun(params, params.id)
  if (!run) throw new JobNotFailedError()
  await db.from('kernel_job_runs').where('id', run.id).where('status', 'failed').delete()
}
