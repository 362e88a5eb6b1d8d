import { usePage } from '@inertiajs/react'
import type { CurrencyFormat, SharedProps } from './types'
import { formatPhone } from './phone'
import { formatAmount, formatDate, formatNumber, intlLocale } from './number_format'

export { formatPhone, telHref } from './phone'

export { formatAmount, formatDate, formatNumber, minorToDecimal } from './number_format'

/** dd/mm/yyyy hh:mm (24 h), in the user's time zone. */
export function formatDateTime(iso: string | null, locale: string, timeZone?: string): string {
  if (!iso) return ''
  const time = new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(new Date(iso))
  return `${formatDate(iso, locale, timeZone)} ${time}`
}

/**
 * Money arrives as integer minor units in a string (never a float), formatted with the
 * currency's decimals and symbol as the organization set them (`currencies`, from the shell),
 * else ISO 4217's.
 */
export function formatMoney(
  minor: string | number,
  currency: string,
  locale: string,
  currencies: CurrencyFormat[] = []
): string {
  const known = currencies.find((c) => c.code === currency)
  return formatAmount(minor, known ?? { code: currency }, locale)
}

/** Formatters bound to the page's locale and the user's time zone. */
export function useFormat() {
  const { locale, shell } = usePage<SharedProps>().props
  const tz = shell.user?.timezone
  const currencies = shell.organization?.currencies ?? []
  const defaultCode = shell.organization?.currency ?? 'EUR'
  return {
    date: (iso: string | null) => formatDate(iso, locale, tz),
    dateTime: (iso: string | null) => formatDateTime(iso, locale, tz),
    number: (value: number, digits = 0) => formatNumber(value, locale, digits),
    /** An amount in minor units; the organization's default currency when none is given. */
    money: (minor: string | number, currency?: string) =>
      formatMoney(minor, currency ?? defaultCode, locale, currencies),
    phone: formatPhone,
  }
}
