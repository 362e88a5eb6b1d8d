import type { HttpContext } from '@adonisjs/core/http'
import { Readable } from 'node:stream'
import { csvChunks, type TabularExport } from './csv.js'
import { XLSX_CONTENT_TYPE, xlsxStream } from './xlsx.js'

/** The formats every list exports to, through the same rows (TabularExport). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: XLSX_CONTENT_TYPE,
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266),
 * so "contactos-…" or "empresas-…" download under their translated name in every browser.
 */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * Sends an export as a download, streamed (neither format is held whole in memory):
 * `<fileBase>-<yyyy-mm-dd>.<format>`; `sheet` names the XLSX worksheet.
 */
export function sendExport(
  ctx: HttpContext,
  format: ExportFormat,
  data: TabularExport,
  names: { fileBase: string; sheet: string }
) {
  const fileName = `${names.fileBase}-${new Date().toISOString().slice(0, 10)}.${format}`
  ctx.response.header('Content-Type', CONTENT_TYPES[format])
  ctx.response.header('Content-Disposition', attachment(fileName))
  ctx.response.header('Cache-Control', 'no-store')
  ctx.response.stream(
    format === 'xlsx' ? xlsxStream(data, { sheet: names.sheet }) : Readable.from(csvChunks(data))
  )
}
