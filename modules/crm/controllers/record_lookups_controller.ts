import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { LIKE_ESCAPE, likePrefix } from '#app/support/like'
import { searchKeys } from '../support/search.js'
import { LEADS } from '../actions/leads/lead_scope.js'
import { leadName } from '../actions/leads/load_lead.js'
import { OPPORTUNITIES } from '../actions/opportunities/load_opportunity.js'
import type { Option } from '../dto/shared.js'

const LIMIT = 20

const queryOf = (ctx: HttpContext) => String(ctx.request.input('q') ?? '').slice(0, 100)

/**
 * Record pickers (the activity form) for leads and opportunities, like crm.companies.lookup:
 * the plain resolver scope (access.scope), the same rule subjectVisible applies when the
 * activity is saved, so the picker never offers a record the save would refuse.
 */
export default class RecordLookupsController {
  async leads(ctx: HttpContext): Promise<Option[]> {
    ctx.access.authorize(`${LEADS}.view`)
    const q = queryOf(ctx)
    const query = db
      .from('crm_leads as l')
      .orderBy('l.created_at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(LIMIT)
      .select('l.id', 'l.title', 'l.first_name', 'l.last_name', 'l.company_name')
    await ctx.access.scope(query, LEADS, { table: 'l' })
    if (q) {
      const name = likePrefix(searchKeys(q).name)
      query.where((w) => {
        w.whereRaw(`l.name_normalized LIKE ? ${LIKE_ESCAPE}`, [name])
        w.orWhereRaw(`l.company_name_normalized LIKE ? ${LIKE_ESCAPE}`, [name])
      })
    }
    return (await query).map((r) => ({
      value: String(r.id),
      label: leadName({
        title: r.title,
        firstName: r.first_name,
        lastName: r.last_name,
        companyName: r.company_name,
      }),
    }))
  }

  async opportunities(ctx: HttpContext): Promise<Option[]> {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const q = queryOf(ctx)
    const query = db
      .from('crm_opportunities as o')
      .orderBy('o.name_normalized')
      .orderBy('o.id')
      .limit(LIMIT)
      .select('o.id', 'o.name')
    await ctx.access.scope(query, OPPORTUNITIES, { table: 'o' })
    if (q)
      query.whereRaw(`o.name_normalized LIKE ? ${LIKE_ESCAPE}`, [likePrefix(searchKeys(q).name)])
    return (await query).map((r) => ({ value: String(r.id), label: r.name }))
  }
}
