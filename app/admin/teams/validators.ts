import vine from '@vinejs/vine'
import { parseMoneyToMinor } from '#app/admin/teams/money'
import { TEAM_CURRENCIES } from '#app/admin/teams/currencies'

interface Meta {
  organizationId: number
  teamId?: number
}

/** An amount of money a person typed, not negative; the output is minor units as a string. */
const moneyRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const minor = parseMoneyToMinor(value)
  if (minor === null || minor < 0n)
    field.report('The {{ field }} field must be an amount like 60.000,00', 'money', field)
})

export const teamValidator = vine.withMetaData<Meta>().compile(
  vine.object({
    name: vine
      .string()
      .trim()
      .minLength(2)
      .maxLength(120)
      .unique(async (db, value, field) => {
        const query = db
          .from('teams')
          .where({ organization_id: field.meta.organizationId, name: value })
          .select('id')
        if (field.meta.teamId) query.whereNot('id', field.meta.teamId)
        return !(await query.first())
      }),
    leaderId: vine.number().withoutDecimals().positive().nullable().optional(),
    memberIds: vine.array(vine.number().withoutDecimals().positive()).distinct().maxLength(500),
    monthlyTarget: vine
      .string()
      .trim()
      .maxLength(30)
      .use(moneyRule())
      .transform((value) => parseMoneyToMinor(value)!.toString()),
    // Two-decimal currencies only: the target is parsed and stored as hundredths.
    currency: vine
      .string()
      .trim()
      .toUpperCase()
      .in([...TEAM_CURRENCIES]),
  })
)

export type TeamData = Awaited<ReturnType<typeof teamValidator.validate>>
