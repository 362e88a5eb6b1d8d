import vine from '@vinejs/vine'

const id = () => vine.number().withoutDecimals().positive()

/** Move a message or its thread: `record` is `crm.contact:12` (checked by parseRecordRef). */
export const moveValidator = vine.compile(
  vine.object({
    record: vine.string().trim().maxLength(60),
    scope: vine.enum(['message', 'thread'] as const).optional(),
  })
)

export const assignValidator = vine.compile(vine.object({ userId: id() }))

export const spamValidator = vine.compile(vine.object({ spam: vine.boolean() }))

/** A contact from the sender of a triaged message (e-mail and company come from the mail). */
export const senderContactValidator = vine.compile(
  vine.object({
    firstName: vine.string().trim().minLength(1).maxLength(100),
    lastName: vine.string().trim().maxLength(150).optional(),
  })
)

export const labelValidator = vine.compile(
  vine.object({ name: vine.string().trim().minLength(1).maxLength(80) })
)

export const fileValidator = vine.compile(vine.object({ messageId: id(), filed: vine.boolean() }))

/** The triage list's query: keyset cursor and tag filter. */
export const triageQueryValidator = vine.compile(
  vine.object({
    before: id().optional(),
    tag: vine.string().trim().maxLength(60).optional(),
  })
)
