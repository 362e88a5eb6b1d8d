import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { cleanFileName, TABLE } from './documents.js'

/** A file the system itself files on a record (not a user's upload). */
export interface SystemFile {
  organizationId: number
  /** The resource key that accepts documents (its manifest's `documents`). */
  resource: string
  recordId: number
  path: string
  name: string
  contentType: string
}

/**
 * Copies a file to the drive, streaming, and returns where it went; `fileDocument` then records
 * it inside the caller's transaction. Used by background capture (mail attachments): the type
 * allow-list and quota of user uploads do not apply — what arrived must not be lost — and no
 * timeline entry is written (the capturing record carries it). The caller deletes the stored
 * file (`discardStoredFile`) when its transaction fails; a file stored under an `area` that a kill
 * left without its row is removed later by `sweepOrphanFiles`.
 */
export async function putSystemFile(file: Omit<SystemFile, 'recordId'>, area?: string) {
  const { size } = await stat(file.path)
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file.path)) hash.update(chunk)
  const storedKey = systemKey(file.organizationId, area)
  await drive
    .use()
    .putStream(storedKey, createReadStream(file.path), { contentType: file.contentType })
  return { storedKey, size, sha256: hash.digest('hex') }
}

/** `putSystemFile` for bytes already in memory (a small mail's attachment): one write. */
export async function putSystemBytes(
  file: Pick<SystemFile, 'organizationId' | 'contentType'>,
  bytes: Buffer,
  area?: string
) {
  const storedKey = systemKey(file.organizationId, area)
  await drive.use().put(storedKey, bytes, { contentType: file.contentType })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { storedKey, size: bytes.length, sha256 }
}

/**
 * `<organization>/<year>/<uuid>`; with an `area` (`mail`), under that folder first, so
 * `sweepOrphanFiles` can clear what a killed capture left there without touching other files.
 */
const systemKey = (organizationId: number, area?: string) =>
  `${area ? `${area}/` : ''}${organizationId}/${new Date().getUTCFullYear()}/${randomUUID()}`

/** The documents row of a file `putSystemFile` stored; returns its id. */
export async function fileDocument(
  file: SystemFile,
  stored: { storedKey: string; size: number; sha256: string },
  trx: TransactionClientContract
): Promise<number> {
  const now = dbTimestamp()
  return insertId(trx, TABLE, {
    organization_id: file.organizationId,
    resource: file.resource,
    record_id: file.recordId,
    original_name: cleanFileName(file.name),
    stored_key: stored.storedKey,
    size: stored.size,
    content_type: file.contentType.slice(0, 120),
    sha256: stored.sha256,
    uploaded_by: null,
    created_at: now,
    updated_at: now,
  })
}

export async function discardStoredFile(storedKey: string) {
  await drive
    .use()
    .delete(storedKey)
    .catch(() => {})
}
