import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { bulkHandler, outcomeOf, runChunks } from '#app/bulk/engine'
import { notify } from '#app/notifications/notify'
import { dbTimestamp } from '#app/support/dates'
import type { BulkActionKind } from '#app/registry/types'
import { RuleError } from '#app/support/rule_error'

/**
 * A bulk action over more than BULK_JOB_THRESHOLD rows (app/bulk/bulk.ts): its chunks, from
 * the last one that landed, with the user's scope as it is now; the user hears when it ends.
 */
export default class RunBulk extends Job<{ organizationId: number; runId: number }> {
  static options = { name: 'kernel.run_bulk', maxRetries: 3 }

  async execute() {
    const run = await db.from('bulk_runs').where('id', this.payload.runId).first()
    if (!run || run.status === 'done') return
    const organizationId = Number(run.organization_id)
    const userId = Number(run.user_id)
    const access = await AccessContext.forUser({ id: userId, organizationId })
    const outcome = outcomeOf(run)
    const action = run.action as BulkActionKind
    const handler = await bulkHandler(run.resource)
    let params: Record<string, unknown>
    try {
      // Checked again now (the owner may have left, the value been removed), and what the
      // chunks read is loaded before their transactions open.
      params = await handler.prepare(access, action, run.params ? JSON.parse(run.params) : {})
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      await db
        .from('bulk_runs')
        .where('id', run.id)
        .update({ status: 'failed', error: error.key, updated_at: dbTimestamp() })
      return
    }
    try {
      await runChunks({
        access,
        actorId: userId,
        action,
        params,
        handler,
        ids: JSON.parse(run.ids),
        from: outcome.done,
        outcome,
        runId: outcome.runId!,
      })
    } catch (error) {
      if (this.context.attempt > RunBulk.options.maxRetries)
        await db
          .from('bulk_runs')
          .where('id', run.id)
          .update({
            status: 'failed',
            error: String(error).slice(0, 2000),
            updated_at: dbTimestamp(),
          })
      throw error
    }
    const skipped = Object.values(outcome.skipped).reduce((a, b) => a + b, 0)
    await db.transaction(async (trx) => {
      await trx
        .from('bulk_runs')
        .where('id', run.id)
        .update({ status: 'done', finished_at: dbTimestamp(), updated_at: dbTimestamp() })
      await notify(
        {
          organizationId,
          recipients: [userId],
          kind: 'kernel.bulk_finished',
          message: {
            key: 'notifications.messages.bulk_finished',
            params: { total: outcome.total, changed: outcome.changed, skipped },
          },
          link: null,
        },
        { trx }
      )
    })
  }
}
