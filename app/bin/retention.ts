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

/** Days read notifications and finished imports are kept before the nightly pruning. */
export interface CleanupDays {
  notificationDays: number
  importDays: number
}

export async function cleanupDays(organizationId: number): Promise<CleanupDays> {
  const row = await db
    .from('organizations')
    .where('id', organizationId)
    .select('notification_retention_days', 'import_retention_days')
    .first()
  return {
    notificationDays: Number(row?.notification_retention_days ?? 90),
    importDays: Number(row?.import_retention_days ?? 30),
  }
}

/** Sets them (administrators), audited as a change of the organization. */
export async function setCleanupDays(
  params: CleanupDays & { organizationId: number; actorId: number }
) {
  const before = await cleanupDays(params.organizationId)
  const columns = [
    ['notification_retention_days', before.notificationDays, params.notificationDays],
    ['import_retention_days', before.importDays, params.importDays],
  ] as const
  const changes = columns
    .filter(([, from, to]) => from !== to)
    .map(([field, from, to]) => ({ field, from, to }))
  if (!changes.length) return
  await db.transaction(async (trx) => {
    await trx
      .from('organizations')
      .where('id', params.organizationId)
      .update(Object.fromEntries(changes.map((c) => [c.field, c.to])))
    await audit.record(
      {
        organizationId: params.organizationId,
        actorId: params.actorId,
        subjectType: 'kernel.organization',
        subjectId: params.organizationId,
        action: 'update',
        changes,
      },
      trx
    )
  })
}
