import { useFormat, useT } from '~/ui'
import type { DashboardFormat } from '../../dto/dashboards'

/** Formats a Cube value (a string, money in minor units) for display; empty → «—». */
export function useFigure() {
  const f = useFormat()
  const { t } = useT()
  return (value: unknown, format: DashboardFormat): string => {
    if (value === null || value === undefined || value === '') return '—'
    const n = Number(value)
    if (!Number.isFinite(n)) return String(value)
    switch (format) {
      case 'money':
        return f.money(Math.round(n))
      case 'percent':
        return `${f.number(n * 100, 1)} %`
      case 'days':
        return t('analytics.dash.days', { days: f.number(n, 1) })
      default:
        return f.number(n, Number.isInteger(n) ? 0 : 2)
    }
  }
}

/** A short month label (ene 2026) of a Cube time value. */
export function monthLabel(value: string, locale: string, withYear = true) {
  const date = new Date(`${value.slice(0, 7)}-01T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date)
}
