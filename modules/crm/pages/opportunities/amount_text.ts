/*
 * The amount box of the opportunity form: text ⇄ integer minor units with the currency's
 * decimals (0 for JPY, 3 for KWD…), never through a float. Pure, so unit tests import it.
 */

/** "1.234,56" or "1234.56" → minor units as a string ("123456"); '' when not a number. */
export function toMinor(text: string, decimals = 2): string {
  const clean = text.trim().replace(/\s/g, '')
  // The last separator followed by 1…decimals digits is the decimal one; the others group
  // thousands (with 0 decimals every separator groups: "1.234" yen are 1234).
  const digits = decimals > 0 ? `(?:[.,](\\d{1,${decimals}}))?` : ''
  const match = clean.match(new RegExp(`^(\\d[\\d.,]*?)${digits}$`))
  if (!match) return ''
  const int = match[1].replace(/[.,]/g, '')
  const frac = (match[2] ?? '').padEnd(decimals, '0')
  return String(BigInt(int + frac))
}

/** Minor units → the amount as typed in the form ("1234,56" in Spanish). */
export function fromMinor(minor: string, locale: string, decimals = 2): string {
  if (decimals <= 0) return String(BigInt(minor))
  const padded = minor.padStart(decimals + 1, '0')
  const sep = locale.startsWith('es') ? ',' : '.'
  return `${padded.slice(0, -decimals)}${sep}${padded.slice(-decimals)}`
}
