import type { AccessContext } from '#app/access/access_context'
import { documentsPanel } from '#app/documents/panel'
import { findDocument, type DocumentRow } from '#app/documents/documents'
import { documentResource, mayUseDocuments } from '#app/documents/record_access'
import { RuleError } from '#app/support/rule_error'
import type { RecordRef } from '#modules/crm/contracts/index'
import type { RecordDocumentDto } from '../dto/compose.js'

/** The documents resource of each record type mail is written from (the CRM manifest's keys). */
const RESOURCES: Record<string, string> = {
  'crm.company': 'crm.companies',
  'crm.contact': 'crm.contacts',
  'crm.lead': 'crm.leads',
  'crm.opportunity': 'crm.opportunities',
}

/** The record's documents the user may see (and so attach), newest first; none without access. */
export async function recordDocuments(
  access: AccessContext,
  record: RecordRef
): Promise<RecordDocumentDto[]> {
  const key = RESOURCES[record.type]
  const panel = key ? await documentsPanel(access, key, record.id) : null
  return (panel?.items ?? []).map((d) => ({
    id: d.id,
    name: d.name,
    size: d.size,
    typeLabel: d.typeLabel,
  }))
}

/**
 * The documents picked to attach: each must be a live document of this very record, which the
 * user may see the documents of; anything else refuses the mail (named on the field).
 */
export async function pickRecordDocuments(
  access: AccessContext,
  record: RecordRef,
  ids: number[]
): Promise<DocumentRow[]> {
  if (!ids.length) return []
  const key = RESOURCES[record.type]
  const resource = key ? await documentResource(key) : null
  const refused = () => new RuleError('mail.compose.errors.document', {}, 'documentIds')
  if (!resource || !(await mayUseDocuments(access, resource, record.id, 'view'))) throw refused()
  const picked: DocumentRow[] = []
  for (const id of new Set(ids)) {
    const doc = await findDocument(access.organizationId, id)
    if (!doc || doc.resource !== key || doc.recordId !== record.id) throw refused()
    picked.push(doc)
  }
  return picked
}
