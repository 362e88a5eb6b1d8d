import type { QueryClientContract } from '@adonisjs/lucid/types/database'

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
