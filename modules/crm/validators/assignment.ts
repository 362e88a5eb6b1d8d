import vine from '@vinejs/vine'
import { PROVINCE_NAMES } from '../catalog.js'
import { STRATEGIES } from '../assignment/types.js'

/*
 * An assignment rule as the rules page sends it. Explicit allow-list: organization, position,
 * the round-robin pointer and the weighted counts never come from the form. Users and teams
 * are checked against the organization by the action.
 */

const codes = vine.array(vine.string().trim().minLength(1).maxLength(40)).maxLength(100).optional()

const postcode = vine
  .string()
  .trim()
  .regex(/^\d{5}$/)

const ranges = vine
  .array(vine.object({ from: postcode, to: postcode }))
  .maxLength(50)
  .optional()

const provinces = vine.array(vine.enum(PROVINCE_NAMES)).maxLength(60).optional()

export const ruleValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(120),
    active: vine.boolean(),
    strategy: vine.enum(STRATEGIES),
    fixedUserId: vine.number().withoutDecimals().positive().nullable().optional(),
    teamId: vine.number().withoutDecimals().positive().nullable().optional(),
    conditions: vine.object({
      sources: codes,
      provinces,
      postcodes: ranges,
      sectors: codes,
      sizes: codes,
      productInterests: codes,
      languages: vine
        .array(vine.string().trim().minLength(2).maxLength(10))
        .maxLength(20)
        .optional(),
    }),
    members: vine
      .array(
        vine.object({
          userId: vine.number().withoutDecimals().positive(),
          weight: vine.number().withoutDecimals().min(1).max(100),
          capacity: vine.number().withoutDecimals().min(0).max(100000).nullable().optional(),
          territory: vine.object({ provinces, postcodes: ranges }).optional(),
        })
      )
      .maxLength(100)
      .distinct('userId'),
  })
)

export const moveRuleValidator = vine.compile(
  vine.object({ direction: vine.enum(['up', 'down'] as const) })
)

export const fallbackValidator = vine.compile(
  vine.object({ fallbackUserId: vine.number().withoutDecimals().positive().nullable() })
)

export const dryRunValidator = vine.compile(
  vine.object({ days: vine.number().withoutDecimals().min(1).max(365).optional() })
)
