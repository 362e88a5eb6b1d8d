import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

type Client = QueryClientContract | TransactionClientContract

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

/*
 * MS SQL accepts at most 2100 parameters per statement, so multi-row inserts go in batches
 * sized by the number of columns.
 */
export async function insertInBatches(
  client: Client,
  table: string,
  rows: Record<string, unknown>[]
): Promise<void> {
  if (!rows.length) return
  const size = Math.max(1, Math.floor(2000 / Object.keys(rows[0]).length))
  for (let i = 0; i < rows.length; i += size)
    await client.table(table).multiInsert(rows.slice(i, i + size))
}

/** Whether the connection is SQLite (binary collation; LIKE cannot use an index there). */
export function isSqlite(client: Client): boolean {
  return ['better-sqlite3', 'sqlite3', 'libsql'].includes(client.dialect.name)
}
