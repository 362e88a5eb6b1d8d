import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { createContactFromEmail } from '#modules/crm/contracts/index'
import { messageAccess } from '../access/visibility.js'
import { moveMessage } from './move_message.js'

/**
 * "Crear contacto" in triage: a CRM contact with the sender's address (the CRM's own create
 * action and checks), then the message's thread moves onto it.
 */
export async function contactFromSender(params: {
  organizationId: number
  actorId: number
  access: AccessContext
  messageId: number
  firstName: string
  lastName?: string
}): Promise<number> {
  if (!(await messageAccess(params.access, params.messageId))) notFound()
  const message = await db
    .from('mail_messages')
    .where({ organization_id: params.organizationId, id: params.messageId })
    .select('from_address')
    .firstOrFail()
  if (!message.from_address) throw new RuleError('mail.triage.errors.no_sender')
  const contactId = await createContactFromEmail({ ...params, email: message.from_address })
  await moveMessage({ ...params, record: { type: 'crm.contact', id: contactId }, scope: 'thread' })
  return contactId
}
