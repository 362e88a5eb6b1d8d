import type { ManifestPart } from '#app/registry/parts'
import type {
  DashboardCubeWidget,
  DashboardDefinition,
  DashboardDrill,
  DashboardFilter,
} from '#app/registry/types'

/*
 * The CRM's management dashboards (rendered by the analytics module at
 * /analytics/dashboards/crm/<key>): Gerencia, Equipo and Personal, over the public views
 * crm_pipeline, crm_leads_overview and crm_activities_overview (cube/schema/crm). Money is in
 * minor units. Every figure stays within the user's record scope (the Cube gateway's rewrite).
 */

const P = (member: string) => `crm_pipeline.${member}`
const L = (member: string) => `crm_leads_overview.${member}`
const A = (member: string) => `crm_activities_overview.${member}`

const status = (view: (m: string) => string, ...values: string[]): DashboardFilter => ({
  member: view('status'),
  operator: 'equals',
  values,
})

/** Opportunities behind a figure: name (link), owner, stage, amount. */
const opportunities = (...filters: DashboardFilter[]): DashboardDrill => ({
  id: P('id'),
  title: P('name'),
  columns: [P('owner_name'), P('stage'), P('status')],
  measures: [P('amount_minor')],
  formats: { [P('amount_minor')]: 'money' },
  filters,
  href: '/crm/opportunities/:id',
})

const leads = (...filters: DashboardFilter[]): DashboardDrill => ({
  id: L('id'),
  title: L('title'),
  columns: [L('owner_name'), L('source'), L('status')],
  filters,
  href: '/crm/leads/:id',
})

/** Team and rep filters of the pipeline and leads views. */
const onPipeline = { teamMember: P('team_id'), repMember: P('owner_id') }
const onLeads = { teamMember: L('team_id'), repMember: L('owner_id') }
/** Activities: the assignee and the assignee's team (cube/schema/crm/activities.yml). */
const onActivities = { teamMember: A('team_id'), repMember: A('owner_id') }

const label = (key: string) => `crm.dashboards.widgets.${key}`

type CubeWidgetInput = Omit<DashboardCubeWidget, 'label'> & { label?: string }
const w = (widget: CubeWidgetInput): DashboardCubeWidget => ({
  label: label(widget.key),
  ...widget,
})

const closed = { dimension: P('closed_at') }
const byMonth = { dimension: P('closed_at'), granularity: 'month' } as const

/** Won amount (closed in the period), open weighted pipeline, win rate, cycle. */
const WON_IN_PERIOD = w({
  key: 'won_period',
  kind: 'kpi',
  size: 'sm',
  query: { measures: [P('won_amount_minor'), P('won_count')], timeDimension: closed },
  format: { [P('won_amount_minor')]: 'money', [P('won_count')]: 'number' },
  ...onPipeline,
  drill: opportunities(status(P, 'won')),
})
const WON_MONTH = w({
  ...WON_IN_PERIOD,
  key: 'won_month',
  label: label('won_month'),
  period: 'month',
})
const WON_YTD = w({ ...WON_IN_PERIOD, key: 'won_ytd', label: label('won_ytd'), period: 'ytd' })
const OPEN_WEIGHTED = w({
  key: 'open_weighted',
  kind: 'kpi',
  size: 'sm',
  query: { measures: [P('open_weighted_minor'), P('open_count')] },
  format: { [P('open_weighted_minor')]: 'money', [P('open_count')]: 'number' },
  period: 'none',
  ...onPipeline,
  drill: opportunities(status(P, 'open')),
})
const WIN_RATE = w({
  key: 'win_rate',
  kind: 'kpi',
  size: 'sm',
  query: { measures: [P('win_rate')], timeDimension: closed },
  format: 'percent',
  ...onPipeline,
  drill: opportunities(status(P, 'won', 'lost')),
})
const CYCLE = w({
  key: 'cycle_days',
  kind: 'kpi',
  size: 'sm',
  query: { measures: [P('cycle_days_avg')], timeDimension: closed },
  format: 'days',
  ...onPipeline,
  drill: opportunities(status(P, 'won', 'lost')),
})
const NEW_LEADS = w({
  key: 'new_leads',
  kind: 'kpi',
  size: 'sm',
  query: { measures: [L('count')], timeDimension: { dimension: L('created_at') } },
  format: 'number',
  ...onLeads,
  drill: leads(),
})
const LEAD_CONVERSION = w({
  key: 'lead_conversion',
  kind: 'kpi',
  size: 'sm',
  query: {
    measures: [L('conversion_rate'), L('converted_count')],
    timeDimension: { dimension: L('created_at') },
  },
  format: { [L('conversion_rate')]: 'percent', [L('converted_count')]: 'number' },
  ...onLeads,
  drill: leads(status(L, 'converted')),
})
const ACTIVITIES_DONE = w({
  key: 'activities_done',
  kind: 'kpi',
  size: 'sm',
  query: { measures: [A('done_count')], timeDimension: { dimension: A('done_at') } },
  ...onActivities,
})
/** Overdue: open and due before today (by due day, so the activities' daily rollup serves it). */
const OVERDUE = { measures: [A('open_count')], timeDimension: { dimension: A('due_at') } }
const ACTIVITIES_OVERDUE = w({
  key: 'activities_overdue',
  kind: 'kpi',
  size: 'sm',
  query: OVERDUE,
  period: 'past',
  ...onActivities,
})

