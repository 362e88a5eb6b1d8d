import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dialectOf, insertRows, type InsertedChunk } from '#app/support/bulk'

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

export { chunkSizes, insertRows, type InsertedChunk } from '#app/support/bulk'

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
  // Each statement's ids are consecutive; statements of two transactions writing at once
  // (an import's concurrent batches) may interleave, so each is worked out on its own.
  const first = (c: InsertedChunk) =>
    dialect === 'sqlite' ? c.reportedId - c.count + 1 : c.reportedId
  const expected = chunks.flatMap((c) => Array.from({ length: c.count }, (_, k) => first(c) + k))
  const found: Record<string, unknown>[] = []
  for (let i = 0; i < expected.length; i += 1000) {
    const low = expected[i]
    const high = expected[Math.min(expected.length, i + 1000) - 1]
    found.push(
      ...(high - low + 1 === Math.min(1000, expected.length - i)
        ? await client.from(table).whereBetween('id', [low, high]).orderBy('id').select('id', check)
        : await client
            .from(table)
            .whereIn('id', expected.slice(i, i + 1000))
            .orderBy('id')
            .select('id', check))
    )
  }
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
