import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { insertRows } from './bulk.js'

type Client = QueryClientContract | TransactionClientContract

/**
 * Runs `work` inside the caller's transaction when there is one (no nested transaction and no
 * commit: the caller commits or rolls back), else in a transaction of its own. Write actions
 * take an optional `{ trx }` so a caller can compose several in one transaction; what must
 * wait for the commit (events, cache invalidation) goes through `afterCommit`
 * (#app/support/cache).
 */
export function inTransaction<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return trx ? work(trx) : db.transaction(work)
}

/** Inserts one row and returns its id on every dialect (MS SQL needs OUTPUT/RETURNING). */
export async function insertId(
  client: Client,
  table: string,
  row: Record<string, unknown>
): Promise<number> {
  const [result] = await client.table(table).returning('id').insert(row)
  return Number(
    typeof result === 'object' && result !== null ? (result as { id: number }).id : result
  )
}

/**
 * Inserts many rows in multi-row statements sized per dialect (MS SQL accepts at most 2,100
 * parameters a statement): plain `INSERT … VALUES` on SQLite and MySQL/MariaDB (app/support/bulk.ts).
 */
export async function insertInBatches(
  client: Client,
  table: string,
  rows: Record<string, unknown>[]
): Promise<void> {
  await insertRows(client, table, rows)
}

/** Whether the connection is SQLite (binary collation; LIKE cannot use an index there). */
export function isSqlite(client: Client): boolean {
  return ['better-sqlite3', 'sqlite3', 'libsql'].includes(client.dialect.name)
}

/**
 * Inserts many rows and returns their ids in order, in multi-row statements (an import's
 * batch). MS SQL (and PostgreSQL) say the ids (OUTPUT/RETURNING). SQLite reports the last id
 * of the statement, MySQL/MariaDB the first: a multi-row INSERT takes consecutive ids (SQLite
 * holds the write lock; MySQL under its default auto-increment lock modes), and this is checked
 * against `check` (a column whose values are unique within the batch) — on any doubt the rows
 * are looked up by that column instead.
 */
export async function insertManyIds(
  client: Client,
  table: string,
  rows: Record<string, unknown>[],
  check: string
): Promise<number[]> {
  if (!rows.length) return []
  const size = Math.max(1, Math.floor(2000 / Object.keys(rows[0]).length))
  const ids: number[] = []
  const sqlite = isSqlite(client)
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size)
    if (!sqlite && client.dialect.name !== 'mysql') {
      const result = await client.table(table).returning('id').multiInsert(slice)
      ids.push(...result.map((r: any) => Number(typeof r === 'object' ? r.id : r)))
      continue
    }
    const [reported] = (await client.table(table).multiInsert(slice)) as unknown as number[]
    const first = sqlite ? Number(reported) - slice.length + 1 : Number(reported)
    const found = await client
      .from(table)
      .whereBetween('id', [first, first + slice.length - 1])
      .orderBy('id')
      .select('id', check)
    const consecutive =
      found.length === slice.length && found.every((r, k) => r[check] === slice[k][check])
    if (consecutive) {
      ids.push(...found.map((r) => Number(r.id)))
      continue
    }
    const byValue = new Map<unknown, number>()
    const again = await client
      .from(table)
      .whereIn(
        check,
        slice.map((r) => r[check] as string)
      )
      .orderBy('id', 'desc')
      .select('id', check)
    for (const r of again) if (!byValue.has(r[check])) byValue.set(r[check], Number(r.id))
    ids.push(...slice.map((r) => byValue.get(r[check])!))
  }
  return ids
}

/** Whether an error is a unique-index violation, on every supported database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; number?: number; message?: string }
  return (
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'ER_DUP_ENTRY' ||
    e?.errno === 1062 ||
    e?.number === 2627 ||
    e?.number === 2601 ||
    /UNIQUE constraint failed/i.test(e?.message ?? '')
  )
}

/**
 * A mark of everything written to the database so far (SQLite: the rows this connection
 * changed, and the version other connections' commits move), or null where there is none.
 * Two equal marks read on one connection mean nothing was written in between, by anyone, so
 * a figure read and kept up to date by the caller (an import's open-lead counts from one batch
 * to the next) still holds. Read inside a transaction, after its last write.
 */
export async function writeMark(client: Client): Promise<string | null> {
  if (!isSqlite(client)) return null
  const [row] = await client.rawQuery(
    'select total_changes() as c, data_version as v from pragma_data_version'
  )
  return row ? `${row.c}:${row.v}` : null
}
