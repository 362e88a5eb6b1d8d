import vine from '@vinejs/vine'

/** A new absence: two days (`YYYY-MM-DD`), the end on or after the start, an optional reason. */
export const absenceValidator = vine.compile(
  vine.object({
    startsOn: vine.date({ formats: ['YYYY-MM-DD'] }),
    endsOn: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrSameAs('startsOn'),
    reason: vine.string().trim().maxLength(200).optional(),
  })
)
