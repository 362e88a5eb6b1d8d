import { csvCell, csvLine, CSV_BOM } from '#app/support/csv'

/** A column of an export: its header key and how its cells are written. */
export interface CsvColumn {
  key: string
  /** A phone column: well-formed numbers go out as typed (see `csvRow`). */
  phone?: boolean
}

/** Digits, spaces, parentheses, dashes and a leading +: nothing a spreadsheet could run. */
const PHONE = /^\+?[\d ()-]+$/

/** The header line (with the BOM): each column's translated label. */
export function csvHeader(columns: CsvColumn[], label: (key: string) => string): string {
  return CSV_BOM + csvLine(columns.map((c) => label(c.key)))
}

/**
 * One CSV line. Every cell keeps the kernel's formula guard (an apostrophe before =, +, -, @…)
 * except a well-formed number in a phone column: "+34 600 11 22 33" cannot run as a formula,
 * and the apostrophe would end up in the number the user copies. Such a value needs no
 * quoting either (no separator, quote or line break in it).
 */
export function csvRow(columns: CsvColumn[], values: unknown[]): string {
  return (
    values
      .map((v, i) => (columns[i]?.phone && typeof v === 'string' && PHONE.test(v) ? v : csvCell(v)))
      .join(';') + '\r\n'
  )
}
