import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { forgetCurrencies } from '#app/support/cache'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { recordHistory } from '#app/history/record_history'
import { CURRENCY_SUBJECT, dateOnly, defaultCurrency } from './currencies.js'

/** A rate as stored: up to 12 integer and 10 decimal digits, never a float. */
export const DECIMAL_RATE = /^\d{1,12}(\.\d{1,10})?$/

/*
 * Manual exchange rates of an organization's currencies to its default currency: a history by
 * date, read for a day (`rateOn`), and integer conversion (`convertMinor`).
 */

/** Records a manual rate of `code` to the default from a date (the same date replaces it). */
export async function setRate(
  organizationId: number,
  params: { code: string; rate: string; effectiveOn: string; actorId?: number | null }
) {
  const base = await defaultCurrency(organizationId)
  if (params.code === base.code)
    throw new RuleError('admin.settings.currencies.errors.rate_default', {}, 'rate')
  if (!DECIMAL_RATE.test(params.rate) || /^0+(\.0+)?$/.test(params.rate))
    throw new RuleError('admin.settings.currencies.errors.rate', {}, 'rate')
  const key = {
    organization_id: organizationId,
    currency: params.code,
    base: base.code,
    effective_on: params.effectiveOn,
  }
  await db.transaction(async (trx) => {
    const old = await trx.from('exchange_rates').where(key).select('rate').first()
    await trx.from('exchange_rates').where(key).delete()
    await trx.table('exchange_rates').insert({
      ...key,
      rate: params.rate,
      created_by: params.actorId ?? null,
      created_at: dbTimestamp(),
    })
    const row = await trx
      .from('currencies')
      .where({ organization_id: organizationId, code: params.code })
      .select('id')
      .first()
    if (row) {
      // "0.9215 EUR (2026-06-01)": the rate of that date, before and after.
      const text = (rate: string) => `${rate} ${base.code} (${params.effectiveOn})`
      await recordHistory.updated(
        {
          organizationId,
          actorId: params.actorId ?? null,
          subjectType: CURRENCY_SUBJECT,
          subjectId: row.id,
        },
        { name: params.code, rate: old ? text(String(old.rate)) : null },
        { name: params.code, rate: text(params.rate) },
        trx
      )
    }
  })
  await forgetCurrencies(organizationId)
}

/** The rate history of a currency against the current default, newest first. */
export async function rateHistory(organizationId: number, code: string) {
  const base = await defaultCurrency(organizationId)
  const rows = await db
    .from('exchange_rates')
    .where({ organization_id: organizationId, currency: code, base: base.code })
    .orderBy('effective_on', 'desc')
    .limit(50)
    .select('rate', 'effective_on')
  return rows.map((r) => ({ rate: String(r.rate), effectiveOn: dateOnly(r.effective_on) }))
}

/**
 * The rate of `code` to the default on a date (YYYY-MM-DD; today by default), or null. Inside
 * a transaction pass it (`trx`): on SQLite a read through the global connection would wait for
 * the one the transaction holds.
 */
export async function rateOn(
  organizationId: number,
  code: string,
  date: string = new Date().toISOString().slice(0, 10),
  trx?: TransactionClientContract
): Promise<string | null> {
  const base = trx
    ? (
        await trx
          .from('currencies')
          .where({ organization_id: organizationId, is_default: true })
          .select('code')
          .first()
      )?.code
    : (await defaultCurrency(organizationId)).code
  if (!base) return null
  if (code === base) return '1'
  const row = await (trx ?? db)
    .from('exchange_rates')
    .where({ organization_id: organizationId, currency: code, base })
    .where('effective_on', '<=', date)
    .orderBy('effective_on', 'desc')
    .select('rate')
    .first()
  return row ? String(row.rate) : null
}

/**
 * Minor units of `from` converted into the default currency's minor units at a decimal rate,
 * rounded half away from zero — integer arithmetic only.
 */
export function convertMinor(
  minor: string | bigint,
  rate: string,
  fromDecimals: number,
  toDecimals: number
): bigint {
  const [int, frac = ''] = rate.split('.')
  const rateScale = 10n ** BigInt(frac.length)
  const rateUnits = BigInt(int + frac)
  const numerator = BigInt(minor) * rateUnits * 10n ** BigInt(toDecimals)
  const denominator = rateScale * 10n ** BigInt(fromDecimals)
  const negative = numerator < 0n
  const abs = negative ? -numerator : numerator
  const rounded = (abs * 2n + denominator) / (denominator * 2n)
  return negative ? -rounded : rounded
}
