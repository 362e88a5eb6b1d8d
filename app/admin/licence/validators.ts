import vine from '@vinejs/vine'

/** A licence file is a few hundred bytes of JSON: anything near these limits is not one. */
export const licenceValidator = vine.compile(
  vine.object({
    content: vine.string().trim().maxLength(65_536).optional(),
    file: vine.file({ size: '64kb' }).optional(),
  })
)

/** Seat quotas per organization, from the host's licence page; empty means no quota. */
export const seatQuotasValidator = vine.compile(
  vine.object({
    quotas: vine
      .array(
        vine.object({
          organizationId: vine.number().withoutDecimals().positive(),
          seatQuota: vine.number().withoutDecimals().min(0).max(1_000_000).nullable(),
        })
      )
      .maxLength(10_000),
  })
)
