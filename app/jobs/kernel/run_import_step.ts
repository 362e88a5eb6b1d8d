import { Job } from '@adonisjs/queue'
import { executeImportStep, type ImportStep } from '#app/import/execute'

/**
 * One step of an import (preview, commit or rollback) on a worker. The steps are resumable —
 * a batch lands whole with its progress — so a retried attempt carries on after the last batch
 * that landed. A bad file is stored on the run and not retried; any other failure is stored on
 * the run too and the attempt fails (retried with the queue's backoff, then listed as failed
 * in Administración › Trabajos).
 */
export default class RunImportStep extends Job<{
  organizationId: number
  runId: number
  step: ImportStep
}> {
  static options = { name: 'kernel.run_import_step', maxRetries: 3 }

  async execute() {
    // Until the last attempt the run stays in its running state: the page shows it still at
    // work and refuses a second start while the queue retries.
    const final = this.context.attempt > RunImportStep.options.maxRetries
    await executeImportStep(this.payload.step, this.payload.runId, { final })
  }
}
