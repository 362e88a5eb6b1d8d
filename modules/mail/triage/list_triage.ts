import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { teamsOfUser } from '#app/access/user_teams'
import type { ContentLevel } from '../access/visibility.js'
import type { TriageMessage } from '../dto/triage.js'
import { tagsOf } from './message_tags.js'

const PAGE = 25
const LEVELS: ContentLevel[] = ['metadata', 'subject', 'full']

/*
 * A message's content level for the reader, in SQL (access/visibility.ts's rule): the best
 * privacy of the mailboxes holding it, everything for the owner of a personal one that holds it
 * (rank 3), everything when no mailbox holds it (NULL).
 */
const ACCESS_RANK = `(select max(case when b.kind = 'personal' and b.owner_user_id = ? then 3
  when b.privacy = 'full' then 2 when b.privacy = 'subject' then 1 else 0 end)
  from mail_intake ai join mail_mailboxes b on b.id = ai.mailbox_id
  where ai.message_id = m.id) as access_rank`

export interface TriageFilter {
  /** Keyset cursor: the last id of the previous page. */
  before: number | null
  /** Only messages a rule tagged so (as stored, lower case). */
  tag: string | null
}

/**
 * Mail waiting to be filed: captured, linked to no record, not spam, newest first (keyset on
 * sent_at, id). One scoped query with the same rules as `messageAccess` for unlinked mail:
 * every message with mail.messages.manage; else those assigned to the user, in their own
 * personal mailbox or in a shared mailbox of their teams. Each row's content level comes from
 * the same query; its tags from one more.
 */
export async function listTriage(
  access: AccessContext,
  filter: TriageFilter
): Promise<{ messages: TriageMessage[]; nextBefore: number | null }> {
  const organizationId = access.organizationId
  const { before, tag } = filter
  const query = db
    .from('mail_messages as m')
    .where('m.organization_id', organizationId)
    .where('m.spam', false)
    .whereNotExists(db.from('mail_message_links as l').whereColumn('l.message_id', 'm.id'))
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(PAGE + 1)
    .select('m.id', 'm.subject', 'm.snippet', 'm.from_address', 'm.from_name', 'm.sent_at')
    .select('m.parse_status', 'm.assigned_user_id')
    .select(db.raw(ACCESS_RANK, [access.userId]))
  if (!access.can('mail.messages.manage')) {
    const teams = (await teamsOfUser(organizationId, access.userId)).map((t) => t.id)
    query.where((visible) =>
      visible.where('m.assigned_user_id', access.userId).orWhereExists(
        db
          .from('mail_intake as i')
          .join('mail_mailboxes as b', 'b.id', 'i.mailbox_id')
          .whereColumn('i.message_id', 'm.id')
          .where((w) => {
            w.where((own) =>
              own.where('b.kind', 'personal').where('b.owner_user_id', access.userId)
            )
            if (teams.length)
              w.orWhere((shared) =>
                shared.whereNot('b.kind', 'personal').whereIn('b.team_id', teams)
              )
          })
      )
    )
  }
  if (tag)
    query.whereExists(
      db
        .from('mail_message_tags as t')
        .whereColumn('t.message_id', 'm.id')
        .where('t.organization_id', organizationId)
        .where('t.tag', tag)
    )
  if (before) {
    const cursor = await db
      .from('mail_messages')
      .where({ organization_id: organizationId, id: before })
      .select('sent_at')
      .first()
    if (cursor)
      query.where((w) =>
        w
          .where('m.sent_at', '<', cursor.sent_at)
          .orWhere((same) => same.where('m.sent_at', cursor.sent_at).where('m.id', '<', before))
      )
  }
  const rows = await query
  const page = rows.slice(0, PAGE)
  const tags = await tagsOf(
    organizationId,
    page.map((r) => Number(r.id))
  )
  const messages: TriageMessage[] = page.map((r) => {
    const rank = r.access_rank === null ? 2 : Math.min(Number(r.access_rank), 2)
    const level = LEVELS[rank]
    return {
      id: Number(r.id),
      subject: level === 'metadata' ? null : r.subject,
      snippet: level === 'full' ? r.snippet : null,
      fromAddress: r.from_address,
      fromName: r.from_name,
      sentAt: toIso(r.sent_at),
      assignedUserId: r.assigned_user_id === null ? null : Number(r.assigned_user_id),
      unreadable: r.parse_status === 'raw',
      // Rules tag by content: below the subject level, no tags either.
      tags: level === 'metadata' ? [] : (tags.get(Number(r.id)) ?? []),
    }
  })
  return {
    messages,
    nextBefore: rows.length > PAGE ? messages[messages.length - 1].id : null,
  }
}

/** Active users of the organization, by name, for the "assign to" pickers. */
export async function userOptions(organizationId: number) {
  const rows = await db
    .from('users')
    .where({ organization_id: organizationId, is_active: true })
    .orderBy('full_name')
    .select('id', 'full_name')
  return rows.map((r) => ({ value: String(r.id), label: String(r.full_name) }))
}
