import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import {
  discardStoredFile,
  fileDocument,
  putSystemBytes,
  putSystemFile,
} from '#app/documents/store_file'
import { recordCards } from '#modules/crm/contracts/index'
import { basicAddress, domainOf } from '../support/addresses.js'
import { normalizeSubject } from '../support/subject.js'
import { sanitizeMailHtml } from './sanitize.js'
import { chooseThread } from './thread.js'
import { chooseLinks, type LinkChoice } from './link.js'
import { isUniqueViolation, recordIntake } from './intake.js'
import { writeMailEntries } from './timeline_entries.js'
import { applyRuleEffects } from './rule_effects.js'
import type { ParsedAttachment, ParsedMessage } from './parse.js'
import { failureReason, type ParseFailure } from './parse_failure.js'
import type { Decision } from '../rules/evaluate.js'
import type { MailboxContext } from './mailbox_context.js'
import type { IntakeTarget, StoreResult } from './types.js'

export interface StoreParams {
  mailbox: MailboxContext
  target: IntakeTarget
  parsed: ParsedMessage | null
  /** The unreadable message itself (parsed null): stored as an attachment. */
  raw?: { path: string } | Buffer
  /** Why `parsed` is null: a code the page translates, with mailparser's words. */
  parseError?: ParseFailure | null
  decision: Decision | null
  key: string
  size: number
  direction: 'in' | 'out'
  /** Mail sent from a record: linked to it (reason 'sent') and its thread put on it. */
  link?: { type: string; id: number } | null
}

const RESOURCE = 'mail.messages'

/** The drive folder of captured attachments (swept of orphans by the mailSweepFiles job). */
export const CAPTURE_AREA = 'mail'

/** An address of the organization's own mailboxes or domains (`address` in basic form). */
export const isOwnAddress = (mailbox: MailboxContext, address: string) =>
  mailbox.ownAddresses.has(address) || mailbox.ownDomains.has(domainOf(address))

/** External participants: every address but the organization's own mailboxes and domains. */
export function externalParticipants(mailbox: MailboxContext, parsed: ParsedMessage): string[] {
  const all = [parsed.from, ...parsed.to, ...parsed.cc].flatMap((a) => (a ? [a.address] : []))
  return [...new Set(all.map(basicAddress))].filter((a) => !isOwnAddress(mailbox, a))
}

/**
 * Mail written by the organization (From one of its own addresses: a reply from ventas@ found
 * in Enviados, or in an archive) is outgoing; the rest is received. Mail sent from Cartera says so.
 */
export function directionOf(
  mailbox: MailboxContext,
  parsed: ParsedMessage | null,
  given?: 'in' | 'out'
): 'in' | 'out' {
  if (given) return given
  const from = parsed?.from?.address
  return from && isOwnAddress(mailbox, basicAddress(from)) ? 'out' : 'in'
}

function snippetOf(text: string | null): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim()
  return clean ? clean.slice(0, 300) : null
}

async function existingId(organizationId: number, key: string): Promise<number | null> {
  const row = await db
    .from('mail_messages')
    .where({ organization_id: organizationId, dedupe_key: key })
    .select('id')
    .first()
  return row ? Number(row.id) : null
}

/** Another folder (or mailbox) offered a message already stored: a ledger row pointing at it. */
async function recordPresence(params: StoreParams, messageId: number): Promise<StoreResult> {
  const base = { messageId, links: [], spam: false, subject: null, from: null }
  try {
    await recordIntake(params.mailbox, params.target, {
      outcome: params.parsed ? 'stored' : 'failed',
      messageId,
      reason: params.parsed ? null : failureReason(params.parseError),
    })
    return { ...base, outcome: 'duplicate' }
  } catch (error) {
    if (isUniqueViolation(error)) return { ...base, outcome: 'known' }
    throw error
  }
}

class AlreadyStored extends Error {}

/** An attachment to the drive: from memory (a small message) or its scratch file. */
function putAttachment(organizationId: number, file: ParsedAttachment) {
  const meta = { organizationId, contentType: file.contentType }
  // Under the capture area: files a killed sync stored without their rows get swept from there.
  if (file.content) return putSystemBytes(meta, file.content, CAPTURE_AREA)
  return putSystemFile(
    { ...meta, resource: RESOURCE, path: file.path!, name: file.filename },
    CAPTURE_AREA
  )
}

/**
 * Stores a new canonical message with its attachments (documents), thread, links, timeline
 * entries and ledger row in one transaction; a message already stored under the same key only
 * gets a ledger row ("seen in" this folder too).
 */
