import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordsChanged } from '#app/support/cache'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction, isSqlite } from '#app/support/db'
import { LIKE_ESCAPE, likePattern } from '#app/support/like'
import { RuleError } from '#app/support/rule_error'
import {
  cleanTagName,
  defaultTagColor,
  isTagColor,
  tagDto,
  tagKey,
  type TagColor,
  type TagDto,
} from './types.js'
import { tagResourceKeys } from './record_access.js'

/*
 * An organization's tags (README, "Etiquetas / Tags"): one row per folded name, so "Cliente
 * VIP" and "cliente vip" are one tag. Anyone who may edit a record creates tags by typing a new
 * name; administrators rename, recolour and delete them (a deleted tag leaves every record).
 */

type Client = QueryClientContract | TransactionClientContract

/** Lists show tags and filter by them: their cached pages go once the change commits. */
async function taggablesChanged(organizationId: number, trx: TransactionClientContract) {
  for (const resource of await tagResourceKeys())
    await recordsChanged(organizationId, resource, trx)
}

export const TAGS = 'org_tags'
export const TAGGINGS = 'taggings'

/** The organization's tags by name, or those whose folded name contains `q` (autocomplete). */
export async function listTags(
  organizationId: number,
  options: { q?: string; limit?: number; client?: Client } = {}
): Promise<TagDto[]> {
  const query = (options.client ?? db)
    .from(TAGS)
    .where('organization_id', organizationId)
    .orderBy('name_key')
    .select('id', 'name', 'color')
  const q = options.q ? tagKey(options.q) : ''
  if (q) query.whereRaw(`name_key LIKE ? ${LIKE_ESCAPE}`, [likePattern(q)])
  if (options.limit) query.limit(options.limit)
  return (await query).map(tagDto)
}

/** These ids' tags of the organization (others' ids and unknown ones are left out). */
export async function tagsById(
  organizationId: number,
  ids: number[],
  client?: Client
): Promise<TagDto[]> {
  if (!ids.length) return []
  const rows = await (client ?? db)
    .from(TAGS)
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .orderBy('name_key')
    .select('id', 'name', 'color')
  return rows.map(tagDto)
}

/**
 * The tag of each name, created when the organization has none with its folded name
 * (idempotent: a name typed twice, or by two users at once, is one tag).
 */
export async function ensureTags(
  organizationId: number,
  names: string[],
  options: { trx?: TransactionClientContract } = {}
): Promise<TagDto[]> {
  const wanted = new Map<string, string>()
  for (const raw of names) {
    const name = checkedName(raw)
    const key = tagKey(name)
    if (!wanted.has(key)) wanted.set(key, name)
  }
  if (!wanted.size) return []
  return inTransaction(options.trx, async (trx) => {
    const found = async (locking = false) => {
      const query = trx
        .from(TAGS)
        .where('organization_id', organizationId)
        .whereIn('name_key', [...wanted.keys()])
        .select('id', 'name', 'color', 'name_key')
      // A locking read sees rows committed after this transaction's snapshot (InnoDB's
      // REPEATABLE READ would hide another request's new tag from a plain read).
      if (locking && !isSqlite(trx)) query.forUpdate()
      return query
    }
    const existing = new Set((await found()).map((r) => r.name_key as string))
    let raced = false
    const now = dbTimestamp()
    for (const [key, name] of wanted) {
      if (existing.has(key)) continue
      try {
        await trx.transaction(async (savepoint) => {
          await savepoint.table(TAGS).insert({
            organization_id: organizationId,
            name,
            name_key: key,
            color: defaultTagColor(key),
            created_at: now,
            updated_at: now,
          })
        })
      } catch (error) {
        // Another request created it meanwhile: the unique key kept one, read it below.
        if (!(await tagKeyTaken(trx, organizationId, key, 0, true))) throw error
        raced = true
      }
    }
    return (await found(raced)).map(tagDto)
  })
}

/** A name as stored; refused when empty or with a comma (exports join names with ", "). */
function checkedName(raw: string): string {
  const name = cleanTagName(raw)
  if (!name) throw new RuleError('tags.errors.name_required', {}, 'name')
  if (name.includes(',')) throw new RuleError('tags.errors.comma', {}, 'name')
  return name
}

async function tagKeyTaken(
  client: Client,
  organizationId: number,
  key: string,
  except = 0,
  locking = false
) {
  const query = client
    .from(TAGS)
    .where('organization_id', organizationId)
    .where('name_key', key)
    .whereNot('id', except)
  if (locking && !isSqlite(client)) query.forUpdate()
  return !!(await query.first())
}

/** Renames and/or recolours a tag (administrators). A name another tag folds to is refused. */
export async function updateTag(params: {
  organizationId: number
  tagId: number
  name?: string
  color?: string
  trx?: TransactionClientContract
}): Promise<TagDto | null> {
  const { organizationId, tagId } = params
  return inTransaction(params.trx, async (trx) => {
    const row = await trx
      .from(TAGS)
      .where('organization_id', organizationId)
      .where('id', tagId)
      .first()
    if (!row) return null
    const changes: Record<string, unknown> = {}
    if (params.name !== undefined) {
      const name = checkedName(params.name)
      const key = tagKey(name)
      if (await tagKeyTaken(trx, organizationId, key, tagId))
        throw new RuleError('tags.errors.name_taken', { name }, 'name')
      Object.assign(changes, { name, name_key: key })
    }
    if (params.color !== undefined) {
      if (!isTagColor(params.color)) throw new RuleError('tags.errors.color', {}, 'color')
      changes.color = params.color as TagColor
    }
    if (Object.keys(changes).length) {
      await trx
        .from(TAGS)
        .where('id', tagId)
        .update({ ...changes, updated_at: dbTimestamp() })
      await taggablesChanged(organizationId, trx)
    }
    return tagDto({ ...row, ...changes })
  })
}

/** Deletes a tag and takes it off every record (administrators). False when it is not theirs. */
export async function deleteTag(params: {
  organizationId: number
  tagId: number
  trx?: TransactionClientContract
}): Promise<boolean> {
  return inTransaction(params.trx, async (trx) => {
    const row = await trx
      .from(TAGS)
      .where('organization_id', params.organizationId)
      .where('id', params.tagId)
      .first()
    if (!row) return false
    await trx.from(TAGGINGS).where('tag_id', params.tagId).delete()
    await trx.from(TAGS).where('id', params.tagId).delete()
    await taggablesChanged(params.organizationId, trx)
    return true
  })
}

/** The organization's tags with how many records carry each (Administración › Etiquetas). */
export async function tagsWithUsage(organizationId: number) {
  const rows = await db
    .from(`${TAGS} as t`)
    .leftJoin(`${TAGGINGS} as tg`, 'tg.tag_id', 't.id')
    .where('t.organization_id', organizationId)
    .groupBy('t.id', 't.name', 't.color', 't.name_key')
    .orderBy('t.name_key')
    .select('t.id', 't.name', 't.color')
    .count('tg.id as uses')
  return rows.map((r) => ({ ...tagDto(r), uses: Number(r.uses) }))
}
