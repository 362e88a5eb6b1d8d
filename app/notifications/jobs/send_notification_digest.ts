import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import { dbTimestamp } from '#app/support/dates'
import { appUrl } from '#app/support/app_url'
import { mailLink, renderMessage, type NotificationRow } from '../render.js'

/** Lines one digest shows; the rest are counted ("and N more"). */
const MAX_LINES = 50
const USERS_PER_BATCH = 200

/**
 * The daily digest (schedule `kernel.send_notification_digest`): one mail per user with her
 * notifications whose kind she gets "in the daily digest" and that no digest has taken yet, in
 * her language. Rows are claimed (emailed_at) before the mail leaves, so a second run the same
 * day finds nothing; a mail that fails gives its rows back and the job is retried.
 */
export default class SendNotificationDigest extends Job<Record<string, never>> {
  static options = { name: 'kernel.send_notification_digest' }

  async execute() {
    let afterUser = 0
    for (;;) {
      const users = await db
        .from('notifications as n')
        .join('users as u', 'u.id', 'n.user_id')
        .where('n.email', 'digest')
        .whereNull('n.emailed_at')
        .where('u.is_active', true)
        .where('n.user_id', '>', afterUser)
        .groupBy('n.user_id', 'u.email', 'u.full_name', 'u.locale')
        .orderBy('n.user_id')
        .limit(USERS_PER_BATCH)
        .select('n.user_id', 'u.email', 'u.full_name', 'u.locale')
      if (!users.length) return
      for (const user of users) await this.sendTo(user)
      afterUser = Number(users[users.length - 1].user_id)
    }
  }

  private async sendTo(user: {
    user_id: number
    email: string
    full_name: string
    locale: string
  }) {
    const rows = (await db
      .from('notifications')
      .where('user_id', user.user_id)
      .where('email', 'digest')
      .whereNull('emailed_at')
      .orderBy('id')
      .select('*')) as NotificationRow[]
    if (!rows.length) return
    const ids = rows.map((r) => Number(r.id))
    // Claim them: whatever another run already took is not mailed twice.
    const claimed = await db
      .from('notifications')
      .whereIn('id', ids)
      .whereNull('emailed_at')
      .update({ emailed_at: dbTimestamp() })
    if (!Number(claimed)) return
    const locale = user.locale ?? 'es'
    const t = i18nManager.locale(locale)
    const lines = rows
      .slice(0, MAX_LINES)
      .map((r) => `- ${renderMessage(r, locale)}${r.link ? `\n  ${mailLink(r)}` : ''}`)
    if (rows.length > MAX_LINES)
      lines.push(t.t('notifications.mail.more', { count: rows.length - MAX_LINES }))
    try {
      await mail.send((m) => {
        m.to(user.email, user.full_name)
          .subject(t.t('notifications.mail.digest_subject', { count: rows.length }))
          .text(
            t.t('notifications.mail.digest_body', {
              name: user.full_name,
              count: rows.length,
              lines: lines.join('\n'),
              link: appUrl('/notifications'),
              preferences: appUrl('/profile'),
            })
          )
      })
    } catch (error) {
      await db.from('notifications').whereIn('id', ids).update({ emailed_at: null })
      logger.error({ err: error, userId: user.user_id }, 'notification digest not sent')
      throw error
    }
  }
}
