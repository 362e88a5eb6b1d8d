import { once } from 'node:events'
import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { spreadsheetText, type TabularExport } from './csv.js'

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Excel's own limits: 31 characters, none of : \ / ? * [ ] in a sheet name. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1'
}

/**
 * Writes an export as an .xlsx workbook of one sheet into `output`, row by row: ExcelJS's
 * streaming writer commits each row to the zip as it goes and inline strings keep no shared
 * string table, so a large export never sits in memory. Every cell is text, written exactly as
 * the CSV export writes it (`spreadsheetText`: the same formula guard and phone exception), so
 * both files hold the same cells and import back the same way.
 */
export async function writeXlsx(
  output: Writable,
  data: TabularExport,
  options: { sheet: string }
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(sheetName(options.sheet), {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = data.header.map((header, i) => ({
    header,
    key: data.columns[i]?.key ?? String(i),
    width: Math.min(Math.max(header.length + 2, 14), 40),
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for await (const rows of data.batches) {
    for (const row of rows) {
      sheet.addRow(row.map((value, i) => spreadsheetText(value, data.columns[i]))).commit()
    }
    // A slow client: let the zip drain before reading the next batch.
    if (output.writableNeedDrain) await once(output, 'drain')
  }
  sheet.commit()
  await workbook.commit()
}

/**
 * The workbook as a readable stream (for a download): errors while writing destroy the stream,
 * which aborts the response.
 */
export function xlsxStream(data: TabularExport, options: { sheet: string }): PassThrough {
  const stream = new PassThrough()
  writeXlsx(stream, data, options).catch((error) => stream.destroy(error))
  return stream
}
