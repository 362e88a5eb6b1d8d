import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { fileTypeFromFile } from 'file-type'

/**
 * What a file is, decided from its bytes (file-type's magic numbers), never from its name or
 * the browser's claim. The name only chooses between types the bytes cannot tell apart: an OLE
 * container is a .doc, .xls or .ppt; plain text is .csv or .txt.
 *
 * Rule: only the types below are stored. Anything else — executables, scripts, unknown binary,
 * and any text that starts like markup (HTML, SVG, XML: a browser could run its scripts) — is
 * refused with a translated message. Downloads are attachments with `nosniff` anyway.
 */
export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/heic': 'HEIC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/msword': 'DOC',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.ms-powerpoint': 'PPT',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'application/rtf': 'RTF',
  'application/zip': 'ZIP',
  'message/rfc822': 'EML',
  'text/plain': 'TXT',
  'text/csv': 'CSV',
}

/** Short, language-neutral names of the accepted types (as file extensions), for messages and lists. */
export const ALLOWED_LABELS = [...new Set(Object.values(ALLOWED_TYPES))]

const OLE_BY_EXTENSION: Record<string, string> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
}

const TEXT_BY_EXTENSION: Record<string, string> = {
  '.csv': 'text/csv',
  '.eml': 'message/rfc822',
}

const SAMPLE = 8192

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SAMPLE)
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Text that starts (after a BOM and blanks) with `<` is treated as markup: that is what browsers
 * sniff as HTML. Invalid UTF-8 may still be windows-1252 text: allowed, downloaded as such.
 */
function classifyText(sample: Buffer): 'text' | 'markup' | 'binary' {
  if (sample.includes(0)) return 'binary'
  const text = sample.toString('utf8').replace(/^\uFEFF/, '')
  return /^\s*</.test(text) ? 'markup' : 'text'
}

/** The detected MIME type (`application/octet-stream` when unknown) and whether it is allowed. */
export async function detectContentType(
  path: string,
  originalName: string
): Promise<{ contentType: string; allowed: boolean }> {
  const ext = extname(originalName).toLowerCase()
  const found = await fileTypeFromFile(path)
  let contentType: string
  if (found) {
    contentType =
      found.mime === 'application/x-cfb' ? (OLE_BY_EXTENSION[ext] ?? found.mime) : found.mime
  } else {
    const sample = await head(path)
    const kind = sample.length === 0 ? 'binary' : classifyText(sample)
    contentType =
      kind === 'text'
        ? (TEXT_BY_EXTENSION[ext] ?? 'text/plain')
        : kind === 'markup'
          ? 'text/html'
          : 'application/octet-stream'
  }
  return { contentType, allowed: contentType in ALLOWED_TYPES }
}
