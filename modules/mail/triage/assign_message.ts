import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { notify } from '#app/notifications/notify'
import { messageAccess } from '../access/visibility.js'
import { metadataOnly } from './mail_entries.js'

export interface AssignParams {
  organizationId: number
  actorId: number
  access: AccessContext
  messageId: number
  userId: number
}

/**
 * Hands a message to another user of the organization: whoever holds mail.messages.manage, or
 * its current assignee, may. The new assignee is told (kind mail.assigned) unless they did it.
 */
export async function assignMessage(params: AssignParams) {
  const { organizationId, access } = params
  if (!(await messageAccess(access, params.messageId))) notFound()
  const message = await db
    .from('mail_messages')
    .where({ organization_id: organizationId, id: params.messageId })
    .select('id', 'assigned_user_id', 'subject', 'from_address')
    .firstOrFail()
  const current = message.assigned_user_id === null ? null : Number(message.assigned_user_id)
  if (!access.can('mail.messages.manage') && current !== params.actorId)
    access.authorize('mail.messages.manage')
  const user = await db
    .from('users')
    .where({ organization_id: organizationId, id: params.userId, is_active: true })
    .select('id')
    .first()
  if (!user) throw new RuleError('mail.triage.errors.user', {}, 'userId')
  if (current === params.userId) return
  const subject = (await metadataOnly(params.messageId)) ? '' : (message.subject ?? '')
  await db.transaction(async (trx) => {
    await trx
      .from('mail_messages')
      .where('id', params.messageId)
      .update({ assigned_user_id: params.userId })
    if (params.userId !== params.actorId)
      await notify(
        {
          organizationId,
          recipients: [params.userId],
          kind: 'mail.assigned',
          message: {
            key: 'mail.triage.notifications.assigned',
            params: { from: message.from_address ?? '', subject },
          },
          link: `/mail/messages/${params.messageId}`,
        },
        { trx }
      )
  })
}
