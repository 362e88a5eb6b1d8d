import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { dateOnly } from '#app/settings/currencies'
import { decodeCursor, pageOf, seekAfter, type KeysetPage } from '#app/support/keyset'
import { customFields } from './definitions.js'
import { VALUES_TABLE } from './values.js'
import { valueColumn, type CustomField, type FieldType } from './types.js'

/*
 * Lists sort by a custom field with `sort=cf_<key>` (ascending) or `sort=-cf_<key>`
 * (descending), beside the built-in `name` / `-name` / `-created`.
 *
 * The order is a chain of segments, each read by keyset through an index, so no page needs a
 * sort of the whole list and a NULL never meets a keyset comparison:
 *   1. records with a value, by (value, record) — a join on `custom_field_values` read along
 *      its (field_id, value_x, record_id) index;
 *      a list field instead gets one segment per choice, in the administrator's order, and a
 *      user field one per user, by name (each `field_id = ? AND value = ?`, by record: the
 *      same index); then one for values no longer among them (a removed choice), by value;
 *   2. records without a value, by id (`id NOT IN (…)`).
 * Empty values come last ascending and first descending: descending is the exact reverse of
 * ascending, so "previous" and "next" are mirror images, as with the built-in sorts (whose
 * columns are never empty). The cursor holds the row's value (a choice's code or a user's id
 * for those segments, null for the empty one) and its id.
 */

/** Types a list can sort by: long text is not indexed, a multi-list has many values a record. */
const SORTABLE: FieldType[] = ['text', 'number', 'money', 'date', 'boolean', 'list', 'user']

/** Whether a list can sort by this field. (A link sorts as its URL, of no use to a reader.) */
export const sortable = (f: CustomField) => SORTABLE.includes(f.type)

/** A custom-field sort: `cf_<key>` or `-cf_<key>`. */
export interface CustomSort {
  key: string
  direction: 'asc' | 'desc'
}

const SORT = /^(-?)cf_([a-z0-9_]{1,40})$/

/** The custom-field sort a `sort` parameter names, if it is one (field not checked). */
export function customSortOf(sort: unknown): CustomSort | null {
  const match = typeof sort === 'string' ? SORT.exec(sort) : null
  return match ? { key: match[2], direction: match[1] ? 'desc' : 'asc' } : null
}

/**
 * The `sort` parameter when it names a custom field a list may sort by (active, shown in the
 * list, of a sortable type), else null: the list then falls back to its default order.
 */
export async function listedCustomSort(
  organizationId: number,
  resource: string,
  sort: unknown
): Promise<string | null> {
  const wanted = customSortOf(sort)
  if (!wanted) return null
  const fields = await customFields(organizationId, resource)
  const field = fields.find((f) => f.key === wanted.key && f.showInList && sortable(f))
  return field ? (sort as string) : null
}

type Query = DatabaseQueryBuilderContract<any>

/** The (field_id, value, record_id) index of each typed column (migration 0029). */
const INDEXES: Record<string, string> = {
  value_text: 'cfv_field_text',
  value_number: 'cfv_field_number',
  value_date: 'cfv_field_date',
}
type SortValue = string | number | null

interface Segment {
  /** Narrows the query to the segment's rows (and selects their sort value as `cf_sort`). */
  apply: (query: Query) => void
  /** Column ordered by before the id, or null (ordered by id alone). */
  column: string | null
  /** Column of the record's id the segment orders by last. */
  idColumn: string
  /** The cursor value of one of its rows. */
  value: (row: Record<string, any>) => SortValue
  /** Whether a cursor's value points into it. */
  holds: (value: SortValue) => boolean
}

