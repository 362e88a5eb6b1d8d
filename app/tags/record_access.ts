import type { AccessContext } from '#app/access/access_context'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import type { RecordAccess } from '#app/registry/types'
import { memoByKey } from '#app/support/memo'

/** A resource whose records take tags, as the kernel uses it. */
export interface TagResource {
  key: string
  module: string
  subject: string
  recordAccess: RecordAccess
}

/** The resource `key` when a loaded manifest declares it takes tags, else null. */
export const tagResource = memoByKey(async (key: string): Promise<TagResource | null> => {
  const registry = await moduleRegistry()
  const resource = registry.resources().find((r) => r.key === key)
  const load = resource?.tags?.recordAccess ?? resource?.documents?.recordAccess
  if (!resource?.tags || !load) return null
  const { default: recordAccess } = await load()
  return { key, module: resource.module, subject: resource.tags.subject, recordAccess }
})

/** Keys of the resources that take tags (Administración › Etiquetas counts across them). */
export async function tagResourceKeys(): Promise<string[]> {
  return (await moduleRegistry())
    .resources()
    .filter((r) => r.tags)
    .map((r) => r.key)
}

/**
 * Whether the user may read the organization's tags (`GET /tags`): they view at least one
 * resource that takes tags, of a module enabled for the organization.
 */
export async function mayListTags(access: AccessContext): Promise<boolean> {
  const enabled = await (await installer()).enabled(access.organizationId)
  return (await moduleRegistry())
    .resources()
    .some((r) => r.tags && enabled.has(r.module) && access.can(`${r.key}.view`))
}

/**
 * Whether the user may `action` the tags of record `recordId` (the same rule as documents):
 * the module is enabled, the user holds `<resource>.view` (and `.edit` to change them), and
 * the module says the record is within the user's scope for that action.
 */
export async function mayUseTags(
  access: AccessContext,
  resource: TagResource,
  recordId: number,
  action: 'view' | 'edit'
): Promise<boolean> {
  const enabled = await (await installer()).enabled(access.organizationId)
  if (!enabled.has(resource.module)) return false
  if (!access.can(`${resource.key}.view`)) return false
  if (action === 'edit' && !access.can(`${resource.key}.edit`)) return false
  return resource.recordAccess.check(access, recordId, action)
}
