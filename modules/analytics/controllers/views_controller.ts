import type { HttpContext } from '@adonisjs/core/http'
import { meta } from '../engine/gateway.js'
import type { AnalyticsMember, AnalyticsViewsPage } from '../dto/views.js'

const member = (m: any): AnalyticsMember => ({
  name: m.name,
  title: m.shortTitle ?? m.title,
  type: m.type,
  money: m.meta?.money === 'minor',
})

/** Analítica: the public views of the semantic layer and their members. */
export default class ViewsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const { cubes } = await meta(ctx.i18n)
    const props: AnalyticsViewsPage = {
      apiUrl: '/analytics/cubejs-api/v1',
      views: cubes
        .map((c: any) => ({
          name: c.name,
          title: c.title,
          measures: c.measures.map(member),
          dimensions: c.dimensions.map(member),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
    return ctx.inertia.render('analytics/views/index', props)
  }
}
