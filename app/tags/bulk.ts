import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BulkChunkResult } from '#app/registry/types'
import { RuleError } from '#app/support/rule_error'
import { resolveTagRefs } from './record_tags.js'
import { changeTags } from './taggings.js'
import { TAG_CHANGE_MAX } from './types.js'

/*
 * The bulk action `tags` (app/bulk) with the tags service: "Añadir etiquetas" and "Quitar
 * etiquetas" send `{ add: [id…], create: [name…] }` or `{ remove: [id…] }` (all at once are
 * accepted). Ids are JSON numbers and names strings, never one read as the other.
 * The module's handler checks each row's edit scope and hands the rows in scope to `applyTags`.
 */

const listOf = <T>(value: unknown, item: (v: unknown) => v is T): T[] => {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.length > TAG_CHANGE_MAX || !value.every(item))
    throw new RuleError('bulk.errors.value', {}, 'tags')
  return value
}
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0
const isName = (v: unknown): v is string => typeof v === 'string' && !!v.trim()

/**
 * The action's value checked once, before any row: tag ids of the organization, new names
 * created (a name the organization already has is that tag). Returns `{ add, remove }` as ids.
 */
export async function prepareBulkTags(
  organizationId: number,
  params: Record<string, unknown>
): Promise<{ add: number[]; remove: number[] }> {
  const add = await resolveTagRefs(organizationId, {
    ids: listOf(params.add, isId),
    names: listOf(params.create, isName),
  })
  const remove = listOf(params.remove, isId)
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
