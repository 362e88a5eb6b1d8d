import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { recordHistoryMany } from '#app/history/record_history'
import { recordsChanged } from '#app/support/cache'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { TAGGINGS, TAGS, tagsById } from './tags.js'
import { tagDto, type TagDto } from './types.js'

/*
 * Tags on records: a row per (resource, record, tag). Adding and removing write the record's
 * history through the one history writer (audit `update` of the field `tags`, timeline
 * `updated`: "Etiquetas: Frío → VIP"), in the caller's transaction.
 */

type Client = QueryClientContract | TransactionClientContract

/** What changed on the records of one call. */
export interface TagChangeResult {
  /** Records whose tags changed. */
  changed: number[]
  /** Records that already were as asked. */
  unchanged: number[]
}

/** The tags of each record (one query for a whole page): record id → tags by name. */
export async function tagsOfRecords(
  organizationId: number,
  resource: string,
  recordIds: number[],
  client?: Client
): Promise<Map<number, TagDto[]>> {
  const found = new Map<number, TagDto[]>()
  if (!recordIds.length) return found
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await (client ?? db)
      .from(`${TAGGINGS} as tg`)
      .join(`${TAGS} as t`, 't.id', 'tg.tag_id')
      // The organization on the tag, not on taggings: with `tg.organization_id = ?` SQLite's
      // planner picks that index and reads every tagging of the organization.
      .where('t.organization_id', organizationId)
      .where('tg.resource', resource)
      .whereIn('tg.record_id', recordIds.slice(i, i + 500))
      .orderBy('t.name_key')
      .select('tg.record_id', 't.id', 't.name', 't.color')
    for (const row of rows) {
      const id = Number(row.record_id)
      found.set(id, [...(found.get(id) ?? []), tagDto(row)])
    }
  }
  return found
}

/** The tags of each record as one cell of an export: "Frío, VIP" (records without: absent). */
export async function tagCells(
  organizationId: number,
  resource: string,
  recordIds: number[],
  client?: Client
): Promise<Map<number, string>> {
  const tags = await tagsOfRecords(organizationId, resource, recordIds, client)
  return new Map([...tags].map(([id, list]) => [id, list.map((t) => t.name).join(', ')]))
}

/** One record's tags. */
export async function tagsOfRecord(
  organizationId: number,
  resource: string,
  recordId: number,
  client?: Client
): Promise<TagDto[]> {
  return (await tagsOfRecords(organizationId, resource, [recordId], client)).get(recordId) ?? []
}

/**
 * Narrows a list's query to records carrying any of `tagIds`, inside the same SQL (a correlated
 * EXISTS read from the `taggings_record` index), so keyset paging and counts see it.
 */
export function whereTagged(
  query: DatabaseQueryBuilderContract<any>,
  params: { organizationId: number; resource: string; idColumn: string; tagIds: number[] }
) {
  if (!params.tagIds.length) return query
  return query.whereExists((sub) => {
    sub
      .from(`${TAGGINGS} as tgf`)
      .where('tgf.resource', params.resource)
      .whereRaw('tgf.record_id = ??', [params.idColumn])
      // No organization condition here: the records are the organization's and a tag is only
      // ever put on them by id of the organization (changeTags). With one, MariaDB materialises
      // the subquery through the organization index instead of `taggings_tag`.
      .whereIn('tgf.tag_id', params.tagIds)
      .select(db.raw('1'))
  })
}

/** The tags' names of a snapshot: "Frío, VIP" (null for none), as history compares them. */
const snapshotOf = (tags: TagDto[]) =>
  tags.length
    ? tags
        .map((t) => t.name)
        .sort((a, b) => a.localeCompare(b))
        .join(', ')
    : null

/**
 * Adds `add` and removes `remove` (tag ids of the organization; others are ignored) on each of
 * `recordIds`, which the caller has checked the user may edit. Writes history for the records
 * that changed, in the caller's transaction (or one of its own).
 */
export async function changeTags(params: {
  organizationId: number
  actorId: number | null
  resource: string
  /** Audit/timeline subject type of the records (`crm.company`). */
  subjectType: string
  recordIds: number[]
  add?: number[]
  remove?: number[]
  trx?: TransactionClientContract
  /** False when the caller writes the history itself (an import writes its own). */
  history?: boolean
}): Promise<TagChangeResult> {
  const { organizationId, resource } = params
  return inTransaction(params.trx, async (trx) => {
    const known = await tagsById(
      organizationId,
      [...new Set([...(params.add ?? []), ...(params.remove ?? [])])],
      trx
    )
    const byId = new Map(known.map((t) => [t.id, t]))
    const remove = new Set((params.remove ?? []).filter((id) => byId.has(id)))
    // A tag both added and removed is removed: the later intention wins on the page.
    const add = [...new Set(params.add ?? [])].filter((id) => byId.has(id) && !remove.has(id))
    const recordIds = [...new Set(params.recordIds)]
    const result: TagChangeResult = { changed: [], unchanged: [] }
    if (!recordIds.length) return result
    const current = await tagsOfRecords(organizationId, resource, recordIds, trx)
    const inserts: Record<string, unknown>[] = []
    const deletes: number[] = []
    const history = []
    const now = dbTimestamp()
    for (const recordId of recordIds) {
      const before = current.get(recordId) ?? []
      const has = new Set(before.map((t) => t.id))
      const adding = add.filter((id) => !has.has(id))
      const removing = [...remove].filter((id) => has.has(id))
      if (!adding.length && !removing.length) {
        result.unchanged.push(recordId)
        continue
      }
      result.changed.push(recordId)
      for (const tagId of adding)
        inserts.push({
          organization_id: organizationId,
          resource,
          record_id: recordId,
          tag_id: tagId,
          created_by: params.actorId,
          created_at: now,
        })
      if (removing.length) deletes.push(recordId)
      const after = [
        ...before.filter((t) => !remove.has(t.id)),
        ...adding.map((id) => byId.get(id)!),
      ]
      history.push({
        subjectId: recordId,
        action: 'update' as const,
        kind: 'updated',
        before: { tags: snapshotOf(before) },
        after: { tags: snapshotOf(after) },
      })
    }
    for (let i = 0; i < deletes.length; i += 500)
      await trx
        .from(TAGGINGS)
        .where('resource', resource)
        .whereIn('record_id', deletes.slice(i, i + 500))
        .whereIn('tag_id', [...remove])
        .delete()
    await insertTaggings(trx, inserts)
    if (params.history !== false)
      await recordHistoryMany(
        trx,
        { organizationId, actorId: params.actorId, subjectType: params.subjectType },
        history
      )
    // Cached list pages show the tags and filter by them.
    if (result.changed.length) await recordsChanged(organizationId, resource, trx)
    return result
  })
}

/**
 * Inserts taggings, skipping those already there: the record's tags were read before, and a
 * concurrent request adding the same tag must not turn the unique key `taggings_record` into a
 * 500 (ON CONFLICT DO NOTHING on SQLite, INSERT IGNORE on MySQL/MariaDB).
 */
export async function insertTaggings(client: Client, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await client
      .knexQuery()
      .table(TAGGINGS)
      .insert(rows.slice(i, i + 500))
      .onConflict(['resource', 'record_id', 'tag_id'])
      .ignore()
}

/** Takes every tag off a record for good (its purge). */
export async function deleteRecordTaggings(
  trx: TransactionClientContract,
  organizationId: number,
  resource: string,
  recordId: number
) {
  await trx
    .from(TAGGINGS)
    .where('organization_id', organizationId)
    .where('resource', resource)
    .where('record_id', recordId)
    .delete()
}
