import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { RuleError } from '#app/support/rule_error'
import { notFound, routeId, translateRule } from '#app/support/http'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { checkViewResource } from './resource.js'
import {
  defaultViewId,
  findManageableView,
  findVisibleView,
  viewDto,
  visibleViews,
} from './saved_views.js'
import { createView, deleteView, setDefaultView, updateView } from './write_views.js'
import {
  defaultViewValidator,
  resourceValidator,
  storeViewValidator,
  updateViewValidator,
} from './validators.js'

/** A refused business rule, as VineJS answers JSON requests: 422 with the field's message. */
async function or422(ctx: HttpContext, work: () => Promise<unknown>) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    const message = translateRule(ctx, error.key, error.values)
    return ctx.response.status(422).send({ errors: [{ field: error.field, message }] })
  }
}

/**
 * Saved views of any module's list (JSON). Seeing and creating views of a resource needs its
 * `view` permission (403); a view the user may not see answers 404; changing one needs to own
 * it (an administrator also manages shared ones), else 403.
 */
export default class ViewsController {
  async #manageable(ctx: HttpContext) {
    const view = (await findManageableView(ctx.access, routeId(ctx))) ?? notFound()
    if (view === 'forbidden') throw new ForbiddenException()
    await checkViewResource(ctx.access, view.resource)
    return view
  }

  /** `GET /views?resource=`: the views the user sees and her default. */
  async index(ctx: HttpContext) {
    const { resource } = await ctx.request.validateUsing(resourceValidator, {
      data: ctx.request.qs(),
    })
    await checkViewResource(ctx.access, resource)
    const views = await visibleViews(ctx.access, resource)
    return { views, defaultViewId: await defaultViewId(ctx.access, resource, views) }
  }

  /** `GET /views/targets`: the organization's roles and teams a view can be shared with. */
  async targets(ctx: HttpContext) {
    const list = (table: string) =>
      db
        .from(table)
        .where('organization_id', ctx.organization.id)
        .orderBy('name_normalized')
        .select('id', 'name')
    const [roles, teams] = await Promise.all([list('roles'), list('teams')])
    const options = (rows: any[]) => rows.map((r) => ({ value: String(r.id), label: r.name }))
    return { roles: options(roles), teams: options(teams) }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(storeViewValidator)
    await checkViewResource(ctx.access, input.resource)
    return or422(ctx, async () => {
      const id = await createView(ctx.access, input, input.default === true)
      const view = (await findVisibleView(ctx.access, id))!
      return ctx.response.status(201).send({ view: await viewDto(ctx.access, view) })
    })
  }

  async update(ctx: HttpContext) {
    const view = await this.#manageable(ctx)
    const changes = await ctx.request.validateUsing(updateViewValidator)
    return or422(ctx, async () => {
      await updateView(ctx.access, view, changes)
      const fresh = (await findManageableView(ctx.access, view.id)) as typeof view
      return { view: await viewDto(ctx.access, fresh) }
    })
  }

  async destroy(ctx: HttpContext) {
    const view = await this.#manageable(ctx)
    await deleteView(view)
    return { deleted: view.id }
  }

  /** `PUT /views/default` `{ resource, view }`: sets (a view the user sees) or clears (null). */
  async setDefault(ctx: HttpContext) {
    const { resource, view } = await ctx.request.validateUsing(defaultViewValidator)
    await checkViewResource(ctx.access, resource)
    if (view !== null) {
      const found = await findVisibleView(ctx.access, view)
      if (!found || found.resource !== resource) notFound()
    }
    await setDefaultView(ctx.access, resource, view)
    return { defaultViewId: view }
  }
}
