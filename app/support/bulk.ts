import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'

/*
 * Bulk writes (an import's batch, its history and search documents). Through the query builder
 * each multi-row insert is compiled anew (identifiers wrapped per value, SQLite's
 * `INSERT … SELECT … UNION ALL`), which cost about as much CPU as running it. On SQLite and
 * MySQL/MariaDB rows of plain values go in plain `INSERT … VALUES (…), (…)` with SQL text built
 * once per shape:
 * - SQLite: statements come in few shapes — full chunks, then the rest in powers of two —
 *   so its prepared statements (app/support/sqlite_statements.ts) are reused instead of piling
 *   up one per row count;
 * - MySQL/MariaDB: as few statements as fit (each is a round trip to the server).
 * Other dialects (MS SQL: 2,100 parameters and 1,000 rows a statement) keep the query builder.
 */

export type Dialect = 'sqlite' | 'mysql' | null

interface Limits {
  variables: number
  rows: number
}

/**
 * Per statement. SQLite: a prepared 150-row INSERT holds about 0.3 MB, so they stay modest;
 * its compound SELECT (the builder's form) takes at most 500 rows. MySQL: 500 rows keep even
 * an import's longest lines (5,000-character descriptions, four bytes a character) under the
 * default max_allowed_packet of 16 MB.
 */
const LIMITS: Record<'sqlite' | 'mysql' | 'other', Limits> = {
  sqlite: { variables: 4000, rows: 500 },
  mysql: { variables: 20000, rows: 500 },
  other: { variables: 2000, rows: 1000 },
}

export function dialectOf(client: QueryClientContract): Dialect {
  const name = client.dialect.name
  if (name === 'better-sqlite3' || name === 'sqlite3' || name === 'libsql') return 'sqlite'
  if (name === 'mysql') return 'mysql'
  return null
}

/** Under this many rows the rest goes in one statement (a few small shapes cost little). */
const SMALL = 128

/**
 * Statement sizes for `count` rows: full chunks of `max`, then powers of two down to 128, then
 * the rest in one (a request's few history rows take one statement, not one per power).
 */
export function chunkSizes(count: number, max: number): number[] {
  const sizes: number[] = []
  let left = count
  while (left >= max) {
    sizes.push(max)
    left -= max
  }
  for (let size = 1 << Math.floor(Math.log2(Math.max(1, max))); left > 0; size >>= 1) {
    if (left < SMALL) {
      sizes.push(left)
      break
    }
    if (left >= size) {
      sizes.push(size)
      left -= size
    }
  }
  return sizes
}

/** Statement sizes per dialect: SQLite's few shapes (above), elsewhere full chunks and the rest. */
export function statementSizes(dialect: Dialect, count: number, max: number): number[] {
  if (dialect === 'sqlite') return chunkSizes(count, max)
  const sizes: number[] = []
  for (let left = count; left > 0; left -= max) sizes.push(Math.min(max, left))
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

/** A value the drivers bind as it is (objects, arrays and undefined go through the builder). */
function plain(value: unknown): boolean {
  const type = typeof value
  return (
    value === null ||
    type === 'string' ||
    type === 'number' ||
    type === 'boolean' ||
    type === 'bigint' ||
    value instanceof Date
  )
}

/** Whether every row has exactly these columns, each holding a plain value. */
function uniform(rows: Record<string, unknown>[], columns: string[]): boolean {
  for (const row of rows) {
    let keys = 0
    for (const key in row) {
      keys++
      if (!plain(row[key])) return false
    }
    if (keys !== columns.length) return false
    for (const c of columns) if (!(c in row)) return false
  }
  return true
}

/** One statement's rows and the id the database reported (SQLite: the last; MySQL: the first). */
export interface InsertedChunk {
  count: number
  reportedId: number
}

/** Runs one statement on the driver's connection; resolves to the id the database reported. */
type DirectRun = (sql: string, bindings: unknown[]) => number | Promise<number>

/**
 * The driver connection of a transaction on SQLite or MySQL/MariaDB, to run a bulk statement
 * without knex: its binding formatter walks the whole text of a 4,000-parameter INSERT, value
 * by value, on every run (on SQLite about as much CPU as inserting the rows). Null outside a
 * transaction, with query debugging on, or on other dialects: those go through the builder.
 * Each statement is still reported as a knex `query` event (tests count statements that way).
 */
async function directRun(client: QueryClientContract): Promise<DirectRun | null> {
  const dialect = dialectOf(client)
  const transactor = (client as { knexClient?: { client?: any; isCompleted?: () => boolean } })
    .knexClient
  if (!dialect || !client.isTransaction || client.debug || transactor?.isCompleted?.()) return null
  const knexClient = transactor?.client
  if (typeof knexClient?.acquireConnection !== 'function') return null
  const connection = await knexClient.acquireConnection()
  const report = (sql: string, bindings: unknown[]) =>
    knexClient.emit('query', { sql, bindings, __knexTxId: connection.__knexTxId })
  if (dialect === 'sqlite') {
    if (typeof connection?.prepare !== 'function') return null
    return (sql, bindings) => {
      report(sql, bindings)
      for (let i = 0; i < bindings.length; i++) bindings[i] = sqliteValue(bindings[i])
      return Number(connection.prepare(sql).run(bindings).lastInsertRowid)
    }
  }
  if (typeof connection?.query !== 'function') return null
  return (sql, bindings) => {
    report(sql, bindings)
    return new Promise<number>((resolve, reject) =>
      connection.query({ sql }, bindings, (error: Error | null, result: { insertId: number }) =>
        error ? reject(error) : resolve(Number(result.insertId))
      )
    )
  }
}

/** A value as knex's better-sqlite3 client binds it (dates as milliseconds, booleans as 0/1). */
function sqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.valueOf()
  return value
}

