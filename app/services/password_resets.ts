import { createHash, randomBytes } from 'node:crypto'
import { dbTimestamp, toDate } from '#app/support/dates'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import User from '#models/user'
import logger from '@adonisjs/core/services/logger'
import { appUrl } from '#app/support/app_url'

const TOKEN_TTL_MINUTES = 60
/** Waits before the 2nd and 3rd delivery attempts of a mail sent in the background. */
const RETRY_DELAYS_MS = [5_000, 30_000]

/**
 * Sends in the background, three attempts, then logs the failure (without the mail's body: it
 * holds the reset link). The request that asked has already answered.
 */
function deliverInBackground(send: () => Promise<unknown>, userId: number) {
  const attempt = async (n: number): Promise<void> => {
    try {
      await send()
    } catch (error) {
      if (n < RETRY_DELAYS_MS.length) {
        logger.warn({ err: error, userId, attempt: n + 1 }, 'password reset mail failed; retrying')
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[n]).unref())
        return attempt(n + 1)
      }
      logger.error(
        { err: error, userId, attempts: n + 1 },
        'password reset mail could not be delivered'
      )
    }
  }
  void attempt(0)
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The stored, unused, unexpired token row for a plain token, or null. */
async function findUsable(token: string) {
  if (!token || token.length > 100) return null
  const row = await db
    .from('password_reset_tokens')
    .where('token_hash', hashToken(token))
    .whereNull('used_at')
    .first()
  if (!row) return null
  return toDate(row.expires_at).getTime() > Date.now() ? row : null
}

/**
 * Password reset by e-mail: a random token is mailed, only its SHA-256 is stored, it expires
 * after an hour and works once. A successful reset also signs out "remember me" devices.
 */
export const passwordResets = {
  /**
   * Mails a reset link to an active user with this address (nothing for anyone else). With
   * `background` the mail leaves after the call returns, so a public form answers as fast for
   * an unknown address as for a real one; otherwise a delivery failure reaches the caller.
   */
  async request(
    email: string,
    { background = false }: { background?: boolean } = {}
  ): Promise<void> {
    const user = await User.findBy('email', email)
    if (!user || !user.isActive) return
    const token = randomBytes(32).toString('base64url')
    await db.table('password_reset_tokens').insert({
      user_id: user.id,
      token_hash: hashToken(token),
      expires_at: dbTimestamp(DateTime.utc().plus({ minutes: TOKEN_TTL_MINUTES }).toJSDate()),
      created_at: dbTimestamp(),
    })
    const t = i18nManager.locale(user.locale)
    const link = appUrl(`/password/reset/${token}`)
    const send = () =>
      mail.send((message) => {
        message
          .to(user.email, user.fullName)
          .subject(t.t('auth.reset.mail_subject'))
          .text(
            t.t('auth.reset.mail_body', { name: user.fullName, link, minutes: TOKEN_TTL_MINUTES })
          )
      })
    if (background) deliverInBackground(send, user.id)
    else await send()
  },

  /**
   * Voids every outstanding reset link of a user: after an e-mail change (the link went to the
   * old address), a password set by someone else, or a deactivation, an old link must not work.
   * Pass the caller's transaction when inside one.
   */
  async revoke(userId: number, client: QueryClientContract | typeof db = db): Promise<void> {
    await client
      .from('password_reset_tokens')
      .where('user_id', userId)
      .whereNull('used_at')
      .delete()
  },

  async isUsable(token: string): Promise<boolean> {
    return (await findUsable(token)) !== null
  },

  async reset(token: string, password: string): Promise<boolean> {
    const row = await findUsable(token)
    if (!row) return false
    const user = await User.find(row.user_id)
    if (!user || !user.isActive) return false
    await db.transaction(async (trx) => {
      user.useTransaction(trx)
      user.password = password
      await user.save()
      const now = dbTimestamp()
      await trx
        .from('password_reset_tokens')
        .where('user_id', user.id)
        .whereNull('used_at')
        .update({ used_at: now })
      await trx.from('remember_me_tokens').where('tokenable_id', user.id).delete()
    })
    return true
  },
}
