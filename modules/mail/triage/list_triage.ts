import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { teamsOfUser } from '#app/access/user_teams'
import { messageAccess } from '../access/visibility.js'
import type { TriageMessage } from '../dto/triage.js'

const PAGE = 25

/**
 * Mail waiting to be filed: captured, linked to no record, not spam, newest first (keyset on
 * sent_at, id: `before` is the last id of the previous page). Only from mailboxes the user may
 * see: every one with mail.messages.manage; else the shared ones of their teams and their own.
 */
export async function listTriage(
  access: AccessContext,
  before: number | null
): Promise<{ messages: TriageMessage[]; nextBefore: number | null }> {
  const organizationId = access.organizationId
  const query = db
    .from('mail_messages as m')
    .where('m.organization_id', organizationId)
    .where('m.spam', false)
    .whereNotExists(db.from('mail_message_links as l').whereColumn('l.message_id', 'm.id'))
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(PAGE + 1)
    .select(
      'm.id',
      'm.subject',
      'm.snippet',
      'm.from_address',
      'm.from_name',
      'm.sent_at',
      'm.parse_status'
    )
    .select('m.assigned_user_id')
  if (!access.can('mail.messages.manage')) {
    const teams = (await teamsOfUser(organizationId, access.userId)).map((t) => t.id)
    query.whereExists(
      db
        .from('mail_intake as i')
        .join('mail_mailboxes as b', 'b.id', 'i.mailbox_id')
        .whereColumn('i.message_id', 'm.id')
        .where((w) => {
          w.where((own) => own.where('b.kind', 'personal').where('b.owner_user_id', access.userId))
          if (teams.length)
            w.orWhere((shared) => shared.whereNot('b.kind', 'personal').whereIn('b.team_id', teams))
        })
    )
  }
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
  const messages: TriageMessage[] = []
  for (const r of page) {
    const level = (await messageAccess(access, Number(r.id)))?.level ?? 'metadata'
    messages.push({
      id: Number(r.id),
      subject: level === 'metadata' ? null : r.subject,
      snippet: level === 'full' ? r.snippet : null,
      fromAddress: r.from_address,
      fromName: r.from_name,
      sentAt: toIso(r.sent_at),
      assignedUserId: r.assigned_user_id === null ? null : Number(r.assigned_user_id),
      unreadable: r.parse_status === 'raw',
    })
  }
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
