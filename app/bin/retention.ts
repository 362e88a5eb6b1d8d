import db from '@adonisjs/lucid/services/db'
import { audit } from '#app/history/audit'
import { dbTimestamp } from '#app/support/dates'

const DAY = 24 * 60 * 60 * 1000

/**
 * How long an organization keeps what the nightly jobs remove: binned records (the purge),
 * read notifications and finished imports (the pruning). Column of `organizations` → default.
 */
export const RETENTION = {
  bin_retention_days: 30,
  notification_retention_days: 90,
  import_retention_days: 30,
} as const
export type RetentionColumn = keyof typeof RETENTION

/** Every organization with the moment before which its rows of `column`'s kind are old. */
export async function retentionCutoffs(column: RetentionColumn, now: Date = new Date()) {
  const organizations = await db.from('organizations').select('id', column)
  return organizations.map((org) => ({
    organizationId: Number(org.id),
    cutoff: dbTimestamp(new Date(now.getTime() - Number(org[column] ?? RETENTION[column]) * DAY)),
  }))
}

async function readDays<C extends RetentionColumn>(organizationId: number, columns: C[]) {
  const row = await db.from('organizations').where('id', organizationId).select(columns).first()
  return Object.fromEntries(columns.map((c) => [c, Number(row?.[c] ?? RETENTION[c])])) as Record<
    C,
    number
  >
}

/** Sets retention columns (administrators), audited as a change of the organization. */
async function writeDays(
  params: { organizationId: number; actorId: number },
  days: Partial<Record<RetentionColumn, number>>
) {
  const columns = Object.keys(days) as RetentionColumn[]
  const before = await readDays(params.organizationId, columns)
  const changes = columns
    .filter((c) => before[c] !== days[c])
    .map((field) => ({ field, from: before[field], to: days[field] }))
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

/** Days a binned record of the organization waits before the nightly purge. */
export async function retentionDays(organizationId: number): Promise<number> {
  return (await readDays(organizationId, ['bin_retention_days'])).bin_retention_days
}

/** Sets the organization's retention (administrators), audited as a change of the organization. */
export async function setRetentionDays(params: {
  organizationId: number
  actorId: number
  days: number
}) {
  await writeDays(params, { bin_retention_days: params.days })
}

/** Days read notifications and finished imports are kept before the nightly pruning. */
export interface CleanupDays {
  notificationDays: number
  importDays: number
}

export async function cleanupDays(organizationId: number): Promise<CleanupDays> {
  const days = await readDays(organizationId, [
    'notification_retention_days',
    'import_retention_days',
  ])
  return {
    notificationDays: days.notification_retention_days,
    importDays: days.import_retention_days,
  }
}

/** Sets them (administrators), audited as a change of the organization. */
export async function setCleanupDays(
  params: CleanupDays & { organizationId: number; actorId: number }
) {
  await writeDays(params, {
    notification_retention_days: params.notificationDays,
    import_retention_days: params.importDays,
  })
}
