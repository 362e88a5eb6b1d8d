import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { recordHistory } from '#app/history/record_history'
import { affected } from './currencies.js'

export const SERIES_SUBJECT = 'kernel.number_series'

/** A series' audited state (the counter is not: it moves with every document). */
function seriesSnapshot(
  s: Pick<NumberSeries, 'key' | 'name' | 'prefix' | 'padding' | 'resetYearly'>
) {
  return {
    name: s.name,
    key: s.key,
    prefix: s.prefix,
    padding: s.padding,
    resetYearly: s.resetYearly,
  }
}

/** A number series as the admin screen and callers see it. */
export interface NumberSeries {
  id: number
  key: string
  name: string
  prefix: string
  padding: number
  /** The number the next call gives (in `currentYear`, or 1 in a later year when reset yearly). */
  nextNumber: number
  resetYearly: boolean
  currentYear: number | null
}

export interface AllocatedNumber {
  /** The counter value given (1, 2, …). */
  number: number
  /** Its year (the reset year of the series). */
  year: number
  /** Prefix with its tokens filled in plus the padded number: "F2026-0042". */
  formatted: string
}

/**
 * `{YYYY}` → 2026, `{YY}` → 26, `{MM}` → 03 (month of the date); then the number padded with
 * zeros to `padding` digits.
 */
export function formatSeriesNumber(
  series: { prefix: string; padding: number },
  number: number,
  date: Date = new Date()
): string {
  const year = String(date.getUTCFullYear())
  const prefix = series.prefix
    .replaceAll('{YYYY}', year)
    .replaceAll('{YY}', year.slice(2))
    .replaceAll('{MM}', String(date.getUTCMonth() + 1).padStart(2, '0'))
  return `${prefix}${String(number).padStart(series.padding, '0')}`
}

const toSeries = (r: any): NumberSeries => ({
  id: Number(r.id),
  key: r.key,
  name: r.name,
  prefix: r.prefix,
  padding: Number(r.padding),
  nextNumber: Number(r.next_number),
  resetYearly: Boolean(r.reset_yearly),
  currentYear: r.current_year === null ? null : Number(r.current_year),
})

/**
 * The next number of an organization's series, safe under concurrency: one atomic UPDATE moves
 * the counter (taking the row's lock on MariaDB/SQL Server, the write lock on SQLite) and the
 * same transaction reads back what it wrote, so two callers never get the same number. In a
 * later year a series with yearly reset starts again at 1. Pass the posting transaction
 * (`trx`) so a rolled-back document gives its number back (no gaps); the document's own
 * unique constraint is the last guard against duplicates.
 */
export async function nextNumber(
  organizationId: number,
  seriesKey: string,
  options: { trx?: TransactionClientContract; date?: Date } = {}
): Promise<AllocatedNumber> {
  if (!options.trx)
    return db.transaction((trx) => nextNumber(organizationId, seriesKey, { ...options, trx }))
  const { trx } = options
  const date = options.date ?? new Date()
  const year = date.getUTCFullYear()
  const changed = await trx
    .from('number_series')
    .where({ organization_id: organizationId, key: seriesKey })
    .update({
      next_number: trx.raw(
        'CASE WHEN reset_yearly = 1 AND current_year < ? THEN 2 ELSE next_number + 1 END',
        [year]
      ),
      current_year: trx.raw(
        'CASE WHEN current_year IS NULL OR current_year < ? THEN ? ELSE current_year END',
        [year, year]
      ),
      updated_at: dbTimestamp(),
    })
  if (!affected(changed)) throw new UnknownSeriesError(seriesKey)
  const row = await trx
    .from('number_series')
    .where({ organization_id: organizationId, key: seriesKey })
    .select('prefix', 'padding', 'next_number', 'current_year')
    .firstOrFail()
  const number = Number(row.next_number) - 1
  return {
    number,
    year: Number(row.current_year),
    formatted: formatSeriesNumber(row, number, date),
  }
}

/** A caller asked for a series the organization does not have. */
export class UnknownSeriesError extends Error {
  constructor(readonly key: string) {
    super(`No number series "${key}" in this organization`)
  }
}

/**
 * What the next call would give, without taking it (the admin screen's preview): 1 in a later
 * year when the series resets yearly.
 */
export function previewNext(series: Omit<NumberSeries, 'id' | 'key' | 'name'>, date = new Date()) {
  return formatSeriesNumber(series, previewNumber(series, date), date)
}

/** The counter value the next call would give (1 in a later year when reset yearly). */
export function previewNumber(
  series: Pick<NumberSeries, 'nextNumber' | 'resetYearly' | 'currentYear'>,
  date = new Date()
) {
  const year = date.getUTCFullYear()
  const reset = series.resetYearly && series.currentYear !== null && series.currentYear < year
  return reset ? 1 : series.nextNumber
}

