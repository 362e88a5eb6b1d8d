import type { PivotGranularity, PivotMember } from '../../dto/pivot'

/** A period's label in the reader's language: 2026, T1 2026, ene 2026, 05/01/2026. */
export function periodText(
  value: string,
  granularity: PivotGranularity | undefined,
  locale: string,
  quarterLetter: string
): string {
  if (!granularity) return value
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return value
  const year = date.getUTCFullYear()
  if (granularity === 'year') return String(year)
  if (granularity === 'quarter')
    return `${quarterLetter}${Math.floor(date.getUTCMonth() / 3) + 1} ${year}`
  if (granularity === 'month')
    return new Intl.DateTimeFormat(locale, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(date)
  return new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date)
}

/** An axis value as the table shows it (empty values as the translated "(empty)"). */
export function axisText(
  value: string | null,
  member: PivotMember | undefined,
  words: { empty: string; quarter: string; locale: string }
): string {
  if (value === null || value === '') return words.empty
  if (member?.granularity) return periodText(value, member.granularity, words.locale, words.quarter)
  if (member?.type === 'time') return value.slice(0, 10)
  return value
}
