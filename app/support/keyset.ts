import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { cachedCount } from '#app/support/cache'

/**
 * Keyset (cursor) pagination over (sort column, id). The cursor is opaque to the client:
 * base64url JSON of the last row's sort value and id. No OFFSET, so page 500 costs the same as
 * page 1.
 */
export interface KeysetOptions {
  /** Qualified sort column, e.g. `c.name`. */
  column: string
  /** Qualified id column used to break ties, e.g. `c.id`. */
  idColumn: string
  direction: 'asc' | 'desc'
  limit: number
  /** Rows after this cursor (the "next" link). */
  cursor?: string | null
  /** Rows before this cursor (the "previous" link); wins over `cursor` when both are given. */
  before?: string | null
}

export interface KeysetPage<Row> {
  rows: Row[]
  /** Cursor of the next page, or null on the last page. */
  next: string | null
  /** Cursor (a `before`) of the previous page, or null on the first page. */
  prev: string | null
  /**
   * How many rows come before this page, for "26–50 of 300". Carried in the cursors, so it
   * costs no COUNT; rows added or removed meanwhile can shift it, and it is exact again at
   * the first page.
   */
  offset: number
}

export interface Cursor {
  v: string | number | null
  id: number
  /** Rows before the cursor's row (its position), for the range shown. */
  n?: number
}

export function encodeCursor(value: string | number | null, id: number, position?: number): string {
  const cursor: Cursor = position === undefined ? { v: value, id } : { v: value, id, n: position }
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

export function decodeCursor(cursor: string | null | undefined): Cursor | null {
  if (!cursor || cursor.length > 1000) return null
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof parsed?.id !== 'number' || !('v' in parsed)) return null
    if (parsed.v !== null && !['string', 'number'].includes(typeof parsed.v)) return null
    if (parsed.n !== undefined && !(Number.isInteger(parsed.n) && parsed.n >= 0)) return null
    return parsed
  } catch {
    return null
  }
}

/**
 * The cursor condition of a keyset read in `direction` over (column, id): rows strictly after
 * the cursor's (value, id) in that direction.
 */
export function seekAfter(
  query: DatabaseQueryBuilderContract<any>,
  column: string,
  idColumn: string,
  direction: 'asc' | 'desc',
  cursor: Cursor
) {
  const op = direction === 'asc' ? '>' : '<'
  // Redundant on purpose: without a plain range on the sort column, SQLite (and others) read
  // the OR below as a filter and scan every earlier row of the index, so page 500 cost ~40×
  // page 1 on 100k rows (bench/run.mjs). With it the index seeks straight to the cursor.
  if (cursor.v !== null) query.where(column, direction === 'asc' ? '>=' : '<=', cursor.v as any)
  query.where((w) => {
    w.where(column, op, cursor.v as any).orWhere((eq) => {
      eq.where(column, cursor.v as any).where(idColumn, op, cursor.id)
    })
  })
}

/**
 * Turns the rows read (at most `limit + 1`, in reading order) into a page: its rows in list
 * order, the cursors either way and its position. `at` gives a row's cursor (value, id).
 */
export function pageOf<Row>(
  rows: Row[],
  read: { limit: number; backwards: boolean; cursor: Cursor | null },
  at: (row: Row) => [string | number | null, number]
): KeysetPage<Row> {
  const { limit, backwards, cursor } = read
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  if (backwards) page.reverse()
  const first = page[0]
  const last = page[page.length - 1]
  // Backwards, the start is known when the rows ran out: page 1, whatever the cursor said.
  const offset = backwards
    ? more
      ? Math.max(0, (cursor!.n ?? page.length) - page.length)
      : 0
    : (cursor?.n ?? 0)
  const encode = (row: Row, position: number) => encodeCursor(...at(row), position)
  const hasPrev = backwards ? more : cursor !== null
  const hasNext = backwards ? true : more
  return {
    rows: page,
    next: hasNext && last ? encode(last, offset + page.length) : null,
    prev: hasPrev && first ? encode(first, offset) : null,
    offset,
  }
}

/**
 * Applies order, limit and the cursor condition, runs the query and returns one page.
 * `sortValue` reads the sort value back from a row (it must be selected). Rows whose sort value
 * is NULL sort as the empty string, so the column should be NOT NULL or wrapped by the caller.
 * With `before`, the rows just before that cursor are read in reverse order and turned round:
 * the previous page, without OFFSET either.
 */
export async function keysetPage<Row extends Record<string, any>>(
  query: DatabaseQueryBuilderContract<any>,
  options: KeysetOptions,
  sortValue: (row: Row) => string | number | null,
  idValue: (row: Row) => number = (row) => Number(row.id)
): Promise<KeysetPage<Row>> {
  const before = decodeCursor(options.before)
  const cursor = before ?? decodeCursor(options.cursor)
  const backwards = before !== null
  // Reading backwards flips the direction of both the condition and the order.
  const direction = (options.direction === 'asc') !== backwards ? 'asc' : 'desc'
  if (cursor) seekAfter(query, options.column, options.idColumn, direction, cursor)
  query
    .orderBy(options.column, direction)
    .orderBy(options.idColumn, direction)
    .limit(options.limit + 1)
  const rows = (await query) as Row[]
  return pageOf(rows, { limit: options.limit, backwards, cursor }, (row) => [
    sortValue(row),
    idValue(row),
  ])
}

/** Default cap for list counts: lists show "10.000+" beyond it until the user asks. */
export const COUNT_CAP = 10_000

export interface CappedCount {
  value: number
  capped: boolean
}

/**
 * Counts the rows of a filtered query without scanning past `cap` (SELECT COUNT(*) FROM
 * (… LIMIT cap+1)). With `exact`, counts everything — only on the user's request.
 * With `cached`, the count comes from the shared cache, keyed by the query (scope and filters
 * included) under the version of the resource's rows (app/support/cache.ts, `recordsChanged`),
 * which every write of any row the query reads must replace. Never for a query inside a
 * transaction (it may see changes not yet committed).
 */
export async function cappedCount(
  query: DatabaseQueryBuilderContract<any>,
  options: {
    cap?: number
    exact?: boolean
    cached?: { organizationId: number; resource: string }
  } = {}
): Promise<CappedCount> {
  const cap = options.cap ?? COUNT_CAP
  const inner = query.clearSelect().clearOrder().select(query.client.raw('1 as one'))
  if (!options.exact) inner.limit(cap + 1)
  const outer = query.client.query().from(inner.as('capped')).count('* as total')
  const count = async () => {
    const row = await outer.first()
    return Number(row?.total ?? 0)
  }
  const { cached } = options
  let total: number
  if (cached) {
    const { sql, bindings } = outer.toSQL()
    const key = `${sql} ${JSON.stringify(bindings)}`
    total = await cachedCount(cached.organizationId, cached.resource, key, count)
  } else {
    total = await count()
  }
  return options.exact || total <= cap
    ? { value: total, capped: false }
    : { value: cap, capped: true }
}
