import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { messageAccess } from '../access/visibility.js'
import { domainOf, normalizeAddress, type Address } from '../support/addresses.js'
import { renderMerge } from './merge.js'
import { recordMergeData, sendingMailboxes, visibleRecord } from './sources.js'
import SendOutboxMail from '../jobs/send_outbox_mail.js'
import {
  discardAttachments,
  recordAttachments,
  storeAttachments,
  type UploadedFile,
} from './attachments.js'
import { pickRecordDocuments } from './record_documents.js'

export interface ComposeInput {
  record: { type: string; id: number } | null
  mailboxId: number
  to: string[]
  cc?: string[]
  bcc?: string[]
  subject: string
  body: string
  replyToMessageId?: number | null
  /** Files of the form (temporary paths), stored on the drive before the mail is queued. */
  attachments?: UploadedFile[]
  /** Documents of the record to attach too. */
  documentIds?: number[]
}

function addresses(values: string[] | undefined, field: string): Address[] {
  const out: Address[] = []
  for (const value of values ?? []) {
    const address = normalizeAddress(value)
    if (!address || !/^[^@]+@[^@]+\.[a-z]{2,}$/i.test(address))
      throw new RuleError('mail.compose.errors.bad_address', { address: value }, field)
    if (!out.some((a) => a.address === address)) out.push({ address, name: null })
  }
  return out
}

/**
 * Queues a mail written from a record: the user must see the record (else 404) and the message
 * replied to; merge fields are filled in here, and an unknown one refuses the mail (named, not
 * blanked). Attached files go to the drive first (within the limits); the outbox row, with
 * them, starts queued; the sending job delivers it.
 */
export async function queueMail(
  access: AccessContext,
  userId: number,
  input: ComposeInput
): Promise<{ outboxId: number; recordHref: string }> {
  const card = await visibleRecord(access, input.record)
  const organizationId = access.organizationId
  if (input.replyToMessageId && !(await messageAccess(access, input.replyToMessageId))) notFound()
  const mailbox = (await sendingMailboxes(organizationId, userId)).find(
    (m) => m.id === input.mailboxId
  )
  if (!mailbox) throw new RuleError('mail.compose.errors.mailbox', {}, 'mailboxId')
  const to = addresses(input.to, 'to')
  if (!to.length) throw new RuleError('mail.compose.errors.no_recipient', {}, 'to')
  const cc = addresses(input.cc, 'cc')
  const bcc = addresses(input.bcc, 'bcc')
  const { values } = await recordMergeData(organizationId, card, userId)
  const subject = renderMerge(input.subject, values)
  const body = renderMerge(input.body, values)
  for (const [field, rendered] of [
    ['subject', subject],
    ['body', body],
  ] as const)
    if (rendered.unknown.length)
      throw new RuleError(
        'mail.compose.errors.unknown_fields',
        { fields: rendered.unknown.map((f) => `{{${f}}}`).join(', ') },
        field
      )
  const documents = await pickRecordDocuments(access, card, input.documentIds ?? [])
  const stored = await storeAttachments(organizationId, input.attachments ?? [], documents)
  const now = dbTimestamp()
  const row = {
    organization_id: organizationId,
    mailbox_id: mailbox.id,
    user_id: userId,
    record_type: card.type,
    record_id: card.id,
    reply_to_message_id: input.replyToMessageId ?? null,
    to_json: JSON.stringify(to),
    cc_json: cc.length ? JSON.stringify(cc) : null,
    bcc_json: bcc.length ? JSON.stringify(bcc) : null,
    subject: subject.text.slice(0, 500),
    body: body.text,
    message_id: `${randomUUID()}@${domainOf(mailbox.address)}`,
    status: 'queued',
    attempts: 0,
    created_at: now,
    updated_at: now,
  }
  let outboxId: number
  try {
    outboxId = await db.transaction(async (trx) => {
      const id = await insertId(trx, 'mail_outbox', row)
      await recordAttachments(trx, organizationId, id, stored)
      return id
    })
  } catch (error) {
    await discardAttachments(stored)
    throw error
  }
  await SendOutboxMail.dispatch({ outboxId, organizationId })
  return { outboxId, recordHref: card.href }
}
