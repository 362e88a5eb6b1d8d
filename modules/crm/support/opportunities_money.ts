import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { convertMinor, rateOn } from '#app/settings/exchange_rates'
import { RuleError } from '#app/support/rule_error'
import { currencies } from '#app/settings/currencies'

/*
 * An opportunity's amount in the organization's currency, at the rate of the day it was set
 * (stored with it, so sums never move when a rate changes later). Integer arithmetic only.
 */

export interface OrgAmount {
  amountOrgMinor: bigint
  exchangeRate: string
  weightedOrgMinor: bigint
}

/**
 * The organization's currencies (the kernel's cache). Read them before opening a transaction
 * (`warmCurrencies`): on SQLite a read through the global connection inside one would wait for
 * the connection the transaction holds.
 */
export async function warmCurrencies(organizationId: number) {
  return currencies(organizationId)
}

/** The weighted amount: amount × probability %, rounded half up. */
export function weighted(amountOrgMinor: bigint, probability: number): bigint {
  const n = amountOrgMinor * BigInt(probability)
  return (n * 2n + 100n) / 200n
}

/**
 * Converts `amountMinor` of `currency` for an organization. An unknown currency or one
 * without a rate is refused (RuleError on `currency`).
 */
export async function toOrgAmount(
  client: QueryClientContract,
  organizationId: number,
  amountMinor: bigint,
  currency: string,
  probability: number
): Promise<OrgAmount> {
  const all = await currencies(organizationId)
  const base = all.find((c) => c.isDefault) ?? all[0]
  const from = all.find((c) => c.code === currency)
  if (!from) throw new RuleError('crm.opportunities.errors.currency', {}, 'currency')
  const rate =
    currency === base.code
      ? '1'
      : await rateOn(
          organizationId,
          currency,
          undefined,
          client.isTransaction ? (client as TransactionClientContract) : undefined
        )
  if (!rate) throw new RuleError('crm.opportunities.errors.no_rate', { currency }, 'currency')
  const amountOrgMinor = convertMinor(amountMinor, rate, from.decimals, base.decimals)
  return {
    amountOrgMinor,
    exchangeRate: rate,
    weightedOrgMinor: weighted(amountOrgMinor, probability),
  }
}

/** "12500.00 EUR": an amount as history shows it. */
export function moneyText(minor: bigint | string | number, currency: string, decimals = 2) {
  const value = BigInt(minor)
  const negative = value < 0n
  const abs = (negative ? -value : value).toString().padStart(decimals + 1, '0')
  const int = decimals ? abs.slice(0, -decimals) : abs
  const frac = decimals ? `.${abs.slice(-decimals)}` : ''
  return `${negative ? '-' : ''}${int}${frac} ${currency}`
}

/**
 * A SQL SUM of minor units as an exact integer string for the page (drivers give a number, a
 * string or "123.0" depending on the database; none as a float is ever added up in JS).
 */
export function sumMinor(value: unknown): string {
  return String(value ?? 0).replace(/\.0+$/, '')
}
