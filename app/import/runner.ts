import RunImportStep from '#app/jobs/kernel/run_import_step'
import type { ImportStep } from './execute.js'

/*
 * The seam between the web and the import pipeline. The HTTP routes call `runImportStep` and
 * nothing else: it queues the step as a kernel job (`kernel.run_import_step`, @adonisjs/queue),
 * so it survives a restart, runs on whichever worker claims it and is retried with backoff;
 * preview, commit and rollback are resumable (a batch lands whole with its progress), which is
 * what a retried job needs (app/import/execute.ts). The page polls the run, so progress and
 * errors survive a reload.
 */

export type { ImportStep } from './execute.js'

/** Queues a step of a run for a worker. */
export async function runImportStep(step: ImportStep, run: { id: number; organizationId: number }) {
  await RunImportStep.dispatch({ organizationId: run.organizationId, runId: run.id, step })
}
