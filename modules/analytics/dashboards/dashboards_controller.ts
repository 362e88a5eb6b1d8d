import type { HttpContext } from '@adonisjs/core/http'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import type { DashboardDefinition, DashboardWidget } from '#app/registry/types'
import { load } from '../engine/gateway.js'
import { readFilters } from './period.js'
import type {
  DashboardFiltersDto,
  DashboardPage,
  DashboardSummary,
  DashboardsIndexPage,
  PickerOption,
  WidgetDto,
} from '../dto/dashboards.js'

type Entry = DashboardDefinition & { module: string }

/** The dashboards of the organization's enabled modules that the user may open. */
async function openable(ctx: HttpContext): Promise<Entry[]> {
  const [registry, enabled] = await Promise.all([
    moduleRegistry(),
    ctx.enabledModules ?? installer().then((i) => i.enabled(ctx.organization.id)),
  ])
  return registry.dashboards().filter((d) => enabled.has(d.module) && ctx.access.can(d.permission))
}

function summary(ctx: HttpContext, d: Entry): DashboardSummary {
  return {
    module: d.module,
    key: d.key,
    title: ctx.i18n.t(d.label),
    description: d.description ? ctx.i18n.t(d.description) : null,
    icon: d.icon ?? null,
    href: `/analytics/dashboards/${d.module}/${d.key}`,
  }
}

/** Picker options from Cube itself, in the user's scope: the teams and reps they can see. */
async function options(ctx: HttpContext, member?: { id: string; name: string }) {
  if (!member) return []
  const result: any = await load(ctx.access, {
    dimensions: [member.id, member.name],
    order: { [member.name]: 'asc' },
    limit: 500,
  })
  return (result.data as Record<string, unknown>[])
    .filter((row) => row[member.id] !== null && row[member.id] !== undefined)
    .map((row): PickerOption => ({
      value: String(row[member.id]),
      label: String(row[member.name] ?? row[member.id]),
    }))
}

async function widgetDto(
  ctx: HttpContext,
  w: DashboardWidget,
  filters: DashboardFiltersDto
): Promise<WidgetDto> {
  const base = {
    key: w.key,
    title: ctx.i18n.t(w.label),
    description: w.description ? ctx.i18n.t(w.description) : null,
    size: w.size ?? (w.kind === 'kpi' ? 'sm' : 'md'),
  } as const
  if (w.kind === 'figures') {
    try {
      const provider = (await w.provider()).default
      const figures = await provider.load({
        access: ctx.access,
        from: filters.from,
        to: filters.to,
        teamId: filters.teamId,
        repId: filters.repId,
        locale: ctx.i18n.locale,
        t: (key, params) => ctx.i18n.t(key, params as any),
      })
      return { ...base, kind: 'figures', figures, error: null }
    } catch (error) {
      ctx.logger.error({ err: error }, `dashboard figures ${w.key} failed`)
      return { ...base, kind: 'figures', figures: null, error: ctx.i18n.t('analytics.dash.error') }
    }
  }
  return {
    ...base,
    kind: w.kind,
    query: w.query,
    format: w.format,
    period: w.period ?? 'filter',
    teamMember: w.teamMember ?? null,
    repMember: w.repMember ?? null,
    teamDimensions: w.teamDimensions ?? null,
    series: w.series ?? 'plain',
    drill: w.drill ?? null,
  }
}

/** Paneles: module-declared dashboards (README "Dashboards"), rendered with Cube's client. */
export default class DashboardsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const props: DashboardsIndexPage = {
      dashboards: (await openable(ctx)).map((d) => summary(ctx, d)),
    }
    return ctx.inertia.render('analytics/dashboards/index', props)
  }

  async show(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const registry = await moduleRegistry()
    const found = registry
      .dashboards()
      .find((d) => d.module === ctx.params.module && d.key === ctx.params.key)
    if (!found) return ctx.response.notFound()
    ctx.access.authorize(found.permission)
    const all = await openable(ctx)
    if (!all.some((d) => d.module === found.module && d.key === found.key))
      return ctx.response.notFound()
    const offered = (found.filters ?? ['period', 'team', 'rep']).filter(
      (f) => !(found.mine && f === 'rep')
    )
    const filters = readFilters(ctx.request.qs(), new Date(), ctx.organization.timezone)
    if (!offered.includes('team')) filters.teamId = null
    filters.repId = found.mine ? ctx.access.userId : offered.includes('rep') ? filters.repId : null
    const [teams, reps, widgets] = await Promise.all([
      offered.includes('team') ? options(ctx, found.pickers?.team) : [],
      offered.includes('rep') ? options(ctx, found.pickers?.rep) : [],
      Promise.all(found.widgets.map((w) => widgetDto(ctx, w, filters))),
    ])
    const props: DashboardPage = {
      apiUrl: '/analytics/cubejs-api/v1',
      dashboard: { ...summary(ctx, found), filters: offered },
      filters,
      teams,
      reps,
      widgets,
      others: all.map((d) => summary(ctx, d)),
    }
    return ctx.inertia.render('analytics/dashboards/show', props)
  }
}
