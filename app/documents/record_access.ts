import type { AccessContext } from '#app/access/access_context'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import type { RecordAccess } from '#app/registry/types'
import { memoByKey } from '#app/support/memo'

/** A resource that accepts documents, as the kernel uses it. */
export interface DocumentResource {
  key: string
  module: string
  subjectType: string
  recordAccess: RecordAccess
}

/** The resource `key` when a loaded manifest declares it accepts documents, else null. */
export const documentResource = memoByKey(async (key: string): Promise<DocumentResource | null> => {
  const registry = await moduleRegistry()
  const resource = registry.resources().find((r) => r.key === key)
  if (!resource?.documents) return null
  const { default: recordAccess } = await resource.documents.recordAccess()
  return {
    key,
    module: resource.module,
    subjectType: resource.documents.subjectType,
    recordAccess,
  }
})

/**
 * Whether the user may `action` the documents of record `recordId` of `resource`: the resource
 * accepts documents, its module is enabled for the organization, the user holds
 * `<resource>.view` (and `<resource>.edit` to change them), and the module says the record is
 * within the user's scope for that action. A document is visible exactly when its record is.
 */
export async function mayUseDocuments(
  access: AccessContext,
  resource: DocumentResource,
  recordId: number,
  action: 'view' | 'edit'
): Promise<boolean> {
  const enabled = await (await installer()).enabled(access.organizationId)
  if (!enabled.has(resource.module)) return false
  if (!access.can(`${resource.key}.view`)) return false
  if (action === 'edit' && !access.can(`${resource.key}.edit`)) return false
  return resource.recordAccess.check(access, recordId, action)
}
