import type { HttpContext } from '@adonisjs/core/http'
import { notFound, orBack, routeId } from '#app/support/http'
import {
  stageMoveValidator,
  stageValidator,
  teamQueryValidator,
} from '../validators/opportunities.js'
import { pipelineStages, teamOptions } from '../support/opportunities_stages.js'
import { OPPORTUNITIES } from '../actions/opportunities/load_opportunity.js'
import { stepsOfStages } from '../actions/opportunities/steps.js'
import { repRatios } from '../actions/opportunities/rep_ratios.js'
import {
  addStage,
  copyDefaultPipeline,
  deleteStage,
  moveStage,
  updateStage,
} from '../actions/opportunities/team_pipeline.js'

/** CRM › Equipos: each sales team's stages and its reps' ratios. */
export default class OpportunitiesTeamsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.view`)
    const [, parsed] = await teamQueryValidator.tryValidate(ctx.request.qs())
    const organizationId = ctx.organization.id
    const teams = await teamOptions(organizationId)
    const teamId =
      parsed?.team && teams.some((t) => t.value === String(parsed.team)) ? parsed.team : null
    const [stages, ratios] = await Promise.all([
      pipelineStages(organizationId, teamId),
      repRatios(ctx.access, teamId),
    ])
    const steps = await stepsOfStages(
      organizationId,
      stages.map((s) => s.id)
    )
    return ctx.inertia.render('crm/opportunities/teams', {
      teams,
      teamId,
      stages,
      steps,
      // The team shows the default pipeline until it copies it.
      ownPipeline: teamId === null || stages.some((s) => s.teamId === teamId),
      ratios,
      canConfigure: ctx.access.can(`${OPPORTUNITIES}.configure`),
    })
  }

  async copy(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    await copyDefaultPipeline(ctx.organization.id, routeId(ctx))
    return ctx.response.redirect().back()
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    const { teamId, ...data } = await ctx.request.validateUsing(stageValidator)
    await addStage(ctx.organization.id, teamId ?? null, data)
    return ctx.response.redirect().back()
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    // A stage keeps its pipeline: `teamId` is read only when adding one.
    const data = await ctx.request.validateUsing(stageValidator)
    return orBack(ctx, async () => {
      await updateStage(ctx.organization.id, routeId(ctx), data)
      return ctx.response.redirect().back()
    })
  }

  async move(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    const { direction } = await ctx.request.validateUsing(stageMoveValidator)
    await moveStage(ctx.organization.id, routeId(ctx), direction)
    return ctx.response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    const id = routeId(ctx)
    if (!id) notFound()
    return orBack(ctx, async () => {
      await deleteStage(ctx.organization.id, id)
      return ctx.response.redirect().back()
    })
  }
}
