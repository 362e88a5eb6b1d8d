export const CUBE_API = '/analytics/cubejs-api/v1'
export const LOAD = `${CUBE_API}/load`

/** /load's query string as @cubejs-client/core sends it (query as JSON, queryType=multi). */
export function multi(query: unknown, extra: Record<string, string> = {}) {
  return { query: JSON.stringify(query), queryType: 'multi', ...extra }
}

/** The first (only) result's single row, values as numbers (Cube sends strings). */
export function numbersOf(body: any): Record<string, number> {
  const row = body.results[0].data[0] ?? {}
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]))
}
