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
  const QueryClass = schemaCompiler.queryClass(dbType, undefined)
  return dbType === 'sqlite' ? sqliteQueryClass(QueryClass) : QueryClass
}

let sqliteClass: any
/**
 * SQLite keeps datetimes as text 'YYYY-MM-DD HH:MM:SS'; Cube's SqliteQuery casts a date
 * range's bounds to 'YYYY-MM-DDTHH:MM:SS' and compares the text, so a row at 10:00 on the
 * range's first day fell before 'T00:00' (a space sorts before 'T'). The bounds are cast to
 * the stored spelling instead (grouping keeps Cube's own ISO output).
 */
function sqliteQueryClass(Base: any) {
  sqliteClass ??= class extends Base {
    timeStampCast(value: string) {
      return `strftime('%Y-%m-%d %H:%M:%f', ${value})`
    }
    dateTimeCast(value: string) {
      return `strftime('%Y-%m-%d %H:%M:%f', ${value})`
    }
  }
  return sqliteClass
}
