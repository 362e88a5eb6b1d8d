import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { cachedCurrencies, forgetCurrencies, forgetOrganizations } from '#app/support/cache'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { recordHistory } from '#app/history/record_history'
import { isoDecimals } from './format.js'

export const CURRENCY_SUBJECT = 'kernel.currency'

/** Who makes a change (null for the system: demo data, first-read seeding). */
type Actor = number | null

/** A currency's audited state. */
async function snapshot(client: Pick<TransactionClientContract, 'from'>, id: number) {
  const r = await client.from('currencies').where('id', id).firstOrFail()
  return {
    name: r.code as string,
    symbol: r.symbol as string,
    decimals: Number(r.decimals),
    isDefault: Boolean(r.is_default),
  }
}

/** A currency of an organization, with its latest rate to the default (null for the default). */
export interface Currency {
  code: string
  symbol: string
  decimals: number
  isDefault: boolean
  /** One unit in default-currency units, as a decimal string; null when none is set. */
  rate: string | null
  /** Date (YYYY-MM-DD) the rate applies from. */
  rateOn: string | null
}

/** Counts an organization's records that use a currency code (a hook for modules). */
export type CurrencyUsage = (organizationId: number, code: string) => Promise<number>

const usageChecks: CurrencyUsage[] = [
  // The kernel's own: team targets.
  async (organizationId, code) =>
    Number(
      (
        await db
          .from('teams')
          .where({ organization_id: organizationId, currency: code })
          .count('* as n')
          .first()
      )?.n ?? 0
    ),
]

/**
 * Adds a check that stops a currency from being removed while records use it (invoices,
 * quotes…): call it once at boot, e.g. from a module's `listeners`.
 */
export function registerCurrencyUsage(check: CurrencyUsage): void {
  usageChecks.push(check)
}

/** Rows an UPDATE changed, as each driver reports it. */
export const affected = (result: unknown): number =>
  Number(Array.isArray(result) ? result[0] : result) || 0

export const dateOnly = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)

/** The narrow symbol the runtime knows for a code ("€", "$", "£"), else the code itself. */
export function isoSymbol(code: string): string {
  try {
    const parts = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: code,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(1)
    return parts.find((p) => p.type === 'currency')?.value ?? code
  } catch {
    return code
  }
}

/**
 * An organization's currencies, default first (cached; every write below drops the copy). An
 * organization without any gets its `organizations.currency` (EUR by default) on first read.
 */
export function currencies(organizationId: number): Promise<Currency[]> {
  return cachedCurrencies(organizationId, () => loadCurrencies(organizationId))
}

