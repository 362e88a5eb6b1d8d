import vine from '@vinejs/vine'

/** A licence file is a few hundred bytes of JSON: anything near these limits is not one. */
export const licenceValidator = vine.compile(
  vine.object({
    content: vine.string().trim().maxLength(65_536).optional(),
    file: vine.file({ size: '64kb' }).optional(),
  })
)
