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
  if (dbType === 'sqlite') return (sqliteQuery ??= sqliteWithTextTimes())
  return schemaCompiler.queryClass(dbType, undefined)
}

let sqliteQuery: ReturnType<typeof schemaCompiler.queryClass> | undefined

/**
 * Cube's SqliteQuery compares a stored time (`2026-03-01 09:00:00`, as the app writes
 * DATETIME text) with a bound `strftime('%Y-%m-%dT…')` as text: the space sorts before the
 * «T», so a row on the first day of a range fell outside it. The column goes through the same
 * strftime first, so both sides are ISO text.
 */
function sqliteWithTextTimes() {
  const Base = schemaCompiler.queryClass('sqlite', undefined) as any
  const iso = (sql: string) =>
    sql.startsWith('strftime(') ? sql : `strftime('%Y-%m-%dT%H:%M:%f', ${sql})`
  return class extends Base {
    timeRangeFilter(column: string, from: string, to: string) {
      return super.timeRangeFilter(iso(column), from, to)
    }
    timeNotInRangeFilter(column: string, from: string, to: string) {
      return super.timeNotInRangeFilter(iso(column), from, to)
    }
    beforeDateFilter(column: string, param: string) {
      return super.beforeDateFilter(iso(column), param)
    }
    beforeOrOnDateFilter(column: string, param: string) {
      return super.beforeOrOnDateFilter(iso(column), param)
    }
    afterDateFilter(column: string, param: string) {
      return super.afterDateFilter(iso(column), param)
    }
    afterOrOnDateFilter(column: string, param: string) {
      return super.afterOrOnDateFilter(iso(column), param)
    }
  } as any
}
