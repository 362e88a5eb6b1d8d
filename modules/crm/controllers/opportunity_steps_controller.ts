import type { HttpContext } from '@adonisjs/core/http'
import { actor, notFound, routeId } from '#app/support/http'
import { OPPORTUNITIES } from '../actions/opportunities/load_opportunity.js'
import { addStep, deleteStep, moveStep, renameStep } from '../actions/opportunities/steps.js'
import { tickStep } from '../actions/opportunities/tick_step.js'
import { stageMoveValidator, stepValidator, tickValidator } from '../validators/opportunities.js'

/** The sales process: steps per stage (CRM › Equipos) and their ticks on an opportunity. */
export default class OpportunityStepsController {
  async store(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    const { stageId, name } = await ctx.request.validateUsing(stepValidator)
    if (!stageId) notFound()
    await addStep(ctx.organization.id, stageId, name)
    return ctx.response.redirect().back()
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    const { name } = await ctx.request.validateUsing(stepValidator)
    await renameStep(ctx.organization.id, routeId(ctx), name)
    return ctx.response.redirect().back()
  }

  async move(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    const { direction } = await ctx.request.validateUsing(stageMoveValidator)
    await moveStep(ctx.organization.id, routeId(ctx), direction)
    return ctx.response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.configure`)
    await deleteStep(ctx.organization.id, routeId(ctx))
    return ctx.response.redirect().back()
  }

  /** Ticks or unticks a step on an opportunity (JSON). */
  async tick(ctx: HttpContext) {
    ctx.access.authorize(`${OPPORTUNITIES}.edit`)
    const { done } = await ctx.request.validateUsing(tickValidator)
    await tickStep({
      ...actor(ctx),
      opportunityId: routeId(ctx),
      stepId: Number(ctx.params.stepId),
      done,
    })
    return { done }
  }
}
