/**
 * Keeps SQLite's prepared statements for reuse. Knex prepares every query anew, and preparing
 * cost about as much CPU as running the query on a signed-in list page (bench/run.mjs). The
 * same SQL text gets the same statement (better-sqlite3 runs each synchronously, so one is never
 * in use twice at once; SQLite re-prepares it by itself after a schema change).
 */
interface Preparer {
  prepare(sql: string): unknown
}

export function reusePreparedStatements(connection: Preparer, size = 500): void {
  const prepare = connection.prepare.bind(connection)
  const statements = new Map<string, unknown>()
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = prepare(sql)
      // Drop the oldest when full: generated SQL (IN lists of varying length) is unbounded.
      if (statements.size >= size) statements.delete(statements.keys().next().value!)
      statements.set(sql, statement)
    }
    return statement
  }
}