export async function listSeries(organizationId: number): Promise<NumberSeries[]> {
  const rows = await db
    .from('number_series')
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('*')
  return rows.map(toSeries)
}

export async function findSeries(organizationId: number, id: number): Promise<NumberSeries | null> {
  const row = await db.from('number_series').where({ organization_id: organizationId, id }).first()
  return row ? toSeries(row) : null
}

export interface SeriesData {
  key: string
  name: string
  prefix: string
  padding: number
  nextNumber: number
  resetYearly: boolean
  /**
   * Editing: the next number the form showed when it was opened. The counter is changed only
   * when `nextNumber` differs from it, and only if the counter has not moved since.
   */
  shownNext?: number
}

/**
 * Creates a series, or edits one (its key stays: documents refer to it). Setting the next
 * number lower than a number already given is allowed only with care: the documents' unique
 * constraint refuses a duplicate.
 */
export async function saveSeries(
  organizationId: number,
  data: SeriesData,
  id?: number,
  actorId: number | null = null
) {
  const now = dbTimestamp()
  const values = {
    name: data.name,
    prefix: data.prefix,
    padding: data.padding,
    reset_yearly: data.resetYearly,
    updated_at: now,
  }
  if (id) {
    const current = await findSeries(organizationId, id)
    if (!current) throw new RuleError('admin.settings.series.errors.unknown')
    // The counter changes only when the user changed the number the form showed: saving a
    // name must not rewind it over numbers given meanwhile. A number typed by hand counts in
    // this year (it is what the preview showed).
    const shown = data.shownNext ?? Number(previewNumber(current))
    const counter =
      data.nextNumber === shown
        ? {}
        : { next_number: data.nextNumber, current_year: new Date().getUTCFullYear() }
    const moved = async () => {
      const latest = await findSeries(organizationId, id)
      if (!latest) return new RuleError('admin.settings.series.errors.unknown')
      return new RuleError(
        'admin.settings.series.errors.moved',
        { next: previewNumber(latest) },
        'nextNumber'
      )
    }
    if ('next_number' in counter && Number(previewNumber(current)) !== shown) throw await moved()
    await db.transaction(async (trx) => {
      const query = trx.from('number_series').where({ organization_id: organizationId, id })
      // Only if the counter is still what the form showed (nobody took a number meanwhile).
      if ('next_number' in counter) {
        query.where('next_number', current.nextNumber)
        if (current.currentYear === null) query.whereNull('current_year')
        else query.where('current_year', current.currentYear)
      }
      const done = await query.update({ ...values, ...counter })
      if (!affected(done)) throw await moved()
      const after = seriesSnapshot({ ...current, ...data, key: current.key })
      const before = {
        ...seriesSnapshot(current),
        ...('next_number' in counter ? { nextNumber: previewNumber(current) } : {}),
      }
      if ('next_number' in counter) Object.assign(after, { nextNumber: data.nextNumber })
      await recordHistory.updated(
        { organizationId, actorId, subjectType: SERIES_SUBJECT, subjectId: id },
        before,
        after,
        trx
      )
    })
    return id
  }
  const taken = await db
    .from('number_series')
    .where({ organization_id: organizationId, key: data.key })
    .first()
  if (taken) throw new RuleError('admin.settings.series.errors.taken', { key: data.key }, 'key')
  return db.transaction(async (trx) => {
    const [created] = await trx
      .table('number_series')
      .insert({
        ...values,
        next_number: data.nextNumber,
        organization_id: organizationId,
        key: data.key,
        // Counting starts in this year: a next number set by hand holds until the year ends.
        current_year: new Date().getUTCFullYear(),
        created_at: now,
      })
      .returning('id')
    const newId = Number(typeof created === 'object' ? created.id : created)
    await recordHistory.created(
      { organizationId, actorId, subjectType: SERIES_SUBJECT, subjectId: newId },
      { ...seriesSnapshot(data), nextNumber: data.nextNumber },
      trx
    )
    return newId
  })
}

export async function deleteSeries(
  organizationId: number,
  id: number,
  actorId: number | null = null
) {
  const current = await findSeries(organizationId, id)
  if (!current) return
  await db.transaction(async (trx) => {
    await trx.from('number_series').where({ organization_id: organizationId, id }).delete()
    await recordHistory.deleted(
      { organizationId, actorId, subjectType: SERIES_SUBJECT, subjectId: id },
      seriesSnapshot(current),
      trx
    )
  })
}
