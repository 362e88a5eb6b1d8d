import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { passwordResets } from '#services/password_resets'
import { AdminRuleError } from '../errors.js'

/**
 * Mails a user of the organization a link to choose their password (the same link as
 * "forgot password"). A mail failure is reported, not swallowed: the administrator can retry.
 */
export async function sendPasswordReset(params: { organizationId: number; userId: number; baseUrl: string }): Promise<void> {
  const user = await db.from('users').where({ id: params.userId, organization_id: params.organizationId })
    .select('email', 'is_active').firstOrFail()
  if (!user.is_active) throw new AdminRuleError('admin.users.errors.reset_needs_active')
  try {
    await passwordResets.request(user.email, params.baseUrl)
  } catch (error) {
    logger.error({ err: error }, 'admin: password reset mail failed')
    throw new AdminRuleError('admin.users.errors.reset_mail_failed', { email: user.email })
  }
}
