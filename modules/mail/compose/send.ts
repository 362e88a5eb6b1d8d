import nodemailer from 'nodemailer'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { dbTimestamp } from '#app/support/dates'
import { openSecret } from '../support/secrets.js'
import { plusAddress, replyTokenOf, type Address } from '../support/addresses.js'
import { folderOf } from '../archive/mailboxes.js'
import { mailboxContext } from '../pipeline/mailbox_context.js'
import { ingest } from '../pipeline/ingest.js'
import { mimeAttachments, releaseAttachments } from './attachments.js'
import { connectionProblem } from '../net/connection_errors.js'

/** The folder of a mailbox that keeps the mail sent from Cartera. */
export const SENT_FOLDER = 'Enviados'

const list = (json: string | null): Address[] => (json ? JSON.parse(json) : [])
const forHeader = (json: string | null) =>
  list(json).map((a) => (a.name ? { name: a.name, address: a.address } : a.address))

/**
 * The raw RFC 5322 message of an outbox row (From: the mailbox with the user's name), its
 * attached files streamed from the drive.
 */
export async function buildMessage(outbox: any, mailbox: any, user: any): Promise<Buffer> {
  const token = replyTokenOf(outbox.record_type, Number(outbox.record_id))
  const original = outbox.reply_to_message_id
    ? await db
        .from('mail_messages')
        .where({ organization_id: outbox.organization_id, id: outbox.reply_to_message_id })
        .select('message_id', 'references')
        .first()
    : null
  const parent = original?.message_id ? `<${original.message_id}>` : null
  const references = [
    ...String(original?.references ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => (id.startsWith('<') ? id : `<${id}>`)),
    ...(parent ? [parent] : []),
  ]
  const composer = new MailComposer({
    from: { name: user.full_name ?? user.email, address: mailbox.address },
    replyTo: token ? plusAddress(mailbox.address, token) : mailbox.address,
    to: forHeader(outbox.to_json),
    cc: forHeader(outbox.cc_json),
    bcc: forHeader(outbox.bcc_json),
    subject: outbox.subject,
    text: outbox.body,
    messageId: `<${outbox.message_id}>`,
    attachments: await mimeAttachments(Number(outbox.id)),
    date: new Date(),
    ...(parent ? { inReplyTo: parent, references: references.slice(-20).join(' ') } : {}),
  })
  // Bcc stays out of the headers (nodemailer keeps it only in the envelope).
  return composer.compile().build()
}

/**
 * The sending job failed for good (its last attempt, or an error before any SMTP attempt):
 * a row not sent yet says "failed", keeping the error of its last attempt.
 */
export async function outboxFailed(outboxId: number, error: unknown) {
  await db
    .from('mail_outbox')
    .where('id', outboxId)
    .whereNot('status', 'sent')
    .update({
      status: 'failed',
      error: db.raw('COALESCE(error, ?)', [
        String((error as Error)?.message || error).slice(0, 2000),
      ]),
      error_code: db.raw('COALESCE(error_code, ?)', ['unknown']),
      updated_at: dbTimestamp(),
    })
}

/** Sends through the mailbox's own SMTP server, or the app's mailer when it has none. */
async function transmit(mailbox: any, envelope: { from: string; to: string[] }, raw: Buffer) {
  if (!mailbox.smtp_host) {
    await mail.use().transport.send({ envelope, raw } as any)
    return
  }
  const password = openSecret(mailbox.smtp_secret)
  const transport = nodemailer.createTransport({
    host: mailbox.smtp_host,
    port: Number(mailbox.smtp_port ?? (mailbox.smtp_security === 'tls' ? 465 : 587)),
    secure: mailbox.smtp_security === 'tls',
    requireTLS: mailbox.smtp_security === 'starttls',
    ignoreTLS: mailbox.smtp_security === 'none',
    connectionTimeout: 15_000,
    ...(mailbox.smtp_user ? { auth: { user: mailbox.smtp_user, pass: password ?? '' } } : {}),
  })
  try {
    await transport.sendMail({ envelope, raw })
  } finally {
    transport.close()
  }
}

