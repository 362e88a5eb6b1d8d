/**
 * Amounts, numbers and dates in the reader's locale, on the server (exports, PDFs, e-mails)
 * and in the browser: pages import this file through resources/js/ui/number_format.ts. It must
 * stay pure — no imports at all (a boundary rule checks it), plain Intl and BigInt.
 *
 * es: `1.234,56 €`, dd/mm/yyyy · en: `€1,234.56`, dd/mm/yyyy. Amounts are integer minor units
 * (a string, bigint or safe integer), turned into a decimal string, never through a float.
 */

/** What formatting needs of a currency; `decimals`/`symbol` default to ISO 4217's. */
export interface CurrencyFormat {
  code: string
  symbol?: string | null
  decimals?: number | null
}

export function intlLocale(locale: string): string {
  return locale === 'es' ? 'es-ES' : 'en-GB'
}

/** Minor units as an exact decimal string: ("123456", 2) → "1234.56". */
export function minorToDecimal(minor: string | number | bigint, decimals: number): string {
  const units = BigInt(typeof minor === 'number' ? Math.trunc(minor) : minor)
  const negative = units < 0n
  const abs = negative ? -units : units
  const scale = 10n ** BigInt(decimals)
  const fraction = decimals ? `.${String(abs % scale).padStart(decimals, '0')}` : ''
  return `${negative ? '-' : ''}${abs / scale}${fraction}`
}

/** The ISO 4217 number of decimals of a code, as the runtime knows it (2 when unknown). */
export function isoDecimals(code: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

/** An amount in integer minor units, with the currency's symbol and decimals. */
export function formatAmount(
  minor: string | number | bigint,
  currency: CurrencyFormat,
  locale: string
): string {
  const decimals = currency.decimals ?? isoDecimals(currency.code)
  const format = new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency: currency.code,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions)
  // A decimal string is formatted exactly (Intl.NumberFormat v3).
  const parts = format.formatToParts(minorToDecimal(minor, decimals) as unknown as number)
  return parts
    .map((p) => (p.type === 'currency' && currency.symbol ? currency.symbol : p.value))
    .join('')
}

/** A plain number with the locale's grouping and decimal mark (`1.234,5` / `1,234.5`). */
export function formatNumber(value: number | string, locale: string, digits = 0): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(value as number)
}

/** dd/mm/yyyy in both languages, in the given time zone. */
export function formatDate(value: Date | string | null, locale: string, timeZone?: string): string {
  if (!value) return ''
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  }).format(typeof value === 'string' ? new Date(value) : value)
}
