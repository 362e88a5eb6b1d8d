import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { timeline } from '#app/history/timeline'
import { MAIL_KINDS } from '../pipeline/timeline_entries.js'
import type { RecordRef } from '#modules/crm/contracts/index'

/** A stored message as its timeline entries describe it. */
export interface EntryMessage {
  id: number
  organizationId: number
  direction: 'in' | 'out'
  sentAt: string
  subject: string | null
  fromAddress: string | null
  toJson: string | null
}

const KINDS = Object.values(MAIL_KINDS)

/**
 * Removes the mail entries (received/sent) of these messages from the given records' timelines
 * and returns the data each message's entry carried (the first found), to write it elsewhere.
 */
export async function takeMailEntries(
  organizationId: number,
  records: RecordRef[],
  messageIds: number[],
  trx: TransactionClientContract
): Promise<Map<number, Record<string, unknown>>> {
  const wanted = new Set(messageIds)
  const data = new Map<number, Record<string, unknown>>()
  for (const record of records) {
    const entries = await timeline.entriesOf(
      { organizationId, subjectType: record.type, subjectId: record.id, kinds: KINDS },
      trx
    )
    for (const entry of entries) {
      const messageId = Number(entry.data.messageId)
      if (!wanted.has(messageId)) continue
      if (!data.has(messageId)) data.set(messageId, entry.data)
      await timeline.delete(
        {
          organizationId,
          subjectType: record.type,
          subjectId: record.id,
          id: entry.id,
          kind: entry.kind,
        },
        trx
      )
    }
  }
  return data
}

/** The privacy of the mailboxes holding a message: the strictest one wins for a summary. */
export async function metadataOnly(
  messageId: number,
  trx: TransactionClientContract | typeof db = db
) {
  const row = await trx
    .from('mail_intake as i')
    .join('mail_mailboxes as m', 'm.id', 'i.mailbox_id')
    .where('i.message_id', messageId)
    .where('m.privacy', 'metadata')
    .select('m.id')
    .first()
  return !!row
}

/** Writes a message's entry on a record, reusing the data it had on its previous record. */
export async function writeMovedEntry(
  message: EntryMessage,
  record: RecordRef,
  previous: Record<string, unknown> | undefined,
  trx: TransactionClientContract
) {
  let data = previous
  if (!data) {
    const to = (JSON.parse(message.toJson ?? '[]') as { address: string }[])
      .map((a) => a.address)
      .join(', ')
    const from = message.fromAddress ?? ''
    const summary = (await metadataOnly(message.id, trx))
      ? `${from} → ${to}`
      : (message.subject ?? '')
    data = {
      messageId: message.id,
      summary: summary.slice(0, 300),
      from,
      href: `/mail/messages/${message.id}`,
      dedupeKey: `mail:${message.id}`,
    }
  }
  await timeline.recordMany(
    [
      {
        organizationId: message.organizationId,
        subjectType: record.type,
        subjectId: record.id,
        kind: MAIL_KINDS[message.direction],
        actorId: null,
        createdAt: message.sentAt,
        data: { ...data, reason: 'manual' },
      },
    ],
    trx
  )
}
