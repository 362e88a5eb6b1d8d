import { usePage } from '@inertiajs/react'
import type { SharedProps } from './types'
import { formatPhone } from './phone'

export { formatPhone, telHref } from './phone'

const intlLocale = (locale: string) => (locale === 'es' ? 'es-ES' : 'en-GB')

/** dd/mm/yyyy in both languages, in the user's time zone. */
export function formatDate(iso: string | null, locale: string, timeZone?: string): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso))
}

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

export function formatNumber(value: number, locale: string, digits = 0): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(value)
}

/**
 * Money arrives as integer minor units in a string (never a float); it is formatted from a
 * decimal string so no precision is lost.
 */
export function formatMoney(minor: string | number, currency: string, locale: string): string {
  const units = BigInt(String(minor))
  const negative = units < 0n
  const abs = negative ? -units : units
  const text = `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency }).format(
    text as unknown as number
  )
}

/** Formatters bound to the page's locale and the user's time zone. */
export function useFormat() {
  const { locale, shell } = usePage<SharedProps>().props
  const tz = shell.user?.timezone
  return {
    date: (iso: string | null) => formatDate(iso, locale, tz),
    dateTime: (iso: string | null) => formatDateTime(iso, locale, tz),
    number: (value: number, digits = 0) => formatNumber(value, locale, digits),
    money: (minor: string | number, currency: string) => formatMoney(minor, currency, locale),
    phone: formatPhone,
  }
}
