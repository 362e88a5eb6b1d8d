import vine from '@vinejs/vine'
import { pageFields } from './list_page.js'

/** Filters of the Papelera (query string). */
export const binFiltersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100).optional(),
    resource: vine
      .string()
      .regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/)
      .optional(),
    ...pageFields,
    exact: vine.boolean().optional(),
  })
)

/** The Papelera's retention (administrators): days before the nightly purge. */
export const binRetentionValidator = vine.compile(
  vine.object({
    days: vine.number().withoutDecimals().min(1).max(3650),
  })
)

/** How long read notifications and finished imports are kept (administrators). */
export const cleanupValidator = vine.compile(
  vine.object({
    notificationDays: vine.number().withoutDecimals().min(1).max(3650),
    importDays: vine.number().withoutDecimals().min(1).max(3650),
  })
)
