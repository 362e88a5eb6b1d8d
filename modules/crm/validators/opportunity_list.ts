import vine from '@vinejs/vine'
import { PAGE_SIZES } from './shared.js'

/*
 * The filters of the opportunities' board and list, read from the address bar: the same names
 * on both pages, so a saved view (its query string) serves either, and the "Tablero | Lista"
 * switch carries them across. The list adds its sort and pager; the board ignores them.
 */

const id = () => vine.number().withoutDecimals().positive()
const date = () => vine.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const OPPORTUNITY_SORTS = ['name', '-name', 'created', '-created'] as const
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number]

export const opportunityListValidator = vine.compile(
  vine.object({
    team: id().optional(),
    /** A user's id or `mine`. */
    owner: vine
      .string()
      .trim()
      .regex(/^(mine|\d{1,10})$/)
      .optional(),
    /** Opportunities without owner (wins over `owner`). */
    unassigned: vine.enum(['1'] as const).optional(),
    stage: id().optional(),
    status: vine.enum(['open', 'won', 'lost'] as const).optional(),
    source: vine.string().trim().maxLength(40).optional(),
    priority: vine.number().withoutDecimals().range([0, 3]).optional(),
    closeFrom: date().optional(),
    closeTo: date().optional(),
    amountMin: vine.number().withoutDecimals().min(0).optional(),
    q: vine.string().trim().maxLength(100).optional(),
    sort: vine.enum(OPPORTUNITY_SORTS).optional(),
    cursor: vine.string().maxLength(1000).optional(),
    /** The list's previous-page cursor; on the board's column endpoint, the last card's id. */
    before: vine.string().maxLength(1000).optional(),
    count: vine.enum(['exact'] as const).optional(),
    per: vine
      .number()
      .in([...PAGE_SIZES])
      .optional(),
  })
)

export type OpportunityListQuery = Awaited<ReturnType<typeof opportunityListValidator.validate>>
