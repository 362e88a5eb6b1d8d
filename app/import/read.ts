import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline } from 'node:stream'
import iconv from 'iconv-lite'
import { parse } from 'csv-parse'
import { ImportFileError } from './errors.js'

/*
 * Reading an uploaded file as rows of text cells, streaming: a CSV goes through iconv-lite and
 * csv-parse, an XLSX through exceljs' streaming reader, so a million-row file is never held in
 * memory. The encoding and the delimiter of a CSV are guessed from its first 64 KB (or given).
 */

export type FileFormat = 'csv' | 'xlsx'
export const ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le'] as const
export const DELIMITERS = [';', ',', '\t', '|'] as const

export interface ReadOptions {
  format: FileFormat
  encoding?: string
  delimiter?: string
  /** XLSX: the sheet's name (the first one by default). */
  sheet?: string
}

export interface Sniffed extends ReadOptions {
  sheets: string[]
}

export interface FileRow {
  /** 1-based line (CSV record) or row number, as the user sees it in their program. */
  line: number
  cells: string[]
}

const SAMPLE = 64 * 1024
/** Longest CSV record accepted; a longer one stops the read with a clear message. */
export const MAX_RECORD = 1024 * 1024

export function formatOf(fileName: string): FileFormat | null {
  const ext = fileName.toLowerCase().split('.').pop()
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv'
  if (ext === 'xlsx') return 'xlsx'
  return null
}

async function sample(path: string): Promise<{ bytes: Buffer; size: number }> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const bytes = Buffer.alloc(Math.min(SAMPLE, size))
    await handle.read(bytes, 0, bytes.length, 0)
    return { bytes, size }
  } finally {
    await handle.close()
  }
}

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise windows-1252 when
 * they use its 0x80–0x9F characters (€, curly quotes…), else ISO-8859-1.
 */
export function detectEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return 'utf-8'
  } catch {
    return bytes.some((b) => b >= 0x80 && b <= 0x9f) ? 'windows-1252' : 'iso-8859-1'
  }
}

/** Count of `char` outside double quotes in a line. */
function countOutsideQuotes(line: string, char: string): number {
  let count = 0
  let quoted = false
  for (const c of line) {
    if (c === '"') quoted = !quoted
    else if (c === char && !quoted) count++
  }
  return count
}

/**
 * The delimiter that splits the header and the next lines into the same number of columns
 * (most columns wins); `;` when nothing splits (a one-column file).
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim())
    .slice(0, 20)
  if (lines.length > 1 && !/\r\n|\n|\r/.test(text.slice(-1))) lines.pop() // maybe cut short
  let best = ';'
  let bestScore = 0
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    if (!counts[0]) continue
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length
    const score = consistent * 1000 + counts[0]
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

/** The format, encoding, delimiter (CSV) and sheets (XLSX) of an uploaded file. */
export async function sniff(
  path: string,
  format: FileFormat,
  override: Partial<ReadOptions> = {}
): Promise<Sniffed> {
  const { bytes, size } = await sample(path)
  if (size === 0) throw new ImportFileError('import.errors.empty')
  if (format === 'xlsx') {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ImportFileError('import.errors.not_xlsx')
    const sheets = await sheetNames(path)
    if (!sheets.length) throw new ImportFileError('import.errors.empty')
    const sheet = override.sheet && sheets.includes(override.sheet) ? override.sheet : sheets[0]
    return { format, sheet, sheets }
  }
  const encoding = override.encoding ?? detectEncoding(bytes)
  if (!iconv.encodingExists(encoding)) throw new ImportFileError('import.errors.encoding')
  if (encoding !== 'utf-16le' && bytes.includes(0))
    throw new ImportFileError('import.errors.not_text')
  const text = iconv.decode(bytes, encoding)
  if (!text.trim()) throw new ImportFileError('import.errors.empty')
  if (size > SAMPLE && !/[\r\n]/.test(text))
    throw new ImportFileError('import.errors.line_too_long', { line: 1 })
  const delimiter = override.delimiter ?? detectDelimiter(text)
  return { format, encoding, delimiter, sheets: [] }
}

/** Sheet names of a workbook, in order, read without loading its rows. */
async function sheetNames(path: string): Promise<string[]> {
  const names: string[] = []
  const { default: ExcelJS } = await import('exceljs')
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'ignore',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  } as any)
  try {
    for await (const sheet of reader as AsyncIterable<any>) {
      names.push(String(sheet.name ?? `Sheet${names.length + 1}`))
      for await (const row of sheet) if (row) break
    }
  } catch {
    throw new ImportFileError('import.errors.not_xlsx')
  }
  return names
}

/** A spreadsheet cell as text: a formula gives its computed value, never the formula. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as Record<string, any>
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return cellText(v.result)
    if (Array.isArray(v.richText)) return v.richText.map((r: any) => r.text).join('')
    if ('text' in v) return cellText(v.text)
    if ('error' in v) return ''
    return ''
  }
  return String(value)
}

/** Rows of the file, header first. Errors of the file itself throw ImportFileError. */
export async function* readRows(path: string, options: ReadOptions): AsyncGenerator<FileRow> {
  if (options.format === 'xlsx') {
    yield* readXlsx(path, options.sheet)
    return
  }
  const parser = parse({
    delimiter: options.delimiter ?? ';',
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD,
    info: true,
  })
  const source = createReadStream(path)
  const decoder = iconv.decodeStream(options.encoding ?? 'utf-8')
  // pipeline destroys every stream when one fails or when the consumer stops early.
  pipeline(source, decoder, parser, () => {})
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: any }>) {
      yield { line: Number(record.info.lines), cells: record.record }
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    const line = (error as { lines?: number }).lines ?? null
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw new ImportFileError('import.errors.line_too_long', { line })
    if (code?.startsWith('CSV_')) throw new ImportFileError('import.errors.malformed', { line })
    throw error
  } finally {
    source.destroy()
  }
}

async function* readXlsx(path: string, sheet?: string): AsyncGenerator<FileRow> {
  // Loaded on demand: a CSV import never pays for the spreadsheet library.
  const { default: ExcelJS } = await import('exceljs')
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  } as any)
  let index = 0
  let yielded = false
  try {
    for await (const ws of reader as AsyncIterable<any>) {
      index++
      const name = String(ws.name ?? `Sheet${index}`)
      if (sheet ? name !== sheet : index > 1) {
        for await (const row of ws) if (!row) break
        continue
      }
      for await (const row of ws) {
        const cells = rowCells(row.values)
        if (cells.some((c) => c.trim())) {
          yielded = true
          yield { line: Number(row.number), cells }
        }
      }
    }
  } catch (error) {
    // ExcelJS's streaming reader needs xl/workbook.xml before the sheets in the zip; a file
    // written in another order (some tools, or ExcelJS itself under load) makes it throw on
    // its missing model. Such a file is read whole instead — once, before any row went out.
    if (yielded || !(error instanceof TypeError)) throw error
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(path)
    const ws = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0]
    const rows: FileRow[] = []
    ws?.eachRow((row, number) => {
      const cells = rowCells(row.values)
      if (cells.some((c) => c.trim())) rows.push({ line: number, cells })
    })
    yield* rows
  }
}

/** A row's cells as text (ExcelJS numbers its values from 1). */
function rowCells(values: unknown): string[] {
  const list = Array.isArray(values) ? values : []
  const cells: string[] = []
  for (let i = 1; i < list.length; i++) cells.push(cellText(list[i]))
  return cells
}
