import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { inTransaction } from '#app/support/db'
import { RuleError } from '#app/support/rule_error'
import { ensureTags } from './tags.js'
import { changeTags, tagsOfRecord, type TagChangeResult } from './taggings.js'
import { TAG_CHANGE_MAX, type TagDto } from './types.js'

/** Tags to add by id or by name (a name creates the tag when the organization has none). */
export type TagRefs = (number | string)[]

/**
 * The ids of `refs`: numbers as they are, names through `ensureTags` (created if missing).
 * More than TAG_CHANGE_MAX at once is refused.
 */
export async function resolveTagRefs(
  organizationId: number,
  refs: TagRefs,
  trx?: TransactionClientContract
): Promise<number[]> {
  if (refs.length > TAG_CHANGE_MAX)
    throw new RuleError('tags.errors.too_many', { max: TAG_CHANGE_MAX })
  const ids = refs.filter((r): r is number => typeof r === 'number')
  const names = refs.filter((r): r is string => typeof r === 'string')
  const created = names.length ? await ensureTags(organizationId, names, { trx }) : []
  return [...new Set([...ids, ...created.map((t) => t.id)])]
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
  add: TagRefs
  remove: number[]
  trx?: TransactionClientContract
}): Promise<{ tags: TagDto[]; result: TagChangeResult }> {
  return inTransaction(params.trx, async (trx) => {
    const add = await resolveTagRefs(params.organizationId, params.add, trx)
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
