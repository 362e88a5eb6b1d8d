import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import string from '@adonisjs/core/helpers/string'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { cleanFileName, type DocumentRow } from '#app/documents/documents'
import { detectContentType } from '#app/documents/content_type'
import { discardStoredFile, putSystemFile } from '#app/documents/store_file'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'

/** At most this many files on one mail… */
export const MAX_ATTACHMENTS = 10
/** …and this many bytes in all (most mail servers refuse messages past 25 MB once encoded). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

const TABLE = 'mail_outbox_attachments'

/** A file of the compose form, as the upload middleware left it in the temporary folder. */
export interface UploadedFile {
  tmpPath: string
  clientName: string
}

export interface StoredAttachment {
  filename: string
  contentType: string
  size: number
  storedKey: string
  sha256: string
}

const sizeLabel = (bytes: number) => string.bytes.format(bytes, { unitSeparator: ' ' })

/**
 * Checks the limits (count, then total size) and copies the uploaded files and the record's
 * picked documents to the drive, streaming, so that the sending job reads them from there
 * (nothing stays in memory between request and job, and a document deleted meanwhile still
 * goes). The caller records them (`recordAttachments`) or discards them (`discardAttachments`).
 */
export async function storeAttachments(
  organizationId: number,
  files: UploadedFile[],
  documents: DocumentRow[] = []
): Promise<StoredAttachment[]> {
  if (files.length + documents.length > MAX_ATTACHMENTS)
    throw new RuleError(
      'mail.compose.errors.too_many_files',
      { max: MAX_ATTACHMENTS },
      'attachments'
    )
  const sizes = await Promise.all(files.map(async (f) => (await stat(f.tmpPath)).size))
  const total = [...sizes, ...documents.map((d) => d.size)].reduce((sum, size) => sum + size, 0)
  if (total > MAX_ATTACHMENT_BYTES)
    throw new RuleError(
      'mail.compose.errors.too_large',
      { size: sizeLabel(total), limit: sizeLabel(MAX_ATTACHMENT_BYTES) },
      'attachments'
    )
  const stored: StoredAttachment[] = []
  try {
    for (const file of files) {
      const filename = cleanFileName(file.clientName)
      const { contentType } = await detectContentType(file.tmpPath, filename)
      const put = await putSystemFile({
        organizationId,
        resource: 'mail.messages',
        path: file.tmpPath,
        name: filename,
        contentType,
      })
      stored.push({ filename, contentType, ...put })
    }
    for (const doc of documents) {
      const storedKey = `${organizationId}/${new Date().getUTCFullYear()}/${randomUUID()}`
      await drive.use().copy(doc.storedKey, storedKey)
      stored.push({
        filename: doc.name,
        contentType: doc.contentType,
        size: doc.size,
        storedKey,
        sha256: doc.sha256,
      })
    }
  } catch (error) {
    await discardAttachments(stored)
    throw error
  }
  return stored
}

export async function discardAttachments(stored: StoredAttachment[]) {
  await Promise.all(stored.map((s) => discardStoredFile(s.storedKey)))
}

/** The outbox rows of stored files, in the order the user attached them. */
export async function recordAttachments(
  trx: TransactionClientContract,
  organizationId: number,
  outboxId: number,
  stored: StoredAttachment[]
) {
  if (!stored.length) return
  const now = dbTimestamp()
  await trx.table(TABLE).multiInsert(
    stored.map((s, position) => ({
      organization_id: organizationId,
      outbox_id: outboxId,
      position,
      filename: s.filename,
      content_type: s.contentType.slice(0, 255),
      size: s.size,
      stored_key: s.storedKey,
      sha256: s.sha256,
      created_at: now,
    }))
  )
}

/** Nodemailer attachments of an outbox row, each streamed from the drive when the MIME is built. */
export async function mimeAttachments(outboxId: number) {
  const rows = await db
    .from(TABLE)
    .where('outbox_id', outboxId)
    .whereNotNull('stored_key')
    .orderBy('position')
    .select('filename', 'content_type', 'stored_key')
  return Promise.all(
    rows.map(async (r) => ({
      filename: String(r.filename),
      contentType: String(r.content_type),
      content: await drive.use().getStream(r.stored_key),
    }))
  )
}

/** Once the sent copy is captured (with its own copy of the files), the outbox's files go. */
export async function releaseAttachments(outboxId: number) {
  const rows = await db.from(TABLE).where('outbox_id', outboxId).whereNotNull('stored_key')
  await Promise.all(rows.map((r) => discardStoredFile(r.stored_key)))
  if (rows.length) await db.from(TABLE).where('outbox_id', outboxId).update({ stored_key: null })
}
