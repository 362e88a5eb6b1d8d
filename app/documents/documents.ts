import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import string from '@adonisjs/core/helpers/string'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import documentsConfig from '#config/documents'
import { timeline } from '#app/history/timeline'
import { dbTimestamp, toIso } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { ALLOWED_LABELS, ALLOWED_TYPES, detectContentType } from './content_type.js'
import type { DocumentResource } from './record_access.js'

/** One document as lists show it. */
export interface DocumentItem {
  id: number
  name: string
  size: number
  contentType: string
  /** Short name of the type (PDF, Excel…). */
  typeLabel: string
  uploadedByName: string | null
  createdAt: string
}

/** A document row as the kernel reads it. */
export interface DocumentRow {
  id: number
  organizationId: number
  resource: string
  recordId: number
  name: string
  storedKey: string
  size: number
  contentType: string
  sha256: string
  deletedAt: string | null
}

const TABLE = 'documents'
/** Timeline kinds written by this service (labels in resources/lang/<locale>/timeline.json). */
export const DOCUMENT_KINDS = ['document_added', 'document_deleted', 'document_restored'] as const

const sizeLabel = (bytes: number) => string.bytes.format(bytes, { unitSeparator: ' ' })

/** A file name as the user gave it, without folders, control characters or excess length. */
export function cleanFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/'))
    // eslint-disable-next-line no-control-regex -- deliberately strips control characters
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
  if (base.length <= 200) return base || 'documento'
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 && base.length - dot <= 40 ? base.slice(dot) : ''
  return base.slice(0, 200 - ext.length) + ext
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

/** Bytes an organization stores today, bin included (purged documents no longer count). */
export async function storedBytes(
  organizationId: number,
  client?: TransactionClientContract
): Promise<number> {
  const row = await (client ?? db)
    .from(TABLE)
    .where('organization_id', organizationId)
    .sum('size as total')
    .first()
  return Number(row?.total ?? 0)
}

function rowOf(r: any): DocumentRow {
  return {
    id: Number(r.id),
    organizationId: Number(r.organization_id),
    resource: r.resource,
    recordId: Number(r.record_id),
    name: r.original_name,
    storedKey: r.stored_key,
    size: Number(r.size),
    contentType: r.content_type,
    sha256: r.sha256,
    deletedAt: r.deleted_at ? toIso(r.deleted_at) : null,
  }
}

/** The documents of one record, newest first (the caller checked the record's scope). */
export async function listDocuments(
  organizationId: number,
  resource: string,
  recordId: number
): Promise<DocumentItem[]> {
  const rows = await db
    .from(`${TABLE} as d`)
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .where('d.organization_id', organizationId)
    .where('d.resource', resource)
    .where('d.record_id', recordId)
    .whereNull('d.deleted_at')
    .orderBy('d.id', 'desc')
    .limit(500)
    .select('d.id', 'd.original_name', 'd.size', 'd.content_type', 'd.created_at', 'u.full_name')
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.original_name,
    size: Number(r.size),
    contentType: r.content_type,
    typeLabel: ALLOWED_TYPES[r.content_type] ?? r.content_type,
    uploadedByName: r.full_name ?? null,
    createdAt: toIso(r.created_at),
  }))
}

/** A document of the organization by id (binned ones only with `withBinned`). */
export async function findDocument(
  organizationId: number,
  id: number,
  options: { withBinned?: boolean; client?: TransactionClientContract } = {}
): Promise<DocumentRow | null> {
  const query = (options.client ?? db)
    .from(TABLE)
    .where('organization_id', organizationId)
    .where('id', id)
  if (!options.withBinned) query.whereNull('deleted_at')
  const row = await query.first()
  return row ? rowOf(row) : null
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

interface ChangeParams {
  organizationId: number
  actorId: number | null
  /** The resource's timeline subject type. */
  subjectType: string
  documentId: number
  trx?: TransactionClientContract
}

async function inTransaction<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return trx ? work(trx) : db.transaction(work)
}

/**
 * Moves a document to the recycle bin (its file stays on the drive) and writes the record's
 * timeline. The caller checked the user may edit the record. Null when there is no such
 * document outside the bin.
 */
export function trashDocument(params: ChangeParams): Promise<DocumentRow | null> {
  return inTransaction(params.trx, async (trx) => {
    const doc = await findDocument(params.organizationId, params.documentId, { client: trx })
    if (!doc) return null
    await trx.from(TABLE).where('id', doc.id).update({
      deleted_at: dbTimestamp(),
      deleted_by: params.actorId,
      updated_at: dbTimestamp(),
    })
    await timeline.record(
      {
        organizationId: doc.organizationId,
        subjectType: params.subjectType,
        subjectId: doc.recordId,
        kind: 'document_deleted',
        actorId: params.actorId,
        data: { documentId: doc.id, summary: doc.name },
      },
      trx
    )
    return doc
  })
}

/**
 * Moves every document of a record to the recycle bin, in the caller's transaction: for a
 * module deleting the record itself (whose timeline goes with it, so none is written here).
 * Returns how many were binned.
 */
export async function trashRecordDocuments(params: {
  organizationId: number
  actorId: number | null
  resource: string
  recordId: number
  trx: TransactionClientContract
}): Promise<number> {
  const now = dbTimestamp()
  const count = await params.trx
    .from(TABLE)
    .where('organization_id', params.organizationId)
    .where('resource', params.resource)
    .where('record_id', params.recordId)
    .whereNull('deleted_at')
    .update({ deleted_at: now, deleted_by: params.actorId, updated_at: now })
  return Number(Array.isArray(count) ? count[0] : count)
}

/** Takes a document out of the recycle bin and writes the record's timeline. Null when not binned. */
export function restoreDocument(params: ChangeParams): Promise<DocumentRow | null> {
  return inTransaction(params.trx, async (trx) => {
    const doc = await findDocument(params.organizationId, params.documentId, {
      client: trx,
      withBinned: true,
    })
    if (!doc?.deletedAt) return null
    await trx
      .from(TABLE)
      .where('id', doc.id)
      .update({ deleted_at: null, deleted_by: null, updated_at: dbTimestamp() })
    await timeline.record(
      {
        organizationId: doc.organizationId,
        subjectType: params.subjectType,
        subjectId: doc.recordId,
        kind: 'document_restored',
        actorId: params.actorId,
        data: { documentId: doc.id, summary: doc.name },
      },
      trx
    )
    return { ...doc, deletedAt: null }
  })
}

/**
 * Removes a binned document for good: its row, then its file on the drive (after the commit, so
 * a rolled-back purge keeps the file). Null when the document is not in the bin.
 */
export async function purgeDocument(params: {
  organizationId: number
  documentId: number
  trx?: TransactionClientContract
}): Promise<DocumentRow | null> {
  const doc = await findDocument(params.organizationId, params.documentId, {
    client: params.trx,
    withBinned: true,
  })
  if (!doc?.deletedAt) return null
  await (params.trx ?? db).from(TABLE).where('id', doc.id).delete()
  const removeFile = async () => {
    try {
      await drive.use().delete(doc.storedKey)
    } catch (error) {
      // The row is gone; an orphan file only costs space. Say so for the operator.
      logger.warn({ err: error, key: doc.storedKey }, 'documents: could not delete a purged file')
    }
  }
  if (params.trx) params.trx.after('commit', removeFile)
  else await removeFile()
  return doc
}

/** The stored bytes of a document, as a stream. */
export function documentStream(doc: DocumentRow) {
  return drive.use().getStream(doc.storedKey)
}
