import type { PivotState } from '../../dto/pivot'

/** The builder's state in the URL (`?q=<json>`), so a link reproduces the pivot. */
export function stateToSearch(state: PivotState, reportId?: number | null): string {
  const params = new URLSearchParams()
  if (reportId) params.set('report', String(reportId))
  params.set('q', JSON.stringify(state))
  return `?${params.toString()}`
}

/** The state a URL holds, or null (none, or not a state). */
export function stateFromSearch(search: string): PivotState | null {
  const raw = new URLSearchParams(search).get('q')
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw)
    if (!parsed || typeof parsed.view !== 'string' || !Array.isArray(parsed.measures)) return null
    return {
      view: parsed.view,
      measures: parsed.measures,
      rows: Array.isArray(parsed.rows) ? parsed.rows : [],
      columns: Array.isArray(parsed.columns) ? parsed.columns : [],
      time: parsed.time ?? null,
      filters: Array.isArray(parsed.filters) ? parsed.filters : [],
      chart: ['table', 'bar', 'line'].includes(parsed.chart) ? parsed.chart : 'table',
    }
  } catch {
    return null
  }
}

/** A fresh state for a view: its first measure, nothing else. */
export function emptyState(view: { name: string; measures: { name: string }[] }): PivotState {
  return {
    view: view.name,
    measures: view.measures.slice(0, 1).map((m) => m.name),
    rows: [],
    columns: [],
    time: null,
    filters: [],
    chart: 'table',
  }
}
