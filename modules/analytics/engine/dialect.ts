import schemaCompiler from '@cubejs-backend/schema-compiler'

/** The Cube query class (SQL dialect) for each database the app runs on. */
export type CubeDbType = 'sqlite' | 'mysql' | 'mssql'

/**
 * Lucid's dialect name → Cube's database type. MS SQL is named for later: Cube's MssqlQuery
 * exists, but the crm model's portable SQL (SUBSTRING/CAST … AS SIGNED) is not checked there yet.
 */
export function cubeDbType(lucidDialect: string): CubeDbType {
  if (lucidDialect.includes('sqlite')) return 'sqlite'
  if (lucidDialect.startsWith('mysql')) return 'mysql'
  if (lucidDialect === 'mssql') return 'mssql'
  throw new Error(`Analytics: no Cube query class for the "${lucidDialect}" database`)
}

/** Cube's query class for a database type (SqliteQuery, MysqlQuery, MssqlQuery). */
export function queryClassFor(dbType: CubeDbType) {
  return schemaCompiler.queryClass(dbType, undefined)
}
