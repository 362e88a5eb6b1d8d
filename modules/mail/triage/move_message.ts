import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { recordCards, type RecordRef } from '#modules/crm/contracts/index'
import { messageAccess } from '../access/visibility.js'
import { takeMailEntries, writeMovedEntry, type EntryMessage } from './mail_entries.js'

export interface MoveParams {
  organizationId: number
  actorId: number
  access: AccessContext
  messageId: number
  record: RecordRef
  /** The message alone, or every message of its thread the user may open. */
  scope: 'message' | 'thread'
}

const toEntryMessage = (r: any): EntryMessage => ({
  id: Number(r.id),
  organizationId: Number(r.organization_id),
  direction: r.direction === 'out' ? 'out' : 'in',
  sentAt: r.sent_at,
  subject: r.subject,
  fromAddress: r.from_address,
  toJson: r.to_json,
})

/**
 * Moves a message (or its thread) to another record: its links become one manual link by the
 * user, its timeline entries leave the old records for the new one, and the thread remembers
 * the record (moved_by) so later replies land there too (pipeline/link.ts reads it).
 */
export async function moveMessage(params: MoveParams): Promise<{ moved: number }> {
  const { organizationId, access } = params
  if (!(await messageAccess(access, params.messageId))) notFound()
  const [card] = await recordCards(organizationId, [params.record], access)
  if (!card) throw new RuleError('mail.triage.errors.record', {}, 'record')
  const message = await db
    .from('mail_messages')
    .where({ organization_id: organizationId, id: params.messageId })
    .firstOrFail()
  let rows = [message]
  if (params.scope === 'thread' && message.thread_id) {
    const all = await db
      .from('mail_messages')
      .where({ organization_id: organizationId, thread_id: message.thread_id })
      .orderBy('id')
    rows = []
    for (const row of all)
      if (Number(row.id) === params.messageId || (await messageAccess(access, Number(row.id))))
        rows.push(row)
  }
  const ids = rows.map((r) => Number(r.id))
  await db.transaction(async (trx) => {
    const old = await trx
      .from('mail_message_links')
      .whereIn('message_id', ids)
      .distinct('record_type', 'record_id')
    const previous = await takeMailEntries(
      organizationId,
      old.map((l) => ({ type: l.record_type, id: Number(l.record_id) })),
      ids,
      trx
    )
    await trx.from('mail_message_links').whereIn('message_id', ids).delete()
    const now = dbTimestamp()
    await trx.table('mail_message_links').multiInsert(
      ids.map((id) => ({
        organization_id: organizationId,
        message_id: id,
        record_type: card.type,
        record_id: card.id,
        reason: 'manual',
        detail: null,
        linked_by: params.actorId,
        created_at: now,
      }))
    )
    for (const row of rows)
      await writeMovedEntry(toEntryMessage(row), card, previous.get(Number(row.id)), trx)
    const threads = [...new Set(rows.flatMap((r) => (r.thread_id ? [Number(r.thread_id)] : [])))]
    if (threads.length)
      await trx
        .from('mail_threads')
        .where('organization_id', organizationId)
        .whereIn('id', threads)
        .update({ record_type: card.type, record_id: card.id, moved_by: params.actorId })
  })
  return { moved: ids.length }
}
