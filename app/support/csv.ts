/**
 * CSV for spreadsheets: semicolon-separated (Excel's default in Spanish locales), UTF-8 with a
 * BOM, CRLF line ends, quotes where needed, and cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(';') + '\r\n'
}

export const CSV_BOM = '\uFEFF'