export async function storeMessage(params: StoreParams): Promise<StoreResult> {
  const { mailbox, parsed } = params
  const existing = await existingId(mailbox.organizationId, params.key)
  if (existing) return recordPresence(params, existing)

  const raw = params.raw
  const files: ParsedAttachment[] = parsed
    ? parsed.attachments
    : [
        {
          filename: 'mensaje-original.eml',
          contentType: 'message/rfc822',
          size: params.size,
          contentId: null,
          inline: false,
          path: Buffer.isBuffer(raw) ? null : raw!.path,
          content: Buffer.isBuffer(raw) ? raw : undefined,
        },
      ]
  const stored: { storedKey: string; size: number; sha256: string }[] = []
  try {
    for (const file of files) stored.push(await putAttachment(mailbox.organizationId, file))
    return await db.transaction(async (trx) => {
      const spam = params.decision?.spam ?? null
      const sentAt = parsed?.date && parsed.date.getTime() < Date.now() ? parsed.date : new Date()
      const participants = parsed ? externalParticipants(mailbox, parsed) : []
      const thread =
        parsed && !spam
          ? await chooseThread({
              organizationId: mailbox.organizationId,
              parsed,
              sentAt,
              participants,
              trx,
            })
          : null
      const html = parsed?.html ? sanitizeMailHtml(parsed.html) : null
      let messageId: number
      try {
        messageId = await insertId(trx, 'mail_messages', {
          organization_id: mailbox.organizationId,
          dedupe_key: params.key,
          message_id: parsed?.messageId?.slice(0, 255) ?? null,
          in_reply_to: parsed?.inReplyTo?.slice(0, 255) ?? null,
          references: parsed?.references.length ? parsed.references.join(' ') : null,
          subject: parsed?.subject ?? null,
          subject_normalized: parsed ? normalizeSubject(parsed.subject) || null : null,
          from_address: parsed?.from?.address ?? null,
          from_name: parsed?.from?.name?.slice(0, 255) ?? null,
          to_json: parsed ? JSON.stringify(parsed.to) : null,
          cc_json: parsed ? JSON.stringify(parsed.cc) : null,
          sent_at: dbTimestamp(sentAt),
          snippet: snippetOf(parsed?.text ?? null),
          text_body: parsed?.text ?? null,
          html_body: html?.html ?? null,
          has_remote_content: html?.hasRemoteContent ?? false,
          size: params.size,
          attachment_count: parsed ? files.filter((f) => !f.inline).length : 0,
          parse_status: parsed ? 'ok' : 'raw',
          parse_error: parsed ? null : (params.parseError?.detail ?? null),
          parse_error_code: parsed ? null : (params.parseError?.code ?? 'malformed'),
          spam: !!spam,
          spam_reason: spam?.slice(0, 255) ?? null,
          direction: params.direction,
          thread_id: thread?.threadId ?? null,
          assigned_user_id: params.decision?.assignUserId ?? mailbox.ownerUserId,
          created_at: dbTimestamp(),
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new AlreadyStored()
        throw error
      }
      for (const [position, file] of files.entries()) {
        const documentId = await fileDocument(
          {
            organizationId: mailbox.organizationId,
            resource: RESOURCE,
            recordId: messageId,
            path: file.path ?? '',
            name: file.filename,
            contentType: file.contentType,
          },
          stored[position],
          trx
        )
        await trx.table('mail_attachments').insert({
          organization_id: mailbox.organizationId,
          message_id: messageId,
          position,
          filename: file.filename.slice(0, 255),
          content_type: file.contentType.slice(0, 255),
          size: stored[position].size,
          content_id: file.contentId?.slice(0, 255) ?? null,
          inline: file.inline,
          document_id: documentId,
        })
      }
      if (thread && params.link)
        await trx
          .from('mail_threads')
          .where('id', thread.threadId)
          .whereNull('moved_by')
          .update({ record_type: params.link.type, record_id: params.link.id })
      const links = thread ? await linksOf(params, thread, participants, trx) : []
      const { decision, direction } = params
      await applyRuleEffects(
        {
          organizationId: mailbox.organizationId,
          messageId,
          parsed,
          decision,
          direction,
          links,
          ownerUserId: mailbox.ownerUserId,
        },
        trx
      )
      await insertLinks(mailbox.organizationId, messageId, links, trx)
      if (thread)
        await trx
          .from('mail_threads')
          .where('id', thread.threadId)
          .update({ last_message_at: dbTimestamp(sentAt) })
      await writeMailEntries(
        mailbox,
        { messageId, parsed, direction: params.direction, sentAt },
        links,
        trx
      )
      await recordIntake(
        mailbox,
        params.target,
        {
          outcome: parsed ? 'stored' : 'failed',
          messageId,
          reason: parsed ? null : failureReason(params.parseError),
        },
        trx
      )
      return {
        outcome: 'stored' as const,
        messageId,
        links,
        spam: !!spam,
        subject: parsed?.subject ?? null,
        from: parsed?.from?.address ?? null,
      }
    })
  } catch (error) {
    for (const file of stored) await discardStoredFile(file.storedKey)
    if (error instanceof AlreadyStored) {
      const id = await existingId(mailbox.organizationId, params.key)
      if (id) return recordPresence(params, id)
    }
    if (isUniqueViolation(error)) {
      const id = await existingId(mailbox.organizationId, params.key)
      return {
        outcome: 'known',
        messageId: id ?? 0,
        links: [],
        spam: false,
        subject: null,
        from: null,
      }
    }
    throw error
  }
}

async function linksOf(
  params: StoreParams,
  thread: Awaited<ReturnType<typeof chooseThread>>,
  participants: string[],
  trx: TransactionClientContract
): Promise<LinkChoice[]> {
  const organizationId = params.mailbox.organizationId
  const links = await chooseLinks({ organizationId, thread, participants, trx })
  const fromRules = params.decision?.links ?? []
  if (fromRules.length) {
    const cards = await recordCards(organizationId, fromRules, undefined, trx)
    for (const card of cards)
      if (!links.some((l) => l.type === card.type && l.id === card.id))
        links.unshift({ type: card.type, id: card.id, reason: 'rule', detail: null })
  }
  const sent = params.link
  if (sent)
    return [
      { type: sent.type, id: sent.id, reason: 'sent', detail: null },
      ...links.filter((l) => l.type !== sent.type || l.id !== sent.id),
    ]
  return links
}

async function insertLinks(
  organizationId: number,
  messageId: number,
  links: LinkChoice[],
  trx: TransactionClientContract
) {
  if (!links.length) return
  const now = dbTimestamp()
  await trx.table('mail_message_links').multiInsert(
    links.map((l) => ({
      organization_id: organizationId,
      message_id: messageId,
      record_type: l.type,
      record_id: l.id,
      reason: l.reason,
      detail: l.detail?.slice(0, 255) ?? null,
      linked_by: null,
      created_at: now,
    }))
  )
}
