import vine from '@vinejs/vine'
import { DELIMITERS, ENCODINGS } from '#app/import/read'

const readOptions = {
  encoding: vine.enum(ENCODINGS).optional(),
  delimiter: vine.enum(DELIMITERS).optional(),
  sheet: vine.string().trim().maxLength(100).optional(),
}

/** The upload: a CSV or XLSX file and, optionally, the encoding and delimiter to use. */
export const importUploadValidator = vine.compile(
  vine.object({
    // The extension and content are checked by the pipeline, with translated messages.
    file: vine.file({ size: '50mb' }),
    ...readOptions,
  })
)

/** Reading the file again with other options. */
export const importOptionsValidator = vine.compile(vine.object(readOptions))

/** The field each column fills (empty: ignored); checked against the resource's fields. */
export const importMappingValidator = vine.compile(
  vine.object({
    mapping: vine.array(vine.string().trim().maxLength(60).nullable().optional()).maxLength(500),
  })
)

/** The preview's filter and page. */
export const importLinesValidator = vine.compile(
  vine.object({
    outcome: vine.enum(['create', 'update', 'duplicate', 'rejected'] as const).optional(),
    after: vine.number().withoutDecimals().min(0).optional(),
  })
)