/*
 * Stages by step: every team may have its own pipeline, so across teams a row is a step (an
 * open stage's rank among its pipeline's open stages, named after the default pipeline; every
 * won stage is the won step, every lost stage the lost one) and, once a team is chosen, one of
 * that team's stages (its opportunities sit in its pipeline). In pipeline order.
 */
const STEPS = [P('stage_step'), P('stage_step_position')]
const TEAM_STAGES = [P('stage'), P('stage_step_position')]

const FUNNEL = w({
  key: 'funnel',
  kind: 'funnel',
  size: 'md',
  query: {
    measures: [P('open_count'), P('open_weighted_minor')],
    dimensions: STEPS,
    filters: [status(P, 'open')],
    order: { [P('stage_step_position')]: 'asc' },
  },
  format: { [P('open_count')]: 'number', [P('open_weighted_minor')]: 'money' },
  period: 'none',
  ...onPipeline,
  teamDimensions: TEAM_STAGES,
  drill: opportunities(status(P, 'open')),
})
const WON_MONTHLY = w({
  key: 'won_monthly',
  kind: 'bar',
  size: 'md',
  query: { measures: [P('won_amount_minor')], timeDimension: byMonth },
  format: 'money',
  period: 'year',
  ...onPipeline,
  drill: opportunities(status(P, 'won')),
})
const WON_CUMULATIVE = w({
  ...WON_MONTHLY,
  key: 'won_cumulative',
  label: label('won_cumulative'),
  kind: 'area',
  series: 'cumulative',
})
const WON_YOY = w({
  ...WON_MONTHLY,
  key: 'won_yoy',
  label: label('won_yoy'),
  kind: 'line',
  series: 'yoy',
})
const breakdown = (key: string, dimension: string, kind: 'bar' | 'pie' = 'bar') =>
  w({
    key,
    kind,
    size: 'md',
    query: {
      measures: [P('won_amount_minor')],
      dimensions: [dimension],
      timeDimension: closed,
      order: { [P('won_amount_minor')]: 'desc' },
      limit: 20,
    },
    format: 'money',
    ...onPipeline,
    drill: opportunities(status(P, 'won')),
  })
const LEADS_BY_SOURCE = w({
  key: 'leads_by_source',
  kind: 'pie',
  size: 'md',
  query: {
    measures: [L('count')],
    dimensions: [L('source')],
    timeDimension: { dimension: L('created_at') },
    order: { [L('count')]: 'desc' },
    limit: 12,
  },
  ...onLeads,
  drill: leads(),
})
const BY_STAGE = w({
  key: 'by_stage',
  kind: 'table',
  size: 'lg',
  query: {
    measures: [P('count'), P('amount_minor'), P('weighted_minor'), P('won_amount_minor')],
    dimensions: STEPS,
    timeDimension: { dimension: P('created_at') },
    order: { [P('stage_step_position')]: 'asc' },
  },
  format: {
    [P('count')]: 'number',
    [P('amount_minor')]: 'money',
    [P('weighted_minor')]: 'money',
    [P('won_amount_minor')]: 'money',
  },
  ...onPipeline,
  teamDimensions: TEAM_STAGES,
  drill: opportunities(),
})

