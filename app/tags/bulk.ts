import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BulkChunkResult } from '#app/registry/types'
import { RuleError } from '#app/support/rule_error'
import { resolveTagRefs, type TagRefs } from './record_tags.js'
import { changeTags } from './taggings.js'
import { TAG_CHANGE_MAX } from './types.js'

/*
 * The bulk action `tags` (app/bulk) with the tags service: "Añadir etiquetas" and "Quitar
 * etiquetas" send `{ add: [id | name…] }` or `{ remove: [id…] }` (both at once are accepted).
 * The module's handler checks each row's edit scope and hands the rows in scope to `applyTags`.
 */

const refsOf = (value: unknown, names: boolean): TagRefs => {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.length > TAG_CHANGE_MAX)
    throw new RuleError('bulk.errors.value', {}, 'tags')
  return value.map((v) => {
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v
    if (typeof v === 'string' && /^\d{1,10}$/.test(v)) return Number(v)
    if (names && typeof v === 'string' && v.trim()) return v
    throw new RuleError('bulk.errors.value', {}, 'tags')
  })
}

/**
 * The action's value checked once, before any row: tag ids of the organization, new names
 * created (a name the organization already has is that tag). Returns `{ add, remove }` as ids.
 */
export async function prepareBulkTags(
  organizationId: number,
  params: Record<string, unknown>
): Promise<{ add: number[]; remove: number[] }> {
  const add = await resolveTagRefs(organizationId, refsOf(params.add, true))
  const remove = refsOf(params.remove, false) as number[]
  if (!add.length && !remove.length) throw new RuleError('bulk.errors.value', {}, 'tags')
  return { add, remove }
}

/** Adds/removes the prepared tags on the chunk's rows in scope; the others are skipped. */
export async function applyBulkTags(params: {
  organizationId: number
  actorId: number
  resource: string
  subjectType: string
  /** The chunk's ids and those of them within the user's edit scope. */
  ids: number[]
  inScope: number[]
  prepared: Record<string, unknown>
  trx: TransactionClientContract
}): Promise<BulkChunkResult> {
  const result = await changeTags({
    organizationId: params.organizationId,
    actorId: params.actorId,
    resource: params.resource,
    subjectType: params.subjectType,
    recordIds: params.inScope,
    add: (params.prepared.add as number[]) ?? [],
    remove: (params.prepared.remove as number[]) ?? [],
    trx: params.trx,
  })
  return {
    changed: result.changed.length,
    unchanged: result.unchanged.length,
    skipped: { scope: params.ids.length - params.inScope.length },
  }
}
