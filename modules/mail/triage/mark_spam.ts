import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { notFound } from '#app/support/http'
import { messageAccess } from '../access/visibility.js'
import { takeMailEntries } from './mail_entries.js'

/**
 * Marks a message as spam (it leaves the triage inbox and its records' timelines: its links
 * go) or takes the mark off (it comes back to triage, unlinked, to be filed by hand).
 */
export async function markSpam(params: {
  organizationId: number
  actorId: number
  access: AccessContext
  messageId: number
  spam: boolean
}) {
  const { organizationId, messageId } = params
  if (!(await messageAccess(params.access, messageId))) notFound()
  await db.transaction(async (trx) => {
    await trx
      .from('mail_messages')
      .where({ organization_id: organizationId, id: messageId })
      .update({ spam: params.spam, spam_reason: params.spam ? `user: ${params.actorId}` : null })
    if (!params.spam) return
    const links = await trx.from('mail_message_links').where('message_id', messageId)
    const records = links.map((l) => ({ type: l.record_type, id: Number(l.record_id) }))
    await takeMailEntries(organizationId, records, [messageId], trx)
    await trx.from('mail_message_links').where('message_id', messageId).delete()
  })
}
