import { dayIn } from '#app/users/absences'
import type { DashboardFiltersDto, PeriodPreset } from '../dto/dashboards.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (year: number, month: number) =>
  `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`

/** The first and last day of a preset period around `today` (YYYY-MM-DD). */
export function periodRange(preset: Exclude<PeriodPreset, 'custom'>, today: string) {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  if (preset === 'month') return { from: `${year}-${pad(month)}-01`, to: lastDay(year, month) }
  if (preset === 'quarter') {
    const first = Math.floor((month - 1) / 3) * 3 + 1
    return { from: `${year}-${pad(first)}-01`, to: lastDay(year, first + 2) }
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

const id = (value: unknown) => {
  const n = Number(value)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/**
 * The page's filters from the query string: `period` (month, quarter, year — the default — or
 * custom with `from` and `to`), `team` and `rep` ids. Bad values fall back to the default.
 * "Today" (this month, year to date, the presets) is the organization's date in its time zone,
 * as the alerts read it: at 00:30 on 1 January in Madrid the year is already the new one.
 */
export function readFilters(
  input: Record<string, unknown>,
  now = new Date(),
  timeZone = 'UTC'
): DashboardFiltersDto {
  const today = dayIn(now, timeZone || 'UTC')
  const asked = String(input.period ?? 'year')
  const from = String(input.from ?? '')
  const to = String(input.to ?? '')
  const custom = asked === 'custom' && DATE.test(from) && DATE.test(to) && from <= to
  const period: PeriodPreset = custom
    ? 'custom'
    : ((['month', 'quarter', 'year'] as const).find((p) => p === asked) ?? 'year')
  const range = period === 'custom' ? { from, to } : periodRange(period, today)
  return {
    period,
    ...range,
    today,
    timeZone: timeZone || 'UTC',
    teamId: id(input.team),
    repId: id(input.rep),
  }
}
