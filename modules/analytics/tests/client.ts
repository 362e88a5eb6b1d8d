export const CUBE_API = '/analytics/cubejs-api/v1'
export const LOAD = `${CUBE_API}/load`

/**
 * /load's query string as @cubejs-client/core sends it (query as JSON, queryType=multi). It
 * bypasses Cube's result cache (`cache=no-cache`) unless `extra` says otherwise: ids are reused
 * after each test's rollback, so a cached answer may belong to another test's rows.
 */
export function multi(query: unknown, extra: Record<string, string> = {}) {
  return { query: JSON.stringify(query), queryType: 'multi', cache: 'no-cache', ...extra }
}

/** The first (only) result's single row, values as numbers (Cube sends strings). */
export function numbersOf(body: any): Record<string, number> {
  const row = body.results[0].data[0] ?? {}
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]))
}
