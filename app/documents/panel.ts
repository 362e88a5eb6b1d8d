import type { AccessContext } from '#app/access/access_context'
import documentsConfig from '#config/documents'
import { ALLOWED_LABELS, ALLOWED_TYPES } from './content_type.js'
import { listDocuments, type DocumentItem } from './documents.js'
import { documentResource, mayUseDocuments } from './record_access.js'

/** What a record page needs to show its documents (the shared `Documents` widget of ~/ui). */
export interface DocumentsPanel {
  items: DocumentItem[]
  /** POST one file here (field `file`); GET lists them as JSON. */
  url: string
  /** The user may upload and delete: `<resource>.edit` and the record in edit scope. */
  canEdit: boolean
  maxFileSize: number
  /** Short names of the accepted types, and their MIME types for the file picker. */
  allowed: string[]
  accept: string[]
}

/**
 * The documents block of a record page, or null when the resource accepts no documents or the
 * user may not see the record's documents. The caller is the record's own page.
 */
export async function documentsPanel(
  access: AccessContext,
  resourceKey: string,
  recordId: number
): Promise<DocumentsPanel | null> {
  const resource = await documentResource(resourceKey)
  if (!resource || !(await mayUseDocuments(access, resource, recordId, 'view'))) return null
  const [items, canEdit] = await Promise.all([
    listDocuments(access.organizationId, resourceKey, recordId),
    mayUseDocuments(access, resource, recordId, 'edit'),
  ])
  return {
    items,
    url: `/documents/${resourceKey}/${recordId}`,
    canEdit,
    maxFileSize: documentsConfig.maxFileSize,
    allowed: ALLOWED_LABELS,
    accept: Object.keys(ALLOWED_TYPES),
  }
}
