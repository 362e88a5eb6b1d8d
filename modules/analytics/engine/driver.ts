import db from '@adonisjs/lucid/services/db'

/**
 * A Cube driver that runs Cube's SQL through the app's own Lucid connection: no second SQLite
 * binding, no second pool, and inside a test's global transaction like every other query.
 * Cube's orchestrator needs `query` (and `release`) for plain, cached queries; on MySQL/MariaDB
 * also the methods it builds rollups with (a schema = a database there, tables created with
 * CREATE TABLE … AS SELECT, listed from information_schema).
 */
export class LucidCubeDriver {
  constructor(
    private connectionName?: string,
    private rollups = false
  ) {}

  async testConnection(): Promise<void> {
    await this.query('SELECT 1')
  }

  async query(sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
    const connection = db.connection(this.connectionName)
    const result = await connection.rawQuery(sql, values as any[])
    return rowsOf(connection.dialect.name, result)
  }

  /** Read-only unless it builds rollups (Cube then writes tables into the rollups schema). */
  readOnly(): boolean {
    return !this.rollups
  }

  async createSchemaIfNotExists(schema: string): Promise<void> {
    await this.query(`CREATE DATABASE IF NOT EXISTS \`${schema.replace(/`/g, '')}\``)
  }

  getTablesQuery(schema: string) {
    return this.query(
      'SELECT table_name AS table_name FROM information_schema.tables WHERE table_schema = ?',
      [schema]
    )
  }

  async loadPreAggregationIntoTable(_table: string, sql: string, params: unknown[]) {
    return this.query(sql, params)
  }

  async dropTable(table: string) {
    return this.query(`DROP TABLE ${table}`)
  }

  async queryColumnTypes(): Promise<unknown[]> {
    return []
  }

  capabilities() {
    return {}
  }

  nowTimestamp(): number {
    return Date.now()
  }

  async release(): Promise<void> {}
}

/** Lucid's raw results differ by driver: mysql2 gives [rows, fields], the others rows. */
function rowsOf(dialect: string, result: any): Record<string, unknown>[] {
  if (dialect.startsWith('mysql')) return result[0]
  if (Array.isArray(result)) return result
  return result?.rows ?? result?.recordset ?? []
}
