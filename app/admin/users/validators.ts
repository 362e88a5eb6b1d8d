import vine from '@vinejs/vine'
import { pageFields } from '#validators/list_page'

/** Identifies the user being edited so their own e-mail does not count as taken. */
interface Meta {
  userId?: number
}

const TIMEZONES = Intl.supportedValuesOf('timeZone')

/*
 * Explicit allow-lists: organization, active flag (on edit), last login and the like never come
 * from the form. Whether ids belong to the organization is checked by the actions, in one query.
 */
const fields = {
  fullName: vine.string().trim().minLength(2).maxLength(160),
  email: vine
    .string()
    .trim()
    .toLowerCase()
    .email()
    .maxLength(254)
    // E-mail is the sign-in name, unique across the deployment (see the users migration).
    .unique(async (db, value, field) => {
      const query = db.from('users').where('email', value).select('id')
      if (field.meta.userId) query.whereNot('id', field.meta.userId)
      return !(await query.first())
    }),
  locale: vine.enum(['es', 'en'] as const),
  timezone: vine.string().trim().maxLength(64).in(TIMEZONES),
  roleIds: vine.array(vine.number().withoutDecimals().positive()).distinct().maxLength(50),
  reportsToId: vine.number().withoutDecimals().positive().nullable().optional(),
}

export const createUserValidator = vine.withMetaData<Meta>().compile(
  vine.object({
    ...fields,
    isActive: vine.boolean(),
    /** `set`: the administrator types the first password; `email`: the user gets a reset link. */
    passwordMode: vine.enum(['set', 'email'] as const),
    password: vine
      .string()
      .minLength(10)
      .maxLength(200)
      .optional()
      .requiredWhen('passwordMode', '=', 'set'),
  })
)

export const updateUserValidator = vine.withMetaData<Meta>().compile(
  vine.object({
    ...fields,
    /** Left empty, the password stays as it is. */
    password: vine.string().minLength(10).maxLength(200).optional(),
  })
)

export const listUsersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100).optional(),
    status: vine.enum(['active', 'inactive'] as const).optional(),
    roleId: vine.number().withoutDecimals().positive().optional(),
    ...pageFields,
  })
)

export type CreateUserData = Awaited<ReturnType<typeof createUserValidator.validate>>
export type UpdateUserData = Awaited<ReturnType<typeof updateUserValidator.validate>>
export type ListUsersFilters = Awaited<ReturnType<typeof listUsersValidator.validate>>