/** Attempts of the sending job (the first and its retries). */
export const SEND_ATTEMPTS = 4

/** Which attempt of the sending job this is, of how many (the last failure is final). */
export interface SendAttempt {
  attempt: number
  maxAttempts: number
}

/** The code «Probar envío» would give this failure (auth_failed, certificate.expired…). */
function errorCode(error: unknown): string {
  const problem = connectionProblem(error)
  return problem.detail ? `${problem.code}.${problem.detail}` : problem.code
}

/**
 * Delivers one outbox row: builds the message, sends it over SMTP, marks it sent, then stores
 * the same raw message through the capture pipeline as outgoing mail in the mailbox's
 * "Enviados" folder, linked to the record (its thread put there, so replies to the Reply-To
 * token and by References come back to it). A failed send records the error (and its code)
 * and rethrows so the job retries: the row says "retrying" while attempts are left and
 * "failed" after the last one; a retry after a failed capture only captures (never sends
 * twice); a row sent and captured is left alone.
 */
export async function deliverOutbox(
  outboxId: number,
  { attempt, maxAttempts }: SendAttempt = { attempt: 1, maxAttempts: 1 }
): Promise<'sent' | 'skipped'> {
  const outbox = await db.from('mail_outbox').where('id', outboxId).first()
  if (!outbox || (outbox.status === 'sent' && outbox.sent_message_id)) return 'skipped'
  const mailbox = await db.from('mail_mailboxes').where('id', outbox.mailbox_id).firstOrFail()
  const user = await db.from('users').where('id', outbox.user_id).firstOrFail()
  let raw: Buffer
  if (outbox.status === 'sent') raw = await buildMessage(outbox, mailbox, user)
  else {
    const recipients = [outbox.to_json, outbox.cc_json, outbox.bcc_json].flatMap((json) =>
      list(json).map((a) => a.address)
    )
    const attempts = Math.max(Number(outbox.attempts) + 1, attempt)
    // Building counts as the attempt too: an attached file the drive lost fails it the same way.
    let built = false
    try {
      raw = await buildMessage(outbox, mailbox, user)
      built = true
      await transmit(mailbox, { from: mailbox.address, to: recipients }, raw)
    } catch (error) {
      await db
        .from('mail_outbox')
        .where('id', outboxId)
        .update({
          status: attempt < maxAttempts ? 'retrying' : 'failed',
          attempts,
          error: String((error as Error).message || error).slice(0, 2000),
          error_code: built ? errorCode(error) : 'build_failed',
          updated_at: dbTimestamp(),
        })
      throw error
    }
    await db.from('mail_outbox').where('id', outboxId).update({
      status: 'sent',
      attempts,
      error: null,
      error_code: null,
      updated_at: dbTimestamp(),
    })
  }
  const context = await mailboxContext(Number(mailbox.id))
  const folderId = await folderOf(context.organizationId, context.mailboxId, SENT_FOLDER)
  const stored = await ingest(context, { folderId, itemKey: `sent:${outboxId}` }, raw, {
    direction: 'out',
    notify: false,
    link: { type: outbox.record_type, id: Number(outbox.record_id) },
  })
  const sentMessageId =
    'messageId' in stored && stored.messageId ? stored.messageId : await storedId(outbox)
  await db
    .from('mail_outbox')
    .where('id', outboxId)
    .update({ sent_message_id: sentMessageId, updated_at: dbTimestamp() })
  await releaseAttachments(outboxId)
  return 'sent'
}

async function storedId(outbox: any): Promise<number | null> {
  const row = await db
    .from('mail_messages')
    .where({ organization_id: outbox.organization_id, message_id: outbox.message_id })
    .select('id')
    .first()
  return row ? Number(row.id) : null
}
