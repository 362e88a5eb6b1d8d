import logger from '@adonisjs/core/services/logger'
import { previewImport } from './preview.js'
import { commitImport } from './commit.js'
import { rollbackImport } from './rollback.js'
import { updateRun } from './runs.js'
import { ImportFileError } from './errors.js'

/*
 * THE seam between the web and the import pipeline. The HTTP routes call `runImportStep` and
 * nothing else; today it runs the step in this process, fire-and-forget, and records a failure
 * on the run (the page polls the run, so progress and errors survive a reload). When the jobs
 * branch lands, the body becomes one `dispatch(ImportJob, { step, runId })` of @adonisjs/queue
 * whose handler calls the same `steps[step](runId)`: preview, commit and rollback are already
 * resumable (a batch lands whole with its progress), which is what a retried job needs.
 */

export type ImportStep = 'preview' | 'commit' | 'rollback'

export const steps: Record<ImportStep, (runId: number) => Promise<unknown>> = {
  preview: (runId) => previewImport(runId),
  commit: (runId) => commitImport(runId),
  rollback: (runId) => rollbackImport(runId),
}

const running = new Set<Promise<unknown>>()

/** Starts a step of a run in the background; a failure is stored on the run, translated later. */
export function runImportStep(step: ImportStep, runId: number): void {
  const work = steps[step](runId).catch(async (error) => {
    const stored =
      error instanceof ImportFileError
        ? { key: error.key, values: error.values }
        : { key: 'import.errors.failed', values: { message: String(error?.message ?? error) } }
    if (!(error instanceof ImportFileError))
      logger.error({ err: error, runId, step }, 'import failed')
    await updateRun(runId, { status: 'failed', error: stored }).catch(() => {})
  })
  running.add(work)
  void work.finally(() => running.delete(work))
}

/** Resolves when every step started in this process has ended (tests, graceful shutdown). */
export async function importStepsSettled(): Promise<void> {
  while (running.size) await Promise.all([...running])
}
