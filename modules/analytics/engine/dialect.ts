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
  const base = schemaCompiler.queryClass(dbType, undefined)
  if (dbType !== 'sqlite') return base
  sqliteQuery ??= sqliteWithTextTimes(base)
  return sqliteQuery
}

let sqliteQuery: any

/**
 * SQLite keeps times as text ("2026-01-01 10:00:00", dates as "2026-01-01") and Cube's
 * SqliteQuery compares them raw with its parameters cast to "2026-01-01T00:00:00.000": a
 * space sorts before "T", so every row of a range's first day fell out of it. Date filters
 * cast the column the same way as the parameter.
 */
function sqliteWithTextTimes(base: any) {
  return class SqliteTextTimesQuery extends base {
    timeRangeFilter(column: string, from: string, to: string) {
      return super.timeRangeFilter(this.timeStampCast(column), from, to)
    }
    timeNotInRangeFilter(column: string, from: string, to: string) {
      return super.timeNotInRangeFilter(this.timeStampCast(column), from, to)
    }
    beforeDateFilter(column: string, param: string) {
      return super.beforeDateFilter(this.timeStampCast(column), param)
    }
    beforeOrOnDateFilter(column: string, param: string) {
      return super.beforeOrOnDateFilter(this.timeStampCast(column), param)
    }
    afterDateFilter(column: string, param: string) {
      return super.afterDateFilter(this.timeStampCast(column), param)
    }
    afterOrOnDateFilter(column: string, param: string) {
      return super.afterOrOnDateFilter(this.timeStampCast(column), param)
    }
  }
}
