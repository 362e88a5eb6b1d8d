import { isAscii } from '#app/search/text'
import { isValidNif } from './nif.js'
import { normalizeEmail, normalizeNif, normalizeText, toE164 } from './normalize.js'

/*
 * Duplicate keys: the forms of a value that must compare equal, each stored in (or looked up
 * through) its own indexed column. A key is null when the value cannot be one.
 */

/** `b-12345674` = `B12345674`; an identifier with a wrong check character is no key. */
export function nifKey(value: string): string | null {
  const nif = normalizeNif(value)
  return nif && isValidNif(nif) ? nif : null
}

export function emailKey(value: string): string | null {
  const email = normalizeEmail(value)
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null
}

/** `0034 912…` = `+34912…` = `912…` (Spain by default). */
export function phoneKey(value: string): string | null {
  return toE164(value)
}

/** `http://www.acme.es/` = `acme.es`: host without scheme, `www.`, port, path or final dot. */
export function domainKey(value: string): string | null {
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?#:]/)[0]
    .replace(/\.$/, '')
    .replace(/^www\d*\./, '')
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host.slice(0, 255) : null
}

/** Spanish legal forms, written without dots or spaces, that a company name may end with. */
const LEGAL_FORMS = new Set([
  'sl',
  'slu',
  'sa',
  'sau',
  'slp',
  'sll',
  'slne',
  'cb',
  'scoop',
  'scp',
  'sc',
  'sociedadlimitada',
  'sociedadanonima',
])

/**
 * A company's name without its legal form, accents, punctuation or case:
 * "Construcciones Pérez, S.L.U." = "CONSTRUCCIONES PEREZ SLU" = "construcciones perez".
 */
export function companyNameKey(value: string): string | null {
  const text = normalizeText(value)
  // Folded plain ASCII (most names) is lower case already: letters and digits are [a-z0-9].
  const words = (
    isAscii(text)
      ? text.replace(/\./g, '').replace(/[^a-z0-9]+/g, ' ')
      : text.replace(/[.·]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ')
  )
    .trim()
    .split(' ')
    .filter(Boolean)
  // Drop a legal form written as one, two or three words at the end ("s coop", "s l u").
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    if (LEGAL_FORMS.has(words.slice(-n).join(''))) {
      words.splice(-n)
      break
    }
  }
  const key = words.join(' ').slice(0, 200)
  return key || null
}
