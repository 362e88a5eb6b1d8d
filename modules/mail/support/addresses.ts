/*
 * E-mail addresses as capture compares them: lowercased, and the plus part of a local part
 * read as a reply token (`ventas+o123@…` → opportunity 123).
 */

export interface Address {
  address: string
  name: string | null
}

/** Lowercased, trimmed address; '' when it is not one. */
export function normalizeAddress(value: string | null | undefined): string {
  const text = (value ?? '').trim().toLowerCase()
  return /^[^\s@]+@[^\s@]+$/.test(text) ? text : ''
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1)
}

/** The address without its plus part: `ventas+o123@x.es` → `ventas@x.es`. */
export function basicAddress(address: string): string {
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at)
  const plus = local.indexOf('+')
  return plus < 0 ? address : `${local.slice(0, plus)}${address.slice(at)}`
}

/** Record types a reply token names, by its first letter. */
export const TOKEN_TYPES: Record<string, string> = {
  o: 'crm.opportunity',
  l: 'crm.lead',
  c: 'crm.contact',
  e: 'crm.company',
}

const TOKEN_LETTER: Record<string, string> = Object.fromEntries(
  Object.entries(TOKEN_TYPES).map(([letter, type]) => [type, letter])
)

/** The reply token of a record (`o123`), or null for a type without one. */
export function replyTokenOf(recordType: string, recordId: number): string | null {
  const letter = TOKEN_LETTER[recordType]
  return letter ? `${letter}${recordId}` : null
}

/** A record named by the plus part of an address (`ventas+o123@…`), or null. */
export function recordFromPlus(address: string): { type: string; id: number } | null {
  const local = address.slice(0, address.lastIndexOf('@'))
  const match = /\+([olce])(\d{1,10})$/.exec(local)
  if (!match) return null
  return { type: TOKEN_TYPES[match[1]], id: Number(match[2]) }
}

/** `ventas@x.es` + token → `ventas+o123@x.es`. */
export function plusAddress(address: string, token: string): string {
  const basic = basicAddress(address)
  const at = basic.lastIndexOf('@')
  return `${basic.slice(0, at)}+${token}${basic.slice(at)}`
}

/** Free-mail domains: a shared domain says nothing about the sender's company. */
export const FREEMAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.es',
  'outlook.com',
  'outlook.es',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.es',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.com',
  'gmx.es',
  'protonmail.com',
  'proton.me',
  'telefonica.net',
])
