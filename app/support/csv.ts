/**
 * CSV for spreadsheets: semicolon-separated (Excel's default in Spanish locales), UTF-8 with a
 * BOM, CRLF line ends, quotes where needed, and cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) prefixed with an apostrophe — the same guard as the XLSX export
 * (app/support/xlsx.ts), through `spreadsheetText`.
 */

/** A column of an export: its header key and how its cells are written. */
export interface ExportColumn {
  key: string
  /** A phone column: well-formed numbers go out as typed (see `spreadsheetText`). */
  phone?: boolean
}

/**
 * An export in rows, format-free: the translated header and batches of rows (one value per
 * column). CSV and XLSX writers take the same one, so both files hold the same cells.
 */
export interface TabularExport {
  columns: ExportColumn[]
  header: string[]
  batches: AsyncIterable<unknown[][]>
}

const FORMULA_START = /^[=+\-@\t\r]/
/** Digits, spaces, parentheses, dashes and a leading +: nothing a spreadsheet could run. */
const PHONE = /^\+?[\d ()-]+$/

/** An apostrophe before text a spreadsheet would run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * A cell's text as every export writes it (null for an empty cell): formulas neutralised,
 * except a well-formed number in a phone column — "+34 600 11 22 33" cannot run as a formula,
 * and the apostrophe would end up in the number the user copies.
 */
export function spreadsheetText(value: unknown, column?: ExportColumn): string | null {
  if (value === null || value === undefined) return null
  const text = String(value)
  if (column?.phone && PHONE.test(text)) return text
  return neutraliseFormula(text)
}

export function csvCell(value: unknown, column?: ExportColumn): string {
  const text = spreadsheetText(value, column)
  if (text === null) return ''
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: unknown[], columns?: ExportColumn[]): string {
  return values.map((v, i) => csvCell(v, columns?.[i])).join(';') + '\r\n'
}

export const CSV_BOM = '\uFEFF'

/** The whole CSV file of an export, a chunk per batch (the header line, with the BOM, first). */
export async function* csvChunks(data: TabularExport): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(data.header)
  for await (const rows of data.batches) {
    const chunk = rows.map((row) => csvLine(row, data.columns)).join('')
    if (chunk) yield chunk
  }
}
