import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#models/user'
import { dbTimestamp } from '#app/support/dates'
import { appUrl } from '#app/support/app_url'

export const TOKEN_TTL_MINUTES = 60

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Creates a reset token (only its SHA-256 is stored) and mails the link to the user, in the
 * user's language. A failure to send reaches the caller.
 */
export async function mailResetLink(user: User): Promise<void> {
  const token = randomBytes(32).toString('base64url')
  await db.table('password_reset_tokens').insert({
    user_id: user.id,
    token_hash: hashToken(token),
    expires_at: dbTimestamp(DateTime.utc().plus({ minutes: TOKEN_TTL_MINUTES }).toJSDate()),
    created_at: dbTimestamp(),
  })
  const t = i18nManager.locale(user.locale)
  const link = appUrl(`/password/reset/${token}`)
  await mail.send((message) => {
    message
      .to(user.email, user.fullName)
      .subject(t.t('auth.reset.mail_subject'))
      .text(t.t('auth.reset.mail_body', { name: user.fullName, link, minutes: TOKEN_TTL_MINUTES }))
  })
}