async function loadCurrencies(organizationId: number): Promise<Currency[]> {
  let rows = await db.from('currencies').where('organization_id', organizationId).select('*')
  if (!rows.length) {
    await seedDefault(organizationId)
    rows = await db.from('currencies').where('organization_id', organizationId).select('*')
  }
  const base = rows.find((r) => Boolean(r.is_default))?.code ?? 'EUR'
  const today = new Date().toISOString().slice(0, 10)
  const rates = await db
    .from('exchange_rates')
    .where({ organization_id: organizationId, base })
    .where('effective_on', '<=', today)
    .orderBy('effective_on', 'desc')
    .select('currency', 'rate', 'effective_on')
  const latest = new Map<string, { rate: string; on: string }>()
  for (const r of rates)
    if (!latest.has(r.currency))
      latest.set(r.currency, { rate: r.rate, on: dateOnly(r.effective_on) })
  return rows
    .map((r) => ({
      code: r.code as string,
      symbol: r.symbol as string,
      decimals: Number(r.decimals),
      isDefault: Boolean(r.is_default),
      rate: r.is_default ? null : (latest.get(r.code)?.rate ?? null),
      rateOn: r.is_default ? null : (latest.get(r.code)?.on ?? null),
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.code.localeCompare(b.code))
}

async function seedDefault(organizationId: number) {
  const org = await db.from('organizations').where('id', organizationId).select('currency').first()
  const code = org?.currency ?? 'EUR'
  const now = dbTimestamp()
  try {
    await db.table('currencies').insert({
      organization_id: organizationId,
      code,
      symbol: isoSymbol(code),
      decimals: isoDecimals(code),
      is_default: true,
      created_at: now,
      updated_at: now,
    })
  } catch {
    // Another request seeded it first (unique organization + code).
  }
}

/** The organization's default currency. */
export async function defaultCurrency(organizationId: number): Promise<Currency> {
  const all = await currencies(organizationId)
  return all.find((c) => c.isDefault) ?? all[0]
}

export interface CurrencyData {
  code: string
  symbol: string
  decimals: number
}

/** Adds a currency, or edits the symbol and decimals of one (the code never changes). */
export async function saveCurrency(
  organizationId: number,
  data: CurrencyData,
  existing?: string,
  actorId: Actor = null
) {
  await currencies(organizationId) // the default exists before any other
  const now = dbTimestamp()
  await db.transaction(async (trx) => {
    if (existing) {
      const row = await trx
        .from('currencies')
        .where({ organization_id: organizationId, code: existing })
        .first()
      if (!row) throw new RuleError('admin.settings.currencies.errors.unknown', { code: existing })
      const before = await snapshot(trx, row.id)
      await trx
        .from('currencies')
        .where('id', row.id)
        .update({ symbol: data.symbol, decimals: data.decimals, updated_at: now })
      const subject = { organizationId, actorId, subjectType: CURRENCY_SUBJECT, subjectId: row.id }
      await recordHistory.updated(subject, before, await snapshot(trx, row.id), trx)
      return
    }
    const taken = await trx
      .from('currencies')
      .where({ organization_id: organizationId, code: data.code })
      .first()
    if (taken)
      throw new RuleError('admin.settings.currencies.errors.taken', { code: data.code }, 'code')
    const [created] = await trx
      .table('currencies')
      .insert({
        organization_id: organizationId,
        code: data.code,
        symbol: data.symbol,
        decimals: data.decimals,
        is_default: false,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    const id = Number(typeof created === 'object' ? created.id : created)
    const subject = { organizationId, actorId, subjectType: CURRENCY_SUBJECT, subjectId: id }
    await recordHistory.created(subject, await snapshot(trx, id), trx)
  })
  await forgetCurrencies(organizationId)
}

/**
 * Makes `code` the only default, in one transaction, and mirrors it in the organization's row.
 * Rates entered against the former default stay as history; new ones are against this one.
 */
export async function setDefaultCurrency(
  organizationId: number,
  code: string,
  actorId: Actor = null
) {
  await currencies(organizationId)
  await db.transaction(async (trx) => {
    const previous = await trx
      .from('currencies')
      .where({ organization_id: organizationId, is_default: true })
      .select('id', 'code')
      .first()
    // Clearing every default first takes the rows' write locks (MariaDB) or the database's
    // (SQLite): a second administrator's change waits, so exactly one default remains.
    await trx
      .from('currencies')
      .where('organization_id', organizationId)
      .update({ is_default: false, updated_at: dbTimestamp() })
    const set = await trx
      .from('currencies')
      .where({ organization_id: organizationId, code })
      .update({ is_default: true, updated_at: dbTimestamp() })
    if (!affected(set)) throw new RuleError('admin.settings.currencies.errors.unknown', { code })
    await trx.from('organizations').where('id', organizationId).update({ currency: code })
    if (previous?.code !== code) {
      const row = await trx
        .from('currencies')
        .where({ organization_id: organizationId, code })
        .select('id')
        .firstOrFail()
      const subject = { organizationId, actorId, subjectType: CURRENCY_SUBJECT }
      if (previous)
        await recordHistory.updated(
          { ...subject, subjectId: previous.id },
          { name: previous.code, isDefault: true },
          { name: previous.code, isDefault: false },
          trx
        )
      await recordHistory.updated(
        { ...subject, subjectId: row.id },
        { name: code, isDefault: false },
        { name: code, isDefault: true },
        trx
      )
    }
  })
  await forgetCurrencies(organizationId)
  await forgetOrganizations()
}

/** Removes a currency that is not the default and that no record uses. */
export async function deleteCurrency(organizationId: number, code: string, actorId: Actor = null) {
  const all = await currencies(organizationId)
  const found = all.find((c) => c.code === code)
  if (!found) throw new RuleError('admin.settings.currencies.errors.unknown', { code })
  if (found.isDefault) throw new RuleError('admin.settings.currencies.errors.default', { code })
  for (const check of usageChecks) {
    const count = await check(organizationId, code)
    if (count > 0) throw new RuleError('admin.settings.currencies.errors.in_use', { code, count })
  }
  await db.transaction(async (trx) => {
    const row = await trx
      .from('currencies')
      .where({ organization_id: organizationId, code })
      .select('id')
      .firstOrFail()
    const before = await snapshot(trx, row.id)
    await trx
      .from('exchange_rates')
      .where({ organization_id: organizationId, currency: code })
      .delete()
    await trx.from('currencies').where('id', row.id).delete()
    const subject = { organizationId, actorId, subjectType: CURRENCY_SUBJECT, subjectId: row.id }
    await recordHistory.deleted(subject, before, trx)
  })
  await forgetCurrencies(organizationId)
}
