import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import { findDocument, TABLE, type DocumentRow } from './documents.js'

/*
 * The recycle bin of documents: a binned document keeps its row (deleted_at/deleted_by) and its
 * file until it is purged. The "Papelera" screen calls restoreDocument and purgeDocument.
 */

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
