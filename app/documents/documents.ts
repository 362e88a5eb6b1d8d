import { basename } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toIso } from '#app/support/dates'
import { ALLOWED_TYPES } from './content_type.js'

/** One document as lists show it. */
export interface DocumentItem {
  id: number
  name: string
  size: number
  contentType: string
  /** Short name of the type (PDF, XLSX…). */
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

export const TABLE = 'documents'
/** Timeline kinds written by this service (labels in resources/lang/<locale>/timeline.json). */
export const DOCUMENT_KINDS = ['document_added', 'document_deleted', 'document_restored'] as const

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

/** The stored bytes of a document, as a stream. */
export function documentStream(doc: DocumentRow) {
  return drive.use().getStream(doc.storedKey)
}
