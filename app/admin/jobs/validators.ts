import vine from '@vinejs/vine'
import { RUN_STATES } from '#app/jobs/runs'
import { pageFields } from '#validators/list_page'

/** Filters of Administración › Trabajos (query string). */
export const jobFiltersValidator = vine.compile(
  vine.object({
    state: vine.enum(RUN_STATES).optional(),
    ...pageFields,
    exact: vine.boolean().optional(),
  })
)

export type JobFilters = Awaited<ReturnType<typeof jobFiltersValidator.validate>>
