import vine from '@vinejs/vine'

/** Longest query string a view keeps (filters, sort, columns, density, rows per page). */
export const STATE_MAX = 2000

const name = () => vine.string().trim().minLength(1).maxLength(60)
const ids = () => vine.array(vine.number().withoutDecimals().positive()).maxLength(50)
const sharing = {
  visibility: vine.enum(['private', 'shared'] as const).optional(),
  roles: ids().optional(),
  teams: ids().optional(),
}

export const storeViewValidator = vine.compile(
  vine.object({
    resource: vine.string().trim().maxLength(120),
    name: name(),
    state: vine.string().maxLength(STATE_MAX).nullable().optional(),
    default: vine.boolean().optional(),
    ...sharing,
  })
)

export const updateViewValidator = vine.compile(
  vine.object({
    name: name().optional(),
    state: vine.string().maxLength(STATE_MAX).nullable().optional(),
    ...sharing,
  })
)

export const resourceValidator = vine.compile(
  vine.object({ resource: vine.string().trim().maxLength(120) })
)

export const defaultViewValidator = vine.compile(
  vine.object({
    resource: vine.string().trim().maxLength(120),
    view: vine.number().withoutDecimals().positive().nullable(),
  })
)
