import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { inTransaction } from '#app/support/db'
import { RuleError } from '#app/support/rule_error'
import { ensureTags } from './tags.js'
import { changeTags, tagsOfRecord, type TagChangeResult } from './taggings.js'
import { TAG_CHANGE_MAX, type TagDto } from './types.js'

/**
 * The ids of the tags to add: `ids` as they are, `names` through `ensureTags` (created if
 * missing). Ids and names travel apart, so a tag named "2024" is never taken for tag id 2024.
 * More than TAG_CHANGE_MAX at once is refused.
 */
export async function resolveTagRefs(
  organizationId: number,
  refs: { ids: number[]; names: string[] },
  trx?: TransactionClientContract
): Promise<number[]> {
  if (refs.ids.length + refs.names.length > TAG_CHANGE_MAX)
    throw new RuleError('tags.errors.too_many', { max: TAG_CHANGE_MAX })
  const created = refs.names.length ? await ensureTags(organizationId, refs.names, { trx }) : []
  return [...new Set([...refs.ids, ...created.map((t) => t.id)])]
}

/**
 * Adds and removes tags on one record the caller has checked the user may edit, creating the
 * names that are new, and returns the record's tags.
 */
export async function setRecordTags(params: {
  organizationId: number
  actorId: number
  resource: string
  subjectType: string
  recordId: number
  /** Tag ids to add. */
  add: number[]
  /** Tag names to add, created when the organization has none. */
  create: string[]
  remove: number[]
  trx?: TransactionClientContract
}): Promise<{ tags: TagDto[]; result: TagChangeResult }> {
  return inTransaction(params.trx, async (trx) => {
    const add = await resolveTagRefs(
      params.organizationId,
      { ids: params.add, names: params.create },
      trx
    )
    const result = await changeTags({
      organizationId: params.organizationId,
      actorId: params.actorId,
      resource: params.resource,
      subjectType: params.subjectType,
      recordIds: [params.recordId],
      add,
      remove: params.remove,
      trx,
    })
    const tags = await tagsOfRecord(params.organizationId, params.resource, params.recordId, trx)
    return { tags, result }
  })
}