const PICKERS = {
  team: { id: P('team_id'), name: P('team_name') },
  rep: { id: P('owner_id'), name: P('owner_name') },
}

const management: DashboardDefinition = {
  key: 'management',
  label: 'crm.dashboards.management.title',
  description: 'crm.dashboards.management.description',
  permission: 'crm.dashboards.management',
  icon: 'chart-bar',
  pickers: PICKERS,
  widgets: [
    NEW_LEADS,
    LEAD_CONVERSION,
    WIN_RATE,
    OPEN_WEIGHTED,
    WON_MONTH,
    WON_YTD,
    CYCLE,
    ACTIVITIES_DONE,
    ACTIVITIES_OVERDUE,
    WON_IN_PERIOD,
    FUNNEL,
    WON_MONTHLY,
    WON_CUMULATIVE,
    WON_YOY,
    breakdown('won_by_source', P('source'), 'pie'),
    LEADS_BY_SOURCE,
    breakdown('won_by_rep', P('owner_name')),
    breakdown('won_by_team', P('team_name')),
    BY_STAGE,
  ],
}

const team: DashboardDefinition = {
  key: 'team',
  label: 'crm.dashboards.team.title',
  description: 'crm.dashboards.team.description',
  permission: 'crm.dashboards.team',
  icon: 'users-group',
  pickers: PICKERS,
  widgets: [
    WON_IN_PERIOD,
    OPEN_WEIGHTED,
    WIN_RATE,
    ACTIVITIES_OVERDUE,
    {
      key: 'team_quotas',
      label: label('team_quotas'),
      kind: 'figures',
      size: 'lg',
      provider: () => import('./quotas/figures_teams.js'),
    },
    w({
      key: 'pipeline_by_team',
      kind: 'bar',
      size: 'md',
      query: { measures: [P('open_weighted_minor')], dimensions: [P('team_name')] },
      format: 'money',
      period: 'none',
      ...onPipeline,
      drill: opportunities(status(P, 'open')),
    }),
    w({
      key: 'overdue_by_team',
      kind: 'bar',
      size: 'md',
      query: {
        ...OVERDUE,
        dimensions: [A('team_name')],
        order: { [A('open_count')]: 'desc' },
        limit: 20,
      },
      period: 'past',
      ...onActivities,
    }),
    w({
      key: 'overdue_by_rep',
      kind: 'bar',
      size: 'md',
      query: {
        ...OVERDUE,
        dimensions: [A('owner_name')],
        order: { [A('open_count')]: 'desc' },
        limit: 20,
      },
      period: 'past',
      ...onActivities,
    }),
    breakdown('won_by_team', P('team_name')),
    breakdown('won_by_rep', P('owner_name')),
    {
      key: 'rep_quotas',
      label: label('rep_quotas'),
      kind: 'figures',
      size: 'lg',
      provider: () => import('./quotas/figures_reps.js'),
    },
  ],
}

const personal: DashboardDefinition = {
  key: 'personal',
  label: 'crm.dashboards.personal.title',
  description: 'crm.dashboards.personal.description',
  permission: 'crm.dashboards.personal',
  icon: 'user',
  mine: true,
  filters: ['period'],
  widgets: [
    WON_IN_PERIOD,
    OPEN_WEIGHTED,
    WIN_RATE,
    CYCLE,
    NEW_LEADS,
    ACTIVITIES_DONE,
    ACTIVITIES_OVERDUE,
    {
      key: 'my_quota',
      label: label('my_quota'),
      kind: 'figures',
      size: 'lg',
      provider: () => import('./quotas/figures_mine.js'),
    },
    WON_CUMULATIVE,
    WON_YOY,
    FUNNEL,
  ],
}

/** The dashboards and their permissions (manifest part, module.ts). */
const part: ManifestPart = {
  permissions: [
    { key: 'crm.dashboards.management', demo: ['director', 'support'] },
    { key: 'crm.dashboards.team', demo: ['director', 'leader', 'zone'] },
    { key: 'crm.dashboards.personal', demo: ['director', 'leader', 'zone', 'rep'] },
  ],
  dashboards: [management, team, personal],
}

export default part
