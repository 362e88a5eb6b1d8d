/**
 * Keeps SQLite's prepared statements for reuse. Knex prepares every query anew, and preparing
 * cost about as much CPU as running the query on a signed-in list page (bench/run.mjs). The
 * same SQL text gets the same statement (better-sqlite3 runs each synchronously, so one is never
 * in use twice at once; SQLite re-prepares it by itself after a schema change).
 *
 * A prepared statement holds native memory roughly in proportion to its text (a 150-row
 * multi-row INSERT: about 0.3 MB), so the cache is bounded by count and by total text length,
 * dropping the least recently used first: an import's bulk statements cannot pile up hundreds
 * of megabytes, and the short statements of the pages stay.
 */
import { hasBoundLimit, wrapLimit } from './sqlite_limit.js'

interface Preparer {
  prepare(sql: string): unknown
}

/** Total SQL text kept (characters): about 30 MB of prepared statements. */
const TEXT_BUDGET = 2_000_000

export function reusePreparedStatements(
  connection: Preparer,
  size = 500,
  textBudget = TEXT_BUDGET
): void {
  const prepare = connection.prepare.bind(connection)
  const statements = new Map<string, unknown>()
  let text = 0
  const prepareOnce = (sql: string): unknown => {
    let statement = statements.get(sql)
    if (statement !== undefined) {
      // Most recently used last, so the oldest is dropped first.
      statements.delete(sql)
      statements.set(sql, statement)
      return statement
    }
    statement = prepare(sql)
    // A bound LIMIT runs written in (sqlite_limit.ts): the statement is never reused otherwise.
    if (hasBoundLimit(sql)) statement = wrapLimit(sql, statement as any, prepareOnce)
    // One larger than the whole budget runs without being kept.
    if (sql.length > textBudget) return statement
    // Generated SQL (IN lists and multi-row inserts of varying length) is unbounded.
    while (statements.size && (statements.size >= size || text + sql.length > textBudget)) {
      const oldest = statements.keys().next().value!
      statements.delete(oldest)
      text -= oldest.length
    }
    statements.set(sql, statement)
    text += sql.length
    return statement
  }
  connection.prepare = prepareOnce
}
