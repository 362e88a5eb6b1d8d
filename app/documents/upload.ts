import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import string from '@adonisjs/core/helpers/string'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import documentsConfig from '#config/documents'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { ALLOWED_LABELS, ALLOWED_TYPES, detectContentType } from './content_type.js'
import { cleanFileName, storedBytes, TABLE, type DocumentItem } from './documents.js'
import type { DocumentResource } from './record_access.js'

const sizeLabel = (bytes: number) => string.bytes.format(bytes, { unitSeparator: ' ' })

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

export interface UploadParams {
  organizationId: number
  actorId: number | null
  resource: DocumentResource
  recordId: number
  file: { tmpPath: string; clientName: string }
}

/**
 * Stores one uploaded file for a record (the caller checked the user may edit it): size and
 * quota limits, content type from the bytes, then the file on the drive and the row plus a
 * timeline entry in one transaction. A refusal is a RuleError on the `file` field.
 */
export async function uploadDocument(params: UploadParams): Promise<DocumentItem> {
  const name = cleanFileName(params.file.clientName)
  const { size } = await stat(params.file.tmpPath)
  if (size > documentsConfig.maxFileSize)
    throw new RuleError(
      'documents.errors.too_large',
      { name, limit: sizeLabel(documentsConfig.maxFileSize) },
      'file'
    )
  const { contentType, allowed } = await detectContentType(params.file.tmpPath, name)
  if (!allowed)
    throw new RuleError(
      'documents.errors.type_not_allowed',
      { name, allowed: ALLOWED_LABELS.join(', ') },
      'file'
    )
  const overQuota = async (client?: TransactionClientContract) =>
    (await storedBytes(params.organizationId, client)) + size > documentsConfig.organizationQuota
  const quotaError = () =>
    new RuleError(
      'documents.errors.quota',
      { name, quota: sizeLabel(documentsConfig.organizationQuota) },
      'file'
    )
  // Early, before the copy; checked again under a lock below.
  if (await overQuota()) throw quotaError()
  const sha256 = await sha256Of(params.file.tmpPath)
  const now = new Date()
  const storedKey = `${params.organizationId}/${now.getUTCFullYear()}/${randomUUID()}`
  const disk = drive.use()
  await disk.putStream(storedKey, createReadStream(params.file.tmpPath), { contentType })
  try {
    return await db.transaction(async (trx) => {
      // Two uploads at once must not both take the last bytes of the quota: lock the
      // organization's row (SQLite already runs one write transaction at a time).
      if (trx.dialect.name !== 'better-sqlite3' && trx.dialect.name !== 'sqlite3')
        await trx.from('organizations').where('id', params.organizationId).forUpdate().first()
      if (await overQuota(trx)) throw quotaError()
      const [inserted] = await trx
        .table(TABLE)
        .returning('id')
        .insert({
          organization_id: params.organizationId,
          resource: params.resource.key,
          record_id: params.recordId,
          original_name: name,
          stored_key: storedKey,
          size,
          content_type: contentType,
          sha256,
          uploaded_by: params.actorId,
          created_at: dbTimestamp(now),
          updated_at: dbTimestamp(now),
        })
      const id = Number(
        typeof inserted === 'object' && inserted !== null
          ? (inserted as { id: number }).id
          : inserted
      )
      await timeline.record(
        {
          organizationId: params.organizationId,
          subjectType: params.resource.subjectType,
          subjectId: params.recordId,
          kind: 'document_added',
          actorId: params.actorId,
          data: { documentId: id, summary: name },
        },
        trx
      )
      return {
        id,
        name,
        size,
        contentType,
        typeLabel: ALLOWED_TYPES[contentType] ?? contentType,
        uploadedByName: null,
        createdAt: now.toISOString(),
      }
    })
  } catch (error) {
    await disk.delete(storedKey).catch(() => {})
    throw error
  }
}
