/**
 * SQLite (3.47 and later, as better-sqlite3 bundles it) lets a bound `LIMIT ?` shape the query
 * plan, and so marks the statement to be prepared again on the first run after every new
 * binding — that is, on every run: knex binds the limit of every `.first()`, `find` and page.
 * Preparing again costs about as much as the prepare itself (a few µs for a short statement,
 * 100 µs for a read with joins and subqueries, against 4 µs to run it), so the reuse of
 * prepared statements (sqlite_statements.ts) bought nothing for them. A bound OFFSET does not
 * do this.
 *
 * Here a statement ending in knex's `limit ?` (or `limit ? offset ?`) runs as the same text
 * with that limit written in (`limit 1`): the limit is an integer checked here (anything else
 * runs as before, bound), each of the first few limit values has its own prepared statement (1,
 * page sizes; later ones run bound), and the other bindings, the offset included, stay bound.
 */

/** knex's SQLite limit, last in the statement, with or without an offset after it. */
const BOUND_LIMIT = / limit \?( offset \?)?$/

interface Statement {
  reader: boolean
  safeIntegers(toggle?: boolean): unknown
  all(...params: unknown[]): unknown
  get(...params: unknown[]): unknown
  run(...params: unknown[]): unknown
  iterate(...params: unknown[]): unknown
}

/** Limit values whose statement a wrapped statement keeps itself (others go through the cache). */
const KEPT_LIMITS = 4

/** Whether `sql` ends in a bound limit `wrapLimit` can write in. */
export function hasBoundLimit(sql: string): boolean {
  return BOUND_LIMIT.test(sql)
}

/**
 * `original` (the statement of `sql`, which ends in a bound limit) as an object with the
 * statement methods knex uses: on each run, when the limit bound is an integer, the statement
 * with that limit written in (from `prepare`, which keeps it) runs with the other bindings.
 */
export function wrapLimit(
  sql: string,
  original: Statement,
  prepare: (sql: string) => unknown
): Statement {
  const withOffset = BOUND_LIMIT.exec(sql)![1] !== undefined
  // Every `?` of the text is a binding; one inside a quoted literal makes the count differ,
  // and such a statement runs as it is.
  const placeholders = sql.split('?').length - 1
  let safe: boolean | undefined
  const byLimit = new Map<number, Statement>()
  const pick = (params: unknown[]): [Statement, unknown[]] => {
    const bindings = params.length === 1 && Array.isArray(params[0]) ? params[0] : params
    const at = bindings.length - (withOffset ? 2 : 1)
    const limit = bindings[at] as number
    if (bindings.length !== placeholders || !Number.isSafeInteger(limit)) return [original, params]
    let inlined = byLimit.get(limit)
    if (inlined === undefined) {
      // The few limits a statement runs with (1, a page size) are kept at hand; past those
      // (a limit taken from a request, say) the statement runs bound, so varying limits never
      // crowd the shared statement cache.
      if (byLimit.size >= KEPT_LIMITS) return [original, params]
      inlined = prepare(sql.replace(BOUND_LIMIT, ` limit ${limit}$1`)) as Statement
      byLimit.set(limit, inlined)
    }
    if (safe !== undefined) inlined.safeIntegers(safe)
    return [inlined, [bindings.toSpliced(at, 1)]]
  }
  return {
    reader: original.reader,
    safeIntegers(toggle = true) {
      safe = toggle
      original.safeIntegers(toggle)
      return this
    },
    all: (...params) => {
      const [statement, bindings] = pick(params)
      return statement.all(...bindings)
    },
    get: (...params) => {
      const [statement, bindings] = pick(params)
      return statement.get(...bindings)
    },
    run: (...params) => {
      const [statement, bindings] = pick(params)
      return statement.run(...bindings)
    },
    iterate: (...params) => {
      const [statement, bindings] = pick(params)
      return statement.iterate(...bindings)
    },
  }
}
