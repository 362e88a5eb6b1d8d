import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { dbTimestamp } from '#app/support/dates'

const DAY = 24 * 60 * 60 * 1000

/**
 * Narrows a list to the rows created from `from` to `to` (days `YYYY-MM-DD`, both included,
 * UTC) as a plain range on `column`, so the (organization, created_at, id) index serves it.
 * An impossible day (2025-02-31) is ignored.
 */
export function applyCreatedRange(
  query: DatabaseQueryBuilderContract<any>,
  column: string,
  range: { from?: string | null; to?: string | null }
) {
  const day = (text: string | null | undefined) => {
    if (!text) return null
    const time = Date.parse(`${text}T00:00:00Z`)
    return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text ? null : time
  }
  const from = day(range.from)
  const to = day(range.to)
  if (from !== null) query.where(column, '>=', dbTimestamp(new Date(from)))
  if (to !== null) query.where(column, '<', dbTimestamp(new Date(to + DAY)))
}
