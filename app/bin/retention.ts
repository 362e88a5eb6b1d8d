import db from '@adonisjs/lucid/services/db'
import { audit } from '#app/history/audit'

/** Days a binned record of the organization waits before the nightly purge. */
export async function retentionDays(organizationId: number): Promise<number> {
  const row = await db
    .from('organizations')
    .where('id', organizationId)
    .select('bin_retention_days')
    .first()
  return Number(row?.bin_retention_days ?? 30)
}

/** Sets the organization's retention (administrators), audited as a change of the organization. */
export async function setRetentionDays(params: {
  organizationId: number
  actorId: number
  days: number
}) {
  const before = await retentionDays(params.organizationId)
  if (before === params.days) return
  await db.transaction(async (trx) => {
    await trx
      .from('organizations')
      .where('id', params.organizationId)
      .update({ bin_retention_days: params.days })
    await audit.record(
      {
        organizationId: params.organizationId,
        actorId: params.actorId,
        subjectType: 'kernel.organization',
        subjectId: params.organizationId,
        action: 'update',
        changes: [{ field: 'bin_retention_days', from: before, to: params.days }],
      },
      trx
    )
  })
}
