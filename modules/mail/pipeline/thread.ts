import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { recordFromPlus } from '../support/addresses.js'
import { normalizeSubject } from '../support/subject.js'
import { SUBJECT_THREAD_DAYS, type LinkReason } from '../catalog.js'
import type { ParsedMessage } from './parse.js'

/** The thread a message joins and why; `record` is a record named by a reply token. */
export interface ThreadChoice {
  threadId: number
  reason: LinkReason | null
  detail: string | null
  token: { type: string; id: number } | null
}

interface Context {
  organizationId: number
  parsed: ParsedMessage
  sentAt: Date
  /** External participants (own addresses left out). */
  participants: string[]
  trx: TransactionClientContract
}

/**
 * Threading, in this order: a reply token in a plus-address (`ventas+o123@…`) →
 * In-Reply-To → References → the normalised subject shared with a message of the same
 * participants within SUBJECT_THREAD_DAYS days → a new thread.
 */
export async function chooseThread(ctx: Context): Promise<ThreadChoice> {
  const { parsed, trx, organizationId } = ctx
  const recipients = [...parsed.to, ...parsed.cc].map((a) => a.address)
  const token = recipients.map(recordFromPlus).find((r) => r !== null) ?? null
  if (token) {
    const existing = await trx
      .from('mail_threads')
      .where({ organization_id: organizationId, record_type: token.type, record_id: token.id })
      .orderBy('id', 'desc')
      .select('id')
      .first()
    const threadId = existing ? Number(existing.id) : await newThread(ctx, token)
    return { threadId, reason: 'token', detail: `${token.type}:${token.id}`, token }
  }
  const byId = async (ids: string[], reason: LinkReason): Promise<ThreadChoice | null> => {
    if (!ids.length) return null
    const row = await trx
      .from('mail_messages')
      .where('organization_id', organizationId)
      .whereIn('message_id', ids.slice(-50))
      .whereNotNull('thread_id')
      .orderBy('id', 'desc')
      .select('thread_id', 'message_id')
      .first()
    return row
      ? { threadId: Number(row.thread_id), reason, detail: row.message_id, token: null }
      : null
  }
  const found =
    (await byId(parsed.inReplyTo ? [parsed.inReplyTo] : [], 'in_reply_to')) ??
    (await byId([...parsed.references].reverse(), 'references')) ??
    (await bySubject(ctx))
  return found ?? { threadId: await newThread(ctx, null), reason: null, detail: null, token: null }
}

async function bySubject(ctx: Context): Promise<ThreadChoice | null> {
  const subject = normalizeSubject(ctx.parsed.subject)
  // Only a reply or forward ("RE: …") is threaded by subject: two unrelated mails titled
  // "Presupuesto" stay apart.
  const plain = (ctx.parsed.subject ?? '').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 255)
  if (!subject || subject === plain) return null
  if (!ctx.participants.length) return null
  const since = DateTime.fromJSDate(ctx.sentAt).minus({ days: SUBJECT_THREAD_DAYS })
  const candidates = await ctx.trx
    .from('mail_messages')
    .where('organization_id', ctx.organizationId)
    .where('subject_normalized', subject)
    .where('sent_at', '>=', dbTimestamp(since.toJSDate()))
    .whereNotNull('thread_id')
    .orderBy('id', 'desc')
    .limit(20)
    .select('thread_id', 'from_address', 'to_json', 'cc_json', 'message_id')
  const mine = new Set(ctx.participants)
  for (const row of candidates) {
    const theirs = [
      row.from_address,
      ...JSON.parse(row.to_json ?? '[]').map((a: any) => a.address),
      ...JSON.parse(row.cc_json ?? '[]').map((a: any) => a.address),
    ]
    if (theirs.some((a) => mine.has(a)))
      return {
        threadId: Number(row.thread_id),
        reason: 'subject',
        detail: row.message_id,
        token: null,
      }
  }
  return null
}

async function newThread(ctx: Context, token: { type: string; id: number } | null) {
  return insertId(ctx.trx, 'mail_threads', {
    organization_id: ctx.organizationId,
    subject: (ctx.parsed.subject ?? '').slice(0, 500) || null,
    record_type: token?.type ?? null,
    record_id: token?.id ?? null,
    last_message_at: dbTimestamp(ctx.sentAt),
    created_at: dbTimestamp(),
  })
}
