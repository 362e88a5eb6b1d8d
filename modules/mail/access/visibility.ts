import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { teamsOfUser } from '#app/access/user_teams'
import { recordCards } from '#modules/crm/contracts/index'
import type { Privacy } from '../catalog.js'

/** How much of a message a reader may see: who/when, the subject too, or everything. */
export type ContentLevel = Privacy

const RANK: Record<Privacy, number> = { metadata: 0, subject: 1, full: 2 }

/**
 * Whether the user may open a message, and how much of it. A message inherits the scope of the
 * records it is linked to (a reader who sees one of them sees the mail); besides, its assignee,
 * the owner of a personal mailbox that holds it, the members of a shared mailbox's team, and
 * holders of mail.messages.manage (triage) see it. Content follows the holding mailboxes'
 * privacy, except for the owner of a personal mailbox that holds it, who sees it all.
 */
export async function messageAccess(
  access: AccessContext,
  messageId: number
): Promise<{ level: ContentLevel } | null> {
  if (!access.can('mail.messages.view')) return null
  const message = await db
    .from('mail_messages')
    .where({ organization_id: access.organizationId, id: messageId })
    .select('id', 'assigned_user_id', 'direction')
    .first()
  if (!message) return null
  const holders = await db
    .from('mail_intake as i')
    .join('mail_mailboxes as m', 'm.id', 'i.mailbox_id')
    .where('i.message_id', messageId)
    .distinct('m.id', 'm.kind', 'm.owner_user_id', 'm.team_id', 'm.privacy')
  const level = holders.reduce<Privacy>(
    (best, h) => (RANK[h.privacy as Privacy] > RANK[best] ? h.privacy : best),
    holders.length ? 'metadata' : 'full'
  )
  if (holders.some((h) => h.kind === 'personal' && Number(h.owner_user_id) === access.userId))
    return { level: 'full' }
  if (access.can('mail.messages.manage') || Number(message.assigned_user_id) === access.userId)
    return { level }
  const teams = new Set((await teamsOfUser(access.organizationId, access.userId)).map((t) => t.id))
  if (holders.some((h) => h.kind !== 'personal' && h.team_id && teams.has(Number(h.team_id))))
    return { level }
  const links = await db
    .from('mail_message_links')
    .where('message_id', messageId)
    .select('record_type', 'record_id')
  const refs = links.map((l) => ({ type: l.record_type, id: Number(l.record_id) }))
  const visible = refs.length ? await recordCards(access.organizationId, refs, access) : []
  return visible.length ? { level } : null
}
