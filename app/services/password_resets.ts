import { dbTimestamp, toDate } from '#app/support/dates'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import { hashToken, mailResetLink } from '#services/password_reset_mail'
import SendPasswordResetMail from '#app/jobs/kernel/send_password_reset_mail'

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
   * `background` the mail goes through the job queue (kernel.send_password_reset_mail: three
   * attempts, a failure shows in Administración › Trabajos), so a public form answers as fast
   * for an unknown address as for a real one; otherwise a delivery failure reaches the caller.
   */
  async request(
    email: string,
    { background = false }: { background?: boolean } = {}
  ): Promise<void> {
    const user = await User.findBy('email', email)
    if (!user || !user.isActive) return
    if (background) {
      await SendPasswordResetMail.dispatch({ userId: user.id, organizationId: user.organizationId })
    } else {
      await mailResetLink(user)
    }
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
