import vine from '@vinejs/vine'

export const loginValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    password: vine.string().minLength(1).maxLength(200),
    remember: vine.boolean().optional(),
  })
)

export const forgotPasswordValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
  })
)

export const resetPasswordValidator = vine.compile(
  vine.object({
    token: vine.string().trim().minLength(20).maxLength(100),
    password: vine.string().minLength(10).maxLength(200).confirmed(),
  })
)

export const preferencesValidator = vine.compile(
  vine.object({
    fullName: vine.string().trim().minLength(2).maxLength(160),
    locale: vine.enum(['es', 'en']),
    timezone: vine.string().trim().maxLength(64).in(Intl.supportedValuesOf('timeZone')),
  })
)

export const changePasswordValidator = vine.compile(
  vine.object({
    currentPassword: vine.string().minLength(1).maxLength(200),
    password: vine.string().minLength(10).maxLength(200).confirmed(),
  })
)

export const localeValidator = vine.compile(vine.object({ locale: vine.enum(['es', 'en']) }))
