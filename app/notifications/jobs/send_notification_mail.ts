import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { dbTimestamp } from '#app/support/dates'
import { findKind } from '../kinds.js'
import { mailLink, renderMessage, renderSubject, type NotificationRow } from '../render.js'

/**
 * Mails one notification at once (a user's choice "immediate" for its kind), in the
 * recipient's language. Idempotent: the row is claimed (emailed_at) before the mail leaves, so
 * a retry or a second run never mails it twice; if sending fails the claim is released and the
 * error rethrown, so the retry sends it.
 */
export default class SendNotificationMail extends Job<{
  organizationId: number
  notificationId: number
}> {
  static options = { name: 'kernel.send_notification_mail' }

  async execute() {
    const row = (await db
      .from('notifications as n')
      .join('users as u', 'u.id', 'n.user_id')
      .where('n.id', this.payload.notificationId)
      .select('n.*', 'u.email as user_email', 'u.full_name', 'u.locale', 'u.is_active')
      .first()) as (NotificationRow & Record<string, any>) | null
    if (!row || row.emailed_at || !row.is_active) return
    const kind = await findKind(row.kind).catch(() => null)
    const locale = row.locale ?? 'es'
    const t = i18nManager.locale(locale)
    const message = renderMessage(row, locale)
    const claimed = await db
      .from('notifications')
      .where('id', row.id)
      .whereNull('emailed_at')
      .update({ emailed_at: dbTimestamp() })
    if (!Number(claimed)) return
    try {
      await mail.send((m) => {
        m.to(row.user_email, row.full_name)
          .subject(renderSubject(row, locale, kind?.label ?? 'notifications.title'))
          .text(
            t.t('notifications.mail.body', {
              name: row.full_name,
              message,
              link: mailLink(row),
              preferences: mailLinkToProfile(),
            })
          )
      })
    } catch (error) {
      await db.from('notifications').where('id', row.id).update({ emailed_at: null })
      throw error
    }
  }
}

function mailLinkToProfile() {
  return mailLink({ id: 0, link: null }).replace(/\/notifications$/, '/profile')
}
