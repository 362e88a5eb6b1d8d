import db from '@adonisjs/lucid/services/db'
import { findByEmail } from '#modules/crm/contracts/index'
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
    .select('spam', 'assigned_user_id', 'direction', 'from_address')
    .firstOrFail()
  const assignedUserId = message.assigned_user_id === null ? null : Number(message.assigned_user_id)
  const canAssign = access.can('mail.messages.manage') || assignedUserId === access.userId
  // «Crear contacto» only for a received mail whose sender is no contact yet.
  const canCreateContact =
    access.can('crm.contacts.create') &&
    message.direction === 'in' &&
    !!message.from_address &&
    !(await findByEmail(access.organizationId, message.from_address)).contactIds.length
  return {
    messageId,
    spam: !!message.spam,
    assignedUserId,
    canEdit: access.can('mail.messages.edit'),
    canAssign,
    canCreateContact,
    users: canAssign ? await userOptions(access.organizationId) : [],
    labels: access.can('mail.messages.edit') ? await labelsOfMessage(access, messageId) : [],
  }
}
