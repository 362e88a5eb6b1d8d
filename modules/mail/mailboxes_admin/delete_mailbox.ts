import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { trashRecordDocuments } from '#app/documents/bin'
import { discardStoredFile } from '#app/documents/store_file'
import { mailboxRow } from './mailbox_values.js'
import { takeMailEntries } from '../triage/mail_entries.js'

/** Ids per statement (MS SQL accepts at most 2,100 parameters). */
const CHUNK = 500

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/**
 * Removes the messages no other mailbox holds: their links, timeline entries, labels,
 * attachments (documents to the recycle bin) and threads left empty. Returns raw files to discard.
 */
async function removeOrphans(
  trx: TransactionClientContract,
  organizationId: number,
  actorId: number | null,
  ids: number[]
): Promise<string[]> {
  const raw: string[] = []
  for (const chunk of chunks(ids)) {
    const messages = await trx
      .from('mail_messages')
      .whereIn('id', chunk)
      .select('id', 'thread_id', 'raw_key')
    const links = await trx.from('mail_message_links').whereIn('message_id', chunk).select('*')
    // Their entries on the records' histories go with them.
    const records = links.map((l) => ({ type: l.record_type, id: Number(l.record_id) }))
    await takeMailEntries(organizationId, records, chunk, trx)
    for (const id of chunk)
      await trashRecordDocuments({
        organizationId,
        actorId,
        resource: 'mail.messages',
        recordId: id,
        trx,
      })
    await trx.from('mail_message_links').whereIn('message_id', chunk).delete()
    await trx.from('mail_message_labels').whereIn('message_id', chunk).delete()
    await trx.from('mail_attachments').whereIn('message_id', chunk).delete()
    await trx.from('mail_messages').whereIn('id', chunk).delete()
    const threads = [
      ...new Set(
        messages
          .map((m) => m.thread_id)
          .filter(Boolean)
          .map(Number)
      ),
    ]
    for (const part of chunks(threads)) {
      const used = await trx.from('mail_messages').whereIn('thread_id', part).distinct('thread_id')
      const empty = part.filter((t) => !used.some((u) => Number(u.thread_id) === t))
      if (empty.length) await trx.from('mail_threads').whereIn('id', empty).delete()
    }
    raw.push(...messages.map((m) => m.raw_key).filter(Boolean))
  }
  return raw
}

/**
 * Deletes a mailbox: its folders, its ledger (intake rows) and its own rules, explicitly (no
 * ON DELETE in the mail tables). Messages another mailbox also holds stay; those only this
 * mailbox held go with it. Returns how many messages were removed.
 */
export async function deleteMailbox(params: {
  organizationId: number
  mailboxId: number
  actorId: number | null
}): Promise<{ removedMessages: number }> {
  const { organizationId, actorId } = params
  const mailbox = await mailboxRow(organizationId, params.mailboxId)
  const mailboxId = Number(mailbox.id)
  const raw = await db.transaction(async (trx) => {
    const held = await trx
      .from('mail_intake')
      .where('mailbox_id', mailboxId)
      .whereNotNull('message_id')
      .distinct('message_id')
    const ids = held.map((h) => Number(h.message_id))
    await trx.from('mail_intake').where('mailbox_id', mailboxId).delete()
    await trx.from('mail_folders').where('mailbox_id', mailboxId).delete()
    await trx
      .from('mail_rules')
      .where({ organization_id: organizationId, mailbox_id: mailboxId })
      .delete()
    const orphans: number[] = []
    for (const chunk of chunks(ids)) {
      const still = await trx
        .from('mail_intake')
        .whereIn('message_id', chunk)
        .distinct('message_id')
      const kept = new Set(still.map((s) => Number(s.message_id)))
      orphans.push(...chunk.filter((id) => !kept.has(id)))
    }
    const files = await removeOrphans(trx, organizationId, actorId, orphans)
    await trx
      .from('mail_mailboxes')
      .where({ organization_id: organizationId, id: mailboxId })
      .delete()
    return { files, removed: orphans.length }
  })
  for (const key of raw.files) await discardStoredFile(key).catch(() => {})
  return { removedMessages: raw.removed }
}
