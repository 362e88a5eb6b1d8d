import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { passwordResets } from '#services/password_resets'
import { RuleError } from '#app/support/rule_error'

/**
 * Mails a user of the organization a link to choose their password (the same link as
 * "forgot password"). A mail failure is reported, not swallowed: the administrator can retry.
 */
export async function sendPasswordReset(params: {
  organizationId: number
  userId: number
}): Promise<void> {
  const user = await db
    .from('users')
    .where({ id: params.userId, organization_id: params.organizationId })
    .select('email', 'is_active')
    .firstOrFail()
  if (!user.is_active) throw new RuleError('admin.users.errors.reset_needs_active')
  try {
    await passwordResets.request(user.email)
  } catch (error) {
    logger.error({ err: error }, 'admin: password reset mail failed')
    throw new RuleError('admin.users.errors.reset_mail_failed', { email: user.email })
  }
}
