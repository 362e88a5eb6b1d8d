import type { AccessContext } from '#app/access/access_context'
import type { TagChip } from '#app/ui/record_shapes'
import { mayUseTags, tagResource } from './record_access.js'
import { tagsOfRecord } from './taggings.js'

/** What a record page needs to show its tags (the shared `RecordTags` widget of ~/ui). */
export interface TagsPanel {
  tags: TagChip[]
  /** POST `{ add, remove }` here; GET reads them. The organization's tags: GET /tags?q=. */
  url: string
  /** The user may add and remove: `<resource>.edit` and the record in edit scope. */
  canEdit: boolean
}

/**
 * The tags block of a record page, or null when the resource takes no tags or the user may not
 * see the record. The caller is the record's own page.
 */
export async function tagsPanel(
  access: AccessContext,
  resourceKey: string,
  recordId: number
): Promise<TagsPanel | null> {
  const resource = await tagResource(resourceKey)
  if (!resource || !(await mayUseTags(access, resource, recordId, 'view'))) return null
  const [tags, canEdit] = await Promise.all([
    tagsOfRecord(access.organizationId, resourceKey, recordId),
    mayUseTags(access, resource, recordId, 'edit'),
  ])
  return { tags, url: `/tags/${resourceKey}/${recordId}`, canEdit }
}
