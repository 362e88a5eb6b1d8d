/**
 * Money typed by a person, parsed exactly: the amount never passes through a JS float. Both
 * Spanish ("60.000,00", "1.500", "12,5") and English/plain ("60,000.00", "60000.00") writing are
 * read; a lone separator followed by exactly three digits is a thousands separator, because
 * three decimals are not a valid amount of euros anyway. Anything ambiguous or malformed is
 * refused (null) rather than guessed.
 */
const MAX_INTEGER_DIGITS = 13 // 9.999.999.999.999,99 fits BIGINT and JS's safe integers alike

export function parseMoneyToMinor(input: string, decimals = 2): bigint | null {
  let text = input.replace(/[\s\u00a0\u202f]/g, '').replace(/^(€|eur)|(€|eur)$/gi, '')
  let negative = false
  if (text.startsWith('-')) {
    negative = true
    text = text.slice(1)
  }
  if (!/^\d[\d.,]*$/.test(text) || !/\d$/.test(text)) return null

  const lastDot = text.lastIndexOf('.')
  const lastComma = text.lastIndexOf(',')
  let integer = text
  let fraction = ''
  let group: string | null = null

  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ','
    group = decimal === '.' ? ',' : '.'
    const at = text.lastIndexOf(decimal)
    integer = text.slice(0, at)
    fraction = text.slice(at + 1)
    if (integer.includes(decimal) || fraction.includes(group)) return null
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ','
    const parts = text.split(sep)
    if (parts.length > 2 || parts[1].length === 3) {
      group = sep
    } else {
      integer = parts[0]
      fraction = parts[1]
    }
  }

  if (group) {
    const groups = integer.split(group)
    const [first, ...rest] = groups
    if (!/^[1-9]\d{0,2}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return null
    integer = groups.join('')
  }
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return null
  if (fraction.length > decimals) return null
  integer = integer.replace(/^0+(?=\d)/, '')
  if (integer.length > MAX_INTEGER_DIGITS) return null

  const scale = 10n ** BigInt(decimals)
  const minor = BigInt(integer) * scale + BigInt(fraction.padEnd(decimals, '0') || '0')
  return negative ? -minor : minor
}

/** Minor units back into the text a person would type: "60.000,00" (es) or "60,000.00" (en). */
export function formatMinorForInput(minor: string | bigint, locale: string, decimals = 2): string {
  const value = BigInt(minor)
  const negative = value < 0n
  const abs = negative ? -value : value
  const scale = 10n ** BigInt(decimals)
  const [group, decimal] = locale === 'es' ? ['.', ','] : [',', '.']
  const integer = String(abs / scale).replace(/\B(?=(\d{3})+(?!\d))/g, group)
  const fraction = String(abs % scale).padStart(decimals, '0')
  return `${negative ? '-' : ''}${integer}${decimals ? decimal + fraction : ''}`
}
