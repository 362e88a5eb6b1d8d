/*
 * Spanish tax identifiers with their official check characters:
 * - DNI/NIF: 8 digits + letter = TRWAGMYFPDXBNJZSQVHLCKE[number mod 23].
 * - NIE: X/Y/Z (→ 0/1/2) + 7 digits + letter, same table.
 * - Special NIFs of people without DNI/NIE: K (Spaniards under 14), L (Spaniards resident
 *   abroad), M (foreigners without NIE) + 7 digits + letter = same table[7 digits mod 23].
 * - CIF: entity letter + 7 digits + control. Sum the digits in even positions, add the digit
 *   sums of the doubled odd-position digits; control digit = (10 − sum mod 10) mod 10, control
 *   letter = JABCDEFGHI[control digit]. P, Q, S, N, W (and entities whose digits start with
 *   00, non-residents) take the letter; A, B, E, H the digit; the rest accept either. K, L and M
 *   are not entity letters (Orden EHA/451/2008): they are the special personal NIFs above.
 */

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE'
const CIF_LETTERS = 'JABCDEFGHI'
const CIF_ENTITY = 'ABCDEFGHJNPQRSUVW'
const CIF_LETTER_CONTROL = 'PQSNW'
const CIF_DIGIT_CONTROL = 'ABEH'

/** `klm`: the special NIFs K, L and M of people who have no DNI or NIE. */
export type NifKind = 'dni' | 'nie' | 'klm' | 'cif'

/** Control digit of the 7 CIF digits. */
export function cifControlDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < 7; i++) {
    const n = Number(digits[i])
    if (i % 2 === 0) {
      const doubled = n * 2
      sum += Math.floor(doubled / 10) + (doubled % 10)
    } else {
      sum += n
    }
  }
  return (10 - (sum % 10)) % 10
}

function validDni(value: string): boolean {
  const m = /^(\d{8})([A-Z])$/.exec(value)
  return !!m && DNI_LETTERS[Number(m[1]) % 23] === m[2]
}

function validNie(value: string): boolean {
  const m = /^([XYZ])(\d{7})([A-Z])$/.exec(value)
  if (!m) return false
  const number = Number(`${'XYZ'.indexOf(m[1])}${m[2]}`)
  return DNI_LETTERS[number % 23] === m[3]
}

function validKlm(value: string): boolean {
  const m = /^([KLM])(\d{7})([A-Z])$/.exec(value)
  return !!m && DNI_LETTERS[Number(m[2]) % 23] === m[3]
}

function validCif(value: string): boolean {
  const m = /^([A-Z])(\d{7})([0-9A-J])$/.exec(value)
  if (!m || !CIF_ENTITY.includes(m[1])) return false
  const [, entity, digits, control] = m
  const digit = cifControlDigit(digits)
  const letter = CIF_LETTERS[digit]
  const needsLetter = CIF_LETTER_CONTROL.includes(entity) || digits.startsWith('00')
  if (needsLetter) return control === letter
  if (CIF_DIGIT_CONTROL.includes(entity)) return control === String(digit)
  return control === String(digit) || control === letter
}

/** Which kind of identifier a normalized value is, if it is a valid one. */
export function nifKind(value: string): NifKind | null {
  if (validDni(value)) return 'dni'
  if (validNie(value)) return 'nie'
  if (validKlm(value)) return 'klm'
  if (validCif(value)) return 'cif'
  return null
}

/** Whether a normalized value (uppercase, no separators) is a valid DNI, NIE, K/L/M NIF or CIF. */
export function isValidNif(value: string): boolean {
  return nifKind(value) !== null
}

/** Builds a valid CIF from an entity letter and 7 digits (demo data, tests). */
export function makeCif(entity: string, digits: string): string {
  const digit = cifControlDigit(digits)
  const useLetter = CIF_LETTER_CONTROL.includes(entity) || digits.startsWith('00')
  return `${entity}${digits}${useLetter ? CIF_LETTERS[digit] : digit}`
}
