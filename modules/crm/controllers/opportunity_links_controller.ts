import type { HttpContext } from '@adonisjs/core/http'
import { actor, routeId, translateRule } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { OPPORTUNITIES } from '../actions/opportunities/load_opportunity.js'
import { saveOpportunityLinks } from '../actions/opportunities/opportunity_links.js'
import {
  competitorOptions,
  opportunityContactOptions,
} from '../actions/opportunities/link_lookups.js'
import { linksValidator } from '../validators/opportunities.js'

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 100) : undefined)

/** An opportunity's contacts with roles and its competitors: pickers and the direct edit. */
export default class OpportunityLinksController {
  /** Contact picker: `company` (the opportunity's) people first. */
  async contacts(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    ctx.access.authorize('crm.contacts.view')
    const qs = ctx.request.qs()
    return opportunityContactOptions(ctx.access, {
      q: text(qs.q),
      companyId: Number(qs.company) || undefined,
    })
  }

  /** Competitor picker: companies of type competidor. */
  async competitors(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    ctx.access.authorize('crm.companies.view')
    return competitorOptions(ctx.access, text(ctx.request.qs().q))
  }

  /** PUT the whole list of contacts or competitors (JSON; 422 with the reason when refused). */
  async update(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.edit`)
    const data = await ctx.request.validateUsing(linksValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    try {
      const saved = await saveOpportunityLinks({ ...actor(ctx), id: routeId(ctx), ...data })
      return { contacts: saved.contacts, competitors: saved.competitors }
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      return ctx.response.unprocessableEntity({
        field: error.field ?? null,
        message: translateRule(ctx, error.key, error.values),
      })
    }
  }
}
