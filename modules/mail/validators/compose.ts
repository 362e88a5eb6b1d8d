import vine from '@vinejs/vine'

/*
 * A mail written from a record, and a template, as their forms send them. Explicit
 * allow-lists: organization, user, status and Message-ID never come from the form.
 */

const addresses = vine.array(vine.string().trim().maxLength(254)).maxLength(50)

export const composeValidator = vine.compile(
  vine.object({
    record: vine.string().trim().maxLength(40),
    mailboxId: vine.number().withoutDecimals().positive(),
    to: addresses.clone().minLength(1),
    cc: addresses.clone().optional(),
    bcc: addresses.clone().optional(),
    subject: vine.string().trim().minLength(1).maxLength(500),
    body: vine.string().maxLength(100_000),
    replyToMessageId: vine.number().withoutDecimals().positive().nullable().optional(),
    documentIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(10).optional(),
  })
)

export const templateValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(120),
    subject: vine.string().trim().minLength(1).maxLength(500),
    body: vine.string().trim().minLength(1).maxLength(100_000),
  })
)
