import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'

/** Inserts one row and returns its id on every dialect (MS SQL needs OUTPUT/RETURNING). */
export async function insertIdOf(
  client: QueryClientContract,
  table: string,
  row: Record<string, unknown>
): Promise<number> {
  const [result] = await client.table(table).returning('id').insert(row)
  return Number(
    typeof result === 'object' && result !== null ? (result as { id: number }).id : result
  )
}

/*
 * Bulk writes of an import's batch. A batch writes thousands of rows; through the query builder
 * each multi-row insert is compiled anew (identifiers wrapped per value, SQLite's
 * `INSERT … SELECT … UNION ALL`), which cost about as much CPU as running it. On SQLite and
 * MySQL/MariaDB these write plain `INSERT … VALUES (…), (…)` with SQL text built once per
 * shape. Statements come in few shapes — full chunks, then the rest split in powers of two —
 * so SQLite's prepared statements (app/support/sqlite_statements.ts) are reused instead of
 * piling up one per row count. Other dialects keep the query builder.
 */

/** Rows per statement: within SQLite's bound-variable limit (32,766) and MS SQL's 1,000 rows. */
const MAX_VARIABLES = 4000
const MAX_ROWS = 512

type Dialect = 'sqlite' | 'mysql' | null

function dialectOf(client: QueryClientContract): Dialect {
  const name = client.dialect.name
  if (name === 'better-sqlite3' || name === 'sqlite3' || name === 'libsql') return 'sqlite'
  if (name === 'mysql') return 'mysql'
  return null
}

/** Statement sizes for `count` rows: full chunks of `max`, then powers of two. */
export function chunkSizes(count: number, max: number): number[] {
  const sizes: number[] = []
  let left = count
  while (left >= max) {
    sizes.push(max)
    left -= max
  }
  for (let size = 1 << Math.floor(Math.log2(Math.max(1, max))); left > 0; size >>= 1)
    if (left >= size) {
      sizes.push(size)
      left -= size
    }
  return sizes
}

const texts = new Map<string, string>()

function insertText(dialect: 'sqlite' | 'mysql', table: string, columns: string[], rows: number) {
  const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${rows}`
  let sql = texts.get(key)
  if (sql === undefined) {
    const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const tuple = `(${columns.map(() => '?').join(', ')})`
    sql = `insert into ${q(table)} (${columns.map(q).join(', ')}) values ${Array(rows).fill(tuple).join(', ')}`
    if (texts.size >= 500) texts.delete(texts.keys().next().value!)
    texts.set(key, sql)
  }
  return sql
}

/** One statement's rows and the id the database reported (SQLite: the last; MySQL: the first). */
export interface InsertedChunk {
  count: number
  reportedId: number
}

/**
 * Inserts rows (the same columns in every row) in multi-row statements, in order. Returns each
 * statement's row count and reported id (none on other dialects, which keep the query builder).
 */
export async function insertRows(
  client: QueryClientContract,
  table: string,
  rows: Record<string, unknown>[]
): Promise<InsertedChunk[]> {
  if (!rows.length) return []
  const columns = Object.keys(rows[0])
  const dialect = dialectOf(client)
  // Rows with other keys (a column left to its default) go through the query builder.
  const uniform = rows.every(
    (r) => Object.keys(r).length === columns.length && columns.every((c) => c in r)
  )
  const max = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / columns.length)))
  const chunks: InsertedChunk[] = []
  let at = 0
  for (const size of chunkSizes(rows.length, max)) {
    const slice = rows.slice(at, at + size)
    at += size
    if (!dialect || !uniform) {
      const [reported] = (await client.table(table).multiInsert(slice)) as unknown as number[]
      chunks.push({ count: size, reportedId: Number(reported) })
      continue
    }
    const bindings: StrictValues[] = new Array(size * columns.length)
    let b = 0
    for (const row of slice)
      for (const c of columns) bindings[b++] = (row[c] ?? null) as StrictValues
    const result: any = await client.rawQuery(insertText(dialect, table, columns, size), bindings)
    const reported = dialect === 'mysql' ? result[0].insertId : result.lastInsertRowid
    chunks.push({ count: size, reportedId: Number(reported) })
  }
  return chunks
}

/**
 * Inserts rows and returns their ids in order. A multi-row INSERT takes consecutive ids on
 * SQLite (it holds the write lock) and on MySQL/MariaDB under their default auto-increment lock
 * modes: the ids are worked out from the one reported, then checked against `check` (a column
 * whose values are mostly unique within the rows); on any doubt the rows are looked up by that
 * column (rows sharing a value take the newest ids holding it, in order).
 * Other dialects say the ids themselves (RETURNING/OUTPUT).
 */
export async function insertRowsIds(
  client: QueryClientContract,
  table: string,
  rows: Record<string, unknown>[],
  check: string
): Promise<number[]> {
  if (!rows.length) return []
  const dialect = dialectOf(client)
  if (!dialect) {
    const result = await client.table(table).returning('id').multiInsert(rows)
    return result.map((r: any) => Number(typeof r === 'object' ? r.id : r))
  }
  const chunks = await insertRows(client, table, rows)
  const first = (c: InsertedChunk) =>
    dialect === 'sqlite' ? c.reportedId - c.count + 1 : c.reportedId
  const low = first(chunks[0])
  const high = first(chunks[chunks.length - 1]) + chunks[chunks.length - 1].count - 1
  const found =
    high - low + 1 === rows.length
      ? await client.from(table).whereBetween('id', [low, high]).orderBy('id').select('id', check)
      : []
  if (found.length === rows.length && found.every((r, k) => r[check] === rows[k][check]))
    return found.map((r) => Number(r.id))
  // The newest rows holding each value (as many as the batch has), oldest first.
  const wanted = new Map<unknown, number>()
  for (const r of rows) wanted.set(r[check], (wanted.get(r[check]) ?? 0) + 1)
  const byValue = new Map<unknown, number[]>()
  const values = [...wanted.keys()] as string[]
  const organizationId = rows[0].organization_id
  for (let i = 0; i < values.length; i += 500) {
    const query = client.from(table).whereIn(check, values.slice(i, i + 500))
    if (organizationId !== undefined) query.where('organization_id', organizationId as number)
    for (const r of await query.orderBy('id', 'desc').select('id', check)) {
      const ids = byValue.get(r[check]) ?? []
      if (ids.length < wanted.get(r[check])!) ids.unshift(Number(r.id))
      byValue.set(r[check], ids)
    }
  }
  return rows.map((r) => byValue.get(r[check])!.shift()!)
}

/**
 * An IN list padded (its last value repeated) to a power of two: SQLite then prepares a few
 * statement shapes per lookup instead of one per list length.
 */
export function paddedIn<T>(values: T[]): T[] {
  if (values.length < 2) return values
  const size = 1 << Math.ceil(Math.log2(values.length))
  if (size === values.length) return values
  const padded = values.slice()
  while (padded.length < size) padded.push(values[values.length - 1])
  return padded
}
