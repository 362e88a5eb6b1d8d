import vine from '@vinejs/vine'
import { FIELD_TYPES } from './types.js'

/** A field as Administración › Campos personalizados submits it (explicit allow-list). */
export const customFieldValidator = vine.compile(
  vine.object({
    resource: vine.string().trim().maxLength(80),
    label: vine.string().trim().minLength(1).maxLength(120),
    type: vine.enum(FIELD_TYPES),
    required: vine.boolean(),
    showInList: vine.boolean(),
    active: vine.boolean(),
    decimals: vine.number().withoutDecimals().min(0).max(6).optional(),
    choices: vine
      .array(
        vine.object({
          code: vine
            .string()
            .trim()
            .regex(/^[a-z0-9_]{1,40}$/)
            .optional(),
          label: vine.string().trim().minLength(1).maxLength(120),
          active: vine.boolean(),
        })
      )
      .maxLength(200)
      .optional(),
  })
)

export const moveFieldValidator = vine.compile(
  vine.object({ direction: vine.enum(['up', 'down'] as const) })
)
