import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import type { MessageActionsProps } from '../dto/triage.js'
import { labelsOfMessage } from './labels.js'
import { userOptions } from './list_triage.js'

/**
 * Props of the message page's action bar (pages/messages/message_actions.tsx) for a message
 * the user may open: the message controller spreads them into its page.
 */
export async function messageActionsProps(
  access: AccessContext,
  messageId: number
): Promise<MessageActionsProps & { canCreateContact: boolean }> {
  const message = await db
    .from('mail_messages')
    .where({ organization_id: access.organizationId, id: messageId })
    .select('spam', 'assigned_user_id')
    .firstOrFail()
  const assignedUserId = message.assigned_user_id === null ? null : Number(message.assigned_user_id)
  const canAssign = access.can('mail.messages.manage') || assignedUserId === access.userId
  return {
    messageId,
    spam: !!message.spam,
    assignedUserId,
    canEdit: access.can('mail.messages.edit'),
    canAssign,
    canCreateContact: access.can('crm.contacts.create'),
    users: canAssign ? await userOptions(access.organizationId) : [],
    labels: access.can('mail.messages.edit') ? await labelsOfMessage(access, messageId) : [],
  }
}