/**
 * Inserts rows in multi-row statements, in order, in the caller's transaction or connection.
 * Returns each statement's row count and reported id (none on dialects using the builder).
 * Rows whose columns differ (a column left to its default) go through the query builder.
 */
export async function insertRows(
  client: QueryClientContract,
  table: string,
  rows: Record<string, unknown>[]
): Promise<InsertedChunk[]> {
  if (!rows.length) return []
  let columns = Object.keys(rows[0])
  let dialect = dialectOf(client)
  if (dialect && !uniform(rows, columns)) {
    dialect = null
    columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  }
  const limits = LIMITS[dialectOf(client) ?? 'other']
  const max = Math.max(1, Math.min(limits.rows, Math.floor(limits.variables / columns.length)))
  const chunks: InsertedChunk[] = []
  const direct = dialect ? await directRun(client) : null
  let at = 0
  for (const size of statementSizes(dialect, rows.length, max)) {
    const slice = rows.slice(at, at + size)
    at += size
    if (!dialect) {
      const [reported] = (await client.table(table).multiInsert(slice)) as unknown as number[]
      chunks.push({ count: size, reportedId: Number(reported) })
      continue
    }
    const bindings: StrictValues[] = new Array(size * columns.length)
    let b = 0
    for (const row of slice) for (const c of columns) bindings[b++] = row[c] as StrictValues
    const sql = insertText(dialect, table, columns, size)
    if (direct) {
      chunks.push({ count: size, reportedId: await direct(sql, bindings) })
      continue
    }
    const result: any = await client.rawQuery(sql, bindings)
    const reported = dialect === 'mysql' ? result[0].insertId : result.lastInsertRowid
    chunks.push({ count: size, reportedId: Number(reported) })
  }
  return chunks
}

/**
 * Updates many rows by id in few statements: rows setting the same columns share one
 * `UPDATE … SET col = CASE id WHEN ? THEN ? … END … WHERE id IN (…)` (one round trip instead of
 * one per row). `scope` adds conditions every row must meet (its organization); it is checked
 * without an index, so the primary key drives the statement (with a long IN list next to
 * `organization_id = ?`, SQLite's planner would walk the organization's index).
 */
export async function updateRows(
  client: QueryClientContract,
  table: string,
  rows: { id: number; values: Record<string, unknown> }[],
  scope: Record<string, number> = {}
): Promise<void> {
  const groups = new Map<string, { id: number; values: Record<string, unknown> }[]>()
  for (const row of rows) {
    const columns = Object.keys(row.values)
    if (!columns.length) continue
    const key = columns.sort().join('\u0000')
    const group = groups.get(key) ?? []
    group.push(row)
    groups.set(key, group)
  }
  for (const [key, group] of groups) {
    const columns = key.split('\u0000')
    const size = Math.max(1, Math.floor(1800 / (columns.length * 2 + 1)))
    for (let i = 0; i < group.length; i += size) {
      const slice = group.slice(i, i + size)
      const set: Record<string, unknown> = {}
      for (const column of columns) {
        const bindings: unknown[] = ['id']
        for (const row of slice) bindings.push(row.id, row.values[column] as StrictValues)
        const whens = slice.map(() => 'when ? then ?').join(' ')
        set[column] = client.raw(`case ?? ${whens} end`, bindings as StrictValues[])
      }
      const query = client.from(table).whereIn(
        'id',
        slice.map((r) => r.id)
      )
      for (const [column, value] of Object.entries(scope))
        query.whereRaw('?? + 0 = ?', [column, value])
      await query.update(set)
    }
  }
}
