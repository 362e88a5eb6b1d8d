import vine from '@vinejs/vine'

/** `{ preferences: { '<kind>': 'off' | 'immediate' | 'digest' } }`; unknown kinds are ignored. */
export const notificationPreferencesValidator = vine.compile(
  vine.object({
    preferences: vine.record(vine.enum(['off', 'immediate', 'digest'] as const)),
  })
)
