/*
 * Phone display helpers, free of React so server-side tests can import them too.
 */

/**
 * A phone for reading, from E.164 or as typed: Spanish numbers grouped the Spanish way,
 * "+34 912 345 678" (landlines) and "+34 612 34 56 78" (mobiles); other countries as
 * "+<digits>"; anything unrecognized as given.
 */
export function formatPhone(value: string | null): string {
  if (!value) return ''
  let text = value.trim().replace(/[\s().-]/g, '')
  if (text.startsWith('00')) text = `+${text.slice(2)}`
  if (/^[6789]\d{8}$/.test(text)) text = `+34${text}`
  if (!/^\+\d{8,15}$/.test(text)) return value
  const spanish = /^\+34([6789]\d{8})$/.exec(text)
  if (!spanish) return text
  const n = spanish[1]
  return /^[67]/.test(n)
    ? `+34 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}`
    : `+34 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`
}

/** The target of a tel: link: the digits (and +) of a phone. */
export function telHref(value: string): string {
  return `tel:${value.replace(/[^\d+]/g, '')}`
}
