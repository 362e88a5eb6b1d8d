import { foldMarks } from '#app/search/text'

/*
 * Normalized forms stored next to what the user typed: they drive search, sorting and (later)
 * duplicate detection, so they must be computed the same way everywhere.
 */

/** Lowercase, accents and other combining marks removed (ñ → n), spaces collapsed. */
export function normalizeText(value: string): string {
  return foldMarks(value).toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Normalized name, cut to the column's length. */
export function normalizeName(value: string, max = 200): string {
  return normalizeText(value).slice(0, max)
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase()
}

/**
 * A phone as "+<digits>": 00 becomes +, and a bare Spanish 9-digit number gets +34, so
 * "912 345 678", "+34 912-345-678" and "0034912345678" compare equal.
 */
export function normalizePhone(value: string): string {
  let text = value.trim().replace(/[^\d+]/g, '')
  if (text.startsWith('00')) text = `+${text.slice(2)}`
  const digits = text.replace(/\D/g, '')
  if (!text.startsWith('+')) return /^[6789]\d{8}$/.test(digits) ? `+34${digits}` : digits
  return `+${digits}`
}

/**
 * A phone as typed → E.164 ("+34612345678"), or null when it cannot be one. A number without
 * country code is Spanish: nine digits starting with 6, 7, 8 or 9 (+34 is added). With a code
 * ("+…" or "00…") it has 8 to 15 digits; a Spanish one exactly nine after the 34.
 */
export function toE164(value: string): string | null {
  const text = value.trim()
  if (!/^[+\d\s().-]+$/.test(text) || text.split('+').length > 2) return null
  const e164 = normalizePhone(text)
  if (!/^\+\d{8,15}$/.test(e164)) return null
  if (e164.startsWith('+34') && !/^\+34[6789]\d{8}$/.test(e164)) return null
  return e164
}

/** NIF/CIF/NIE as stored: uppercase without spaces, dashes or dots (and no "ES" VAT prefix). */
export function normalizeNif(value: string): string {
  const text = value.toUpperCase().replace(/[\s.\-_/]/g, '')
  return /^ES[A-Z0-9]{9}$/.test(text) ? text.slice(2) : text
}
