import type { HttpContext } from '@adonisjs/core/http'
import { recordFlags } from '#app/flags/record_flags'
import { PRODUCT_FAMILIES_LIST } from '../quotas/lists.js'
import db from '@adonisjs/lucid/services/db'
import { actor, notFound, orBack, routeId, translateRule } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { assignableOwners, recordActions } from '#app/access/owners'
import { lists } from '#app/settings/lists'
import { currencies } from '#app/settings/currencies'
import { timelineFilters } from '#app/history/kinds'
import { readTimeline } from '../support/timeline_reader.js'
import { pipelineStages, teamOptions } from '../support/opportunities_stages.js'
import { activitiesForRecord } from '../activities/for_record.js'
import {
  CONTACT_ROLES_LIST,
  LOST_REASONS_LIST,
  OPPORTUNITY_SOURCES_LIST,
} from '../features/pipeline.js'
import { tagsPanel } from '#app/tags/panel'
import { opportunityProcess } from '../actions/opportunities/steps.js'
import {
  OPPORTUNITIES,
  OPPORTUNITY_SUBJECT,
  loadOpportunity,
  visibleOpportunityId,
} from '../actions/opportunities/load_opportunity.js'
import { createOpportunity } from '../actions/opportunities/create_opportunity.js'
import { moveOpportunity, reopenOpportunity } from '../actions/opportunities/move_opportunity.js'
import { updateOpportunity } from '../actions/opportunities/update_opportunity.js'
import type { OpportunityDetail } from '../dto/opportunities.js'
import {
  moveValidator,
  opportunityValidator,
  reopenValidator,
} from '../validators/opportunities.js'

const TIMELINE_PAGE = 20

/** Thin: permission (403) → scope (404) → validate → one action → a DTO for the page. */
export default class OpportunitiesController {
  async store(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.create`)
    const data = await ctx.request.validateUsing(opportunityValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      const created = await createOpportunity({ ...actor(ctx), data })
      ctx.session.flash('success', ctx.i18n.t('crm.opportunities.created', { name: created.name }))
      return ctx.request.input('stay')
        ? ctx.response.redirect().back()
        : ctx.response.redirect().toRoute('crm.opportunities.show', { id: created.id })
    })
  }

  async show(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const id = (await visibleOpportunityId(ctx.access, routeId(ctx))) ?? notFound()
    const organizationId = ctx.organization.id
    const opportunity = (await loadOpportunity(db.connection(), organizationId, id))!
    const locale = ctx.i18n.locale
    const stages = await pipelineStages(organizationId, opportunity.teamId)
    const [history, activities, allowed, lostReasons, sources, roles, tags, process, families] =
      await Promise.all([
        readTimeline(ctx.access, {
          subjectType: OPPORTUNITY_SUBJECT,
          subjectId: id,
          limit: TIMELINE_PAGE,
        }),
        activitiesForRecord(ctx.access, OPPORTUNITY_SUBJECT, id),
        recordActions(ctx.access, OPPORTUNITIES, opportunity.ownerId),
        lists.options(organizationId, LOST_REASONS_LIST, locale, [opportunity.lostReason]),
        lists.labels(organizationId, OPPORTUNITY_SOURCES_LIST, locale),
        lists.options(
          organizationId,
          CONTACT_ROLES_LIST,
          locale,
          opportunity.contacts.map((c) => c.role)
        ),
        tagsPanel(ctx.access, OPPORTUNITIES, id),
        opportunityProcess(organizationId, id, opportunity.stageId, stages),
        lists.labels(organizationId, PRODUCT_FAMILIES_LIST, locale),
      ])
    return ctx.inertia.render('crm/opportunities/show', {
      opportunity,
      stages,
      timeline: history,
      timelineFilters: timelineFilters().map(({ key, label }) => ({ key, label })),
      activities,
      allowed,
      lostReasons,
      sources,
      roles,
      tags,
      process,
      families,
      flags: await recordFlags(organizationId, 'crm.opportunity', id),
    })
  }

  /** A move on the board: JSON, 422 with the reason when refused (the card goes back). */
  async move(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.edit`)
    const id = routeId(ctx)
    const data = await ctx.request.validateUsing(moveValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    try {
      const moved = await moveOpportunity({ ...actor(ctx), id, ...data })
      return { id, stageId: moved.stage.id, probability: moved.stage.probability }
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      return ctx.response.unprocessableEntity({
        field: error.field ?? null,
        message: translateRule(ctx, error.key, error.values),
      })
    }
  }

  async reopen(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.edit`)
    const id = routeId(ctx)
    const data = await ctx.request.validateUsing(reopenValidator)
    return orBack(ctx, async () => {
      await reopenOpportunity({ ...actor(ctx), id, ...data })
      return ctx.response.redirect().back()
    })
  }

  async timeline(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const subjectId = (await visibleOpportunityId(ctx.access, routeId(ctx))) ?? notFound()
    const before = Number(ctx.request.input('before')) || undefined
    const kind = String(ctx.request.input('kind') ?? '') || null
    return readTimeline(ctx.access, {
      kind,
      subjectType: OPPORTUNITY_SUBJECT,
      subjectId,
      before,
      limit: TIMELINE_PAGE,
    })
  }

  async #formOptions(ctx: HttpContext, o: OpportunityDetail | null) {
    const organizationId = ctx.organization.id
    const [stages, owners, teams, currencyList, sources, roles, families] = await Promise.all([
      pipelineStages(organizationId, o?.teamId ?? null),
      assignableOwners(ctx.access, OPPORTUNITIES, { action: o ? 'edit' : 'create' }),
      teamOptions(organizationId),
      currencies(organizationId),
      lists.options(organizationId, OPPORTUNITY_SOURCES_LIST, ctx.i18n.locale, [o?.source]),
      lists.options(
        organizationId,
        CONTACT_ROLES_LIST,
        ctx.i18n.locale,
        (o?.contacts ?? []).map((c) => c.role)
      ),
      lists.options(organizationId, PRODUCT_FAMILIES_LIST, ctx.i18n.locale, [o?.productFamily]),
    ])
    return {
      opportunity: o,
      stages,
      owners,
      teams,
      // The form turns the typed amount into minor units with the currency's decimals.
      currencies: currencyList.map((c) => ({ value: c.code, label: c.code, decimals: c.decimals })),
      sources,
      families,
      companies: o?.companyId ? [{ value: String(o.companyId), label: o.companyName ?? '' }] : [],
      roles,
    }
  }

  async create(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.create`)
    return ctx.inertia.render('crm/opportunities/form', await this.#formOptions(ctx, null))
  }

  async edit(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.edit`)
    const id = (await visibleOpportunityId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const opportunity = await loadOpportunity(db.connection(), ctx.organization.id, id)
    return ctx.inertia.render('crm/opportunities/form', await this.#formOptions(ctx, opportunity))
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.edit`)
    const id = (await visibleOpportunityId(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const data = await ctx.request.validateUsing(opportunityValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      await updateOpportunity({ ...actor(ctx), id, data })
      return ctx.response.redirect().toRoute('crm.opportunities.show', { id })
    })
  }
}
