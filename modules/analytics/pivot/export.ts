import ExcelJS from 'exceljs'
import { csvChunks, type TabularExport } from '#app/support/csv'
import { sheetName } from '#app/support/xlsx'
import type { PivotGrid, PivotMember } from '../dto/pivot.js'

/** The grid as a flat table: a header line, then one line per row entry (subtotals included). */
export interface PivotTable {
  header: string[]
  /** Per line: the row labels, then numbers (money already in major units) or null. */
  lines: { labels: string[]; values: (number | null)[]; total: boolean }[]
  /** Per value column: money (two decimals) or not. */
  money: boolean[]
}

/** A time value at its granularity: 2026, 2026-Q1, 2026-01, 2026-01-05. */
export function periodLabel(value: string, granularity: string | undefined, quarter = 'Q') {
  if (!granularity) return value
  const date = value.slice(0, 10)
  if (granularity === 'year') return date.slice(0, 4)
  if (granularity === 'quarter')
    return `${date.slice(0, 4)}-${quarter}${Math.ceil(Number(date.slice(5, 7)) / 3)}`
  if (granularity === 'month') return date.slice(0, 7)
  return date
}

const label = (value: string | null, member: PivotMember, empty: string, quarter: string) =>
  value === null ? empty : periodLabel(value, member.granularity, quarter)

/** Flattens the grid with translated words (`total`, `empty`, the quarter's letter). */
export function pivotTable(
  grid: PivotGrid,
  words: { total: string; empty: string; quarter: string }
): PivotTable {
  const measureCount = grid.measures.length
  const columnLabel = (values: (string | null)[]) =>
    values.length
      ? values
          .map((v, i) => label(v, grid.columnMembers[i], words.empty, words.quarter))
          .join(' · ')
      : ''
  const header = [
    ...(grid.rowMembers.length ? grid.rowMembers.map((m) => m.title) : ['']),
    ...grid.columns.flatMap((column) =>
      grid.measures.map((m) => {
        const head =
          column.level < grid.columnMembers.length
            ? [columnLabel(column.values), words.total].filter(Boolean).join(' ')
            : columnLabel(column.values)
        if (grid.columns.length === 1) return m.title
        return measureCount > 1 ? `${head} · ${m.title}` : head
      })
    ),
  ]
  const depth = Math.max(grid.rowMembers.length, 1)
  const lines = grid.rows.map((row, r) => {
    const labels = Array.from({ length: depth }, (_, i) => {
      if (i < row.values.length)
        return label(row.values[i], grid.rowMembers[i], words.empty, words.quarter)
      return i === row.values.length && row.level < grid.rowMembers.length ? words.total : ''
    })
    if (!grid.rowMembers.length) labels[0] = words.total
    const values = grid.cells[r].map((v, k) =>
      v !== null && grid.measures[k % measureCount].money ? v / 100 : v
    )
    return { labels, values, total: row.level < grid.rowMembers.length }
  })
  const money = grid.columns.flatMap(() => grid.measures.map((m) => m.money))
  return { header, lines, money }
}

/** XLSX: numbers as numbers (money with two decimals), totals in bold, the header frozen. */
export async function pivotXlsx(table: PivotTable, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName(title), {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  const labelCount = table.header.length - table.money.length
  sheet.addRow(table.header).font = { bold: true }
  for (const line of table.lines) {
    const row = sheet.addRow([...line.labels, ...line.values])
    if (line.total) row.font = { bold: true }
  }
  table.header.forEach((head, i) => {
    const column = sheet.getColumn(i + 1)
    column.width = Math.min(Math.max(head.length + 2, 14), 40)
    if (i >= labelCount && table.money[i - labelCount]) column.numFmt = '#,##0.00'
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** CSV through the kernel's writer; decimals with the reader's separator (comma in Spanish). */
export function pivotCsv(table: PivotTable, decimalComma: boolean): AsyncGenerator<string> {
  const number = (v: number | null, money: boolean) => {
    if (v === null) return null
    const text = money ? v.toFixed(2) : String(v)
    return decimalComma ? text.replace('.', ',') : text
  }
  const data: TabularExport = {
    columns: table.header.map((_, i) => ({ key: String(i) })),
    header: table.header,
    batches: (async function* () {
      yield table.lines.map((l) => [
        ...l.labels,
        ...l.values.map((v, i) => number(v, table.money[i])),
      ])
    })(),
  }
  return csvChunks(data)
}
