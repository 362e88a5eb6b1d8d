import logger from '@adonisjs/core/services/logger'
import { previewImport } from './preview.js'
import { commitImport } from './commit.js'
import { rollbackImport } from './rollback.js'
import { loadRun, updateRun } from './runs.js'
import { notify } from '#app/notifications/notify'
import { ImportFileError } from './errors.js'

/* The steps of an import, as a worker runs them (the job kernel.run_import_step). */

export type ImportStep = 'preview' | 'commit' | 'rollback'

export const steps: Record<ImportStep, (runId: number) => Promise<unknown>> = {
  preview: (runId) => previewImport(runId),
  commit: (runId) => commitImport(runId),
  rollback: (runId) => rollbackImport(runId),
}

/**
 * Runs a step now (the job's body). A bad file is stored on the run, translated later, and ends
 * the step; any other failure is stored on the run and thrown again so the job is retried.
 */
export async function executeImportStep(
  step: ImportStep,
  runId: number,
  { final = true }: { final?: boolean } = {}
): Promise<void> {
  try {
    await steps[step](runId)
    if (step === 'commit')
      await notifyFinished(runId).catch((err) =>
        logger.warn({ err, runId }, 'import finished, its notification failed')
      )
  } catch (error: any) {
    if (error instanceof ImportFileError) {
      await updateRun(runId, { status: 'failed', error: { key: error.key, values: error.values } })
      return
    }
    logger.error({ err: error, runId, step, final }, 'import failed')
    if (!final) throw error
    await updateRun(runId, {
      status: 'failed',
      error: { key: 'import.errors.failed', values: { message: String(error?.message ?? error) } },
    }).catch(() => {})
    throw error
  }
}

/** The person who started the import hears that it landed (bell; e-mail by preference). */
async function notifyFinished(runId: number): Promise<void> {
  const run = await loadRun(runId)
  if (!run || run.status !== 'committed') return
  await notify({
    organizationId: run.organizationId,
    recipients: [run.userId],
    kind: 'kernel.import_finished',
    message: {
      key: 'notifications.messages.import_finished',
      params: {
        file: run.fileName,
        created: run.totals.created,
        updated: run.totals.updated,
        rejected: run.totals.rejected,
      },
    },
    link: `/imports/runs/${run.id}`,
  })
}
