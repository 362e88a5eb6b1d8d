import vine from '@vinejs/vine'
import { pageFields } from '#validators/list_page'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Filters of the audit log (query string). */
export const auditFiltersValidator = vine.compile(
  vine.object({
    actorId: vine.number().withoutDecimals().positive().optional(),
    subjectType: vine
      .string()
      .trim()
      .maxLength(60)
      .regex(/^[a-z][a-z0-9_.]*$/)
      .optional(),
    subjectId: vine.number().withoutDecimals().positive().optional(),
    // A kernel action or a module's `<module>.<name>` (manifest `auditActions`).
    action: vine
      .string()
      .maxLength(16)
      .regex(/^[a-z][a-z0-9_.]*$/)
      .optional(),
    from: vine.string().regex(DAY).optional(),
    to: vine.string().regex(DAY).optional(),
    ...pageFields,
    exact: vine.boolean().optional(),
  })
)

export type AuditFilters = Awaited<ReturnType<typeof auditFiltersValidator.validate>>
