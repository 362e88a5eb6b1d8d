import { Job, exponentialBackoff } from '@adonisjs/queue'
import User from '#models/user'
import { mailResetLink } from '#services/password_reset_mail'

/**
 * Mails a password-reset link asked for on the public "forgot password" form. The payload holds
 * ids only: each attempt makes its own token (an undelivered one reaches nobody), so no secret
 * sits in the queue or in the job history.
 */
export default class SendPasswordResetMail extends Job<{ userId: number; organizationId: number }> {
  static options = {
    name: 'kernel.send_password_reset_mail',
    // Three attempts, about 5 s and 30 s apart, as before the queue.
    maxRetries: 2,
    retry: {
      backoff: exponentialBackoff({
        baseDelay: '5s',
        multiplier: 6,
        maxDelay: '1m',
        jitter: false,
      }),
    },
  }

  async execute() {
    const user = await User.find(this.payload.userId)
    // Deactivated (or gone) since the request: no link.
    if (!user || !user.isActive) return
    await mailResetLink(user)
  }
}