async function segmentsFor(
  organizationId: number,
  field: CustomField,
  idColumn: string
): Promise<Segment[]> {
  const column = valueColumn(field.type)
  const sortColumn = `cfs.${column}`
  const withValue = (query: Query) => {
    // MariaDB's optimizer may take the (field, record, text) unique index on a small table and
    // sort afterwards; the hint keeps the read in index order whatever the statistics say
    // (SQLite picks it by itself: tests/…/custom_fields_sort.spec.ts checks both plans).
    if (query.client.dialect.name === 'mysql')
      query.joinRaw(
        `join ${VALUES_TABLE} as cfs force index (${INDEXES[column]}) on cfs.record_id = ${idColumn}`
      )
    else query.join(`${VALUES_TABLE} as cfs`, 'cfs.record_id', idColumn)
    return query.where('cfs.field_id', field.id).whereNotNull(sortColumn)
  }
  const read = (v: unknown): SortValue =>
    v === null || v === undefined
      ? null
      : field.type === 'date'
        ? dateOnly(v)
        : typeof v === 'number'
          ? v
          : String(v)
  const empty: Segment = {
    apply: (query) =>
      query.whereNotIn(
        idColumn,
        db.from(VALUES_TABLE).where('field_id', field.id).whereNotNull(column).select('record_id')
      ),
    column: null,
    idColumn,
    value: () => null,
    holds: (v) => v === null,
  }
  // Choices in the administrator's order (inactive ones too: records may still hold them);
  // users by name. Codes are text and user ids numbers, as the column returns them.
  let tags: SortValue[] | null = null
  if (field.type === 'list') tags = (field.options.choices ?? []).map((c) => c.code)
  if (field.type === 'user')
    tags = (
      await db
        .from('users')
        .where('organization_id', organizationId)
        // Only the users some record holds (read by the field's value index), not every user.
        .whereIn(
          'id',
          db.from(VALUES_TABLE).where('field_id', field.id).whereNotNull(column).select(column)
        )
        .orderBy('full_name')
        .orderBy('id')
        .select('id')
    ).map((u) => Number(u.id))
  if (!tags)
    return [
      {
        apply: (query) => withValue(query).select(`${sortColumn} as cf_sort`),
        column: sortColumn,
        idColumn: 'cfs.record_id',
        value: (row) => read(row.cf_sort),
        holds: (v) => v !== null,
      },
      empty,
    ]
  const known = new Set(tags)
  const tagged = tags.map((tag): Segment => ({
    apply: (query) => withValue(query).where(sortColumn, tag as any),
    column: null,
    idColumn: 'cfs.record_id',
    value: () => tag,
    holds: (v) => v === tag,
  }))
  const others: Segment = {
    apply: (query) =>
      (known.size
        ? withValue(query).whereNotIn(sortColumn, [...known] as any[])
        : withValue(query)
      ).select(`${sortColumn} as cf_sort`),
    column: sortColumn,
    idColumn: 'cfs.record_id',
    value: (row) => read(row.cf_sort),
    holds: (v) => v !== null && !known.has(v),
  }
  // Values outside the known tags (a choice since removed, a user since deleted) always have
  // their segment, even when no tag is left, so no record drops out of the list.
  return [...tagged, others, empty]
}

/**
 * One page of a list sorted by a custom field (see above), either way. `build` returns the
 * list's filtered, scoped query with its columns selected (wrapped: a query builder is
 * thenable); it is called once per segment read. `idColumn` is the records' id, e.g. `c.id`,
 * selected as `id`. A field not (or no longer) sortable orders by id alone.
 */
export async function customSortPage<Row extends Record<string, any>>(
  build: () => Promise<{ query: Query }>,
  params: {
    organizationId: number
    resource: string
    idColumn: string
    sort: CustomSort
    limit: number
    cursor?: string | null
    before?: string | null
  }
): Promise<KeysetPage<Row>> {
  const field = (await customFields(params.organizationId, params.resource)).find(
    (f) => f.key === params.sort.key && sortable(f)
  )
  const segments: Segment[] = field
    ? await segmentsFor(params.organizationId, field, params.idColumn)
    : [
        {
          apply: () => {},
          column: null,
          idColumn: params.idColumn,
          value: () => null,
          holds: () => true,
        },
      ]
  const before = decodeCursor(params.before)
  let cursor = before ?? decodeCursor(params.cursor)
  const backwards = before !== null
  const direction = (params.sort.direction === 'asc') !== backwards ? 'asc' : 'desc'
  const order = direction === 'asc' ? segments : [...segments].reverse()
  let start = cursor ? order.findIndex((s) => s.holds(cursor!.v)) : 0
  // A cursor pointing nowhere (a choice since removed from the field): from the start.
  if (start < 0) [start, cursor] = [0, null]
  const rows: Row[] = []
  const values: SortValue[] = []
  for (let i = start; i < order.length && rows.length <= params.limit; i++) {
    const segment = order[i]
    const { query } = await build()
    segment.apply(query)
    if (i === start && cursor) {
      if (segment.column) seekAfter(query, segment.column, segment.idColumn, direction, cursor)
      else query.where(segment.idColumn, direction === 'asc' ? '>' : '<', cursor.id)
    }
    if (segment.column) query.orderBy(segment.column, direction)
    query.orderBy(segment.idColumn, direction).limit(params.limit + 1 - rows.length)
    for (const row of (await query) as Row[]) {
      rows.push(row)
      values.push(segment.value(row))
    }
  }
  const valueOf = new Map(rows.map((row, i) => [row, values[i]]))
  return pageOf(rows, { limit: params.limit, backwards, cursor }, (row) => [
    valueOf.get(row)!,
    Number(row.id),
  ])
}
