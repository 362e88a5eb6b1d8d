import db from '@adonisjs/lucid/services/db'

/**
 * A Cube driver that runs Cube's SQL through the app's own Lucid connection: no second SQLite
 * binding, no second pool, and inside a test's global transaction like every other query.
 * Cube's orchestrator only needs `query` (and `release`) for plain, cached queries.
 */
export class LucidCubeDriver {
  constructor(private connectionName?: string) {}

  async testConnection(): Promise<void> {
    await this.query('SELECT 1')
  }

  async query(sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
    const connection = db.connection(this.connectionName)
    const result = await connection.rawQuery(sql, values as any[])
    return rowsOf(connection.dialect.name, result)
  }

  readOnly(): boolean {
    return true
  }

  async release(): Promise<void> {}
}

/** Lucid's raw results differ by driver: mysql2 gives [rows, fields], the others rows. */
function rowsOf(dialect: string, result: any): Record<string, unknown>[] {
  if (dialect.startsWith('mysql')) return result[0]
  if (Array.isArray(result)) return result
  return result?.rows ?? result?.recordset ?? []
}
