import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import type { NotificationEmail } from '#app/registry/types'
import { findKind } from './kinds.js'
import { publishToUsers } from './live.js'

/**
 * Message params, interpolated by ICU message format in each reader's language: plain values,
 * or `{ t: 'i18n.key', fallback? }` for a label translated for each reader too.
 */
export type MessageParams = Record<
  string,
  string | number | boolean | null | { t: string; fallback?: string }
>

export interface NotifyParams {
  organizationId: number
  /** User ids; users of other organizations and inactive users are skipped. */
  recipients: number[]
  /** `<module>.<kind>` as declared in the manifest (or `kernel.<kind>`). */
  kind: string
  /** i18n key (the module's lang files) and params, rendered in each recipient's language. */
  message: { key: string; params?: MessageParams }
  /** Path inside Cartera the notification opens (`/crm/companies/12`), or null. */
  link?: string | null
  /** i18n key of the e-mail subject (same params); default: the kind's label. */
  subject?: string
}

const MAX_RECIPIENTS = 500

/** Only paths of this site: a notification never sends a user elsewhere. */
function safeLink(link: string | null | undefined): string | null {
  if (!link) return null
  if (!link.startsWith('/') || link.startsWith('//') || link.includes('\\')) {
    throw new Error(`Notification link must be a path of this site, got "${link}"`)
  }
  return link.slice(0, 500)
}

/**
 * Notifies users of an organization: one in-app notification each (live over server-sent
 * events) and, per each user's choice for the kind, an immediate e-mail (a queued job) or a
 * line in the daily digest. With `{ trx }` the rows are written in the caller's transaction and
 * delivered only after it commits (nothing is announced for a rolled-back write).
 * Returns the ids of the notifications written.
 */
export async function notify(
  params: NotifyParams,
  options: { trx?: TransactionClientContract } = {}
): Promise<number[]> {
  const kind = await findKind(params.kind)
  if (!kind) return []
  const link = safeLink(params.link)
  const ids = [...new Set(params.recipients)].filter((id) => Number.isInteger(id))
  if (!ids.length) return []
  if (ids.length > MAX_RECIPIENTS) throw new Error(`notify(): at most ${MAX_RECIPIENTS} recipients`)
  const client = options.trx ?? db
  const users = await client
    .from('users')
    .where('organization_id', params.organizationId)
    .where('is_active', true)
    .whereIn('id', ids)
    .select('id')
  if (!users.length) return []
  const userIds = users.map((u) => Number(u.id))
  const chosen = await client
    .from('notification_preferences')
    .where('kind', kind.key)
    .whereIn('user_id', userIds)
    .select('user_id', 'email')
  const emailOf = new Map<number, NotificationEmail>(
    chosen.map((p) => [Number(p.user_id), p.email as NotificationEmail])
  )
  const now = dbTimestamp()
  const rows = userIds.map((userId) => ({
    organization_id: params.organizationId,
    user_id: userId,
    kind: kind.key,
    message_key: params.message.key,
    message_params: JSON.stringify(params.message.params ?? {}),
    subject_key: params.subject ?? null,
    link,
    email: emailOf.get(userId) ?? kind.defaultEmail,
    created_at: now,
  }))
  const written: { id: number; userId: number; email: string }[] = []
  // One insert per row: ids come back on every database (MySQL returns only the first).
  for (const row of rows) {
    const [inserted] = await client.table('notifications').insert(row).returning('id')
    const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted)
    written.push({ id, userId: row.user_id, email: row.email })
  }
  const deliver = () =>
    deliverNow(params.organizationId, written).catch((error) =>
      logger.error({ err: error, kind: kind.key }, 'notification delivery failed')
    )
  if (options.trx) options.trx.after('commit', deliver)
  else await deliver()
  return written.map((w) => w.id)
}

async function deliverNow(
  organizationId: number,
  written: { id: number; userId: number; email: string }[]
) {
  await publishToUsers(written.map((w) => ({ userId: w.userId, notificationId: w.id })))
  const immediate = written.filter((w) => w.email === 'immediate')
  if (!immediate.length) return
  const { default: SendNotificationMail } = await import('./jobs/send_notification_mail.js')
  await SendNotificationMail.dispatchMany(
    immediate.map((w) => ({ organizationId, notificationId: w.id }))
  )
}
