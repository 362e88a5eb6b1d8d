import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { AccessContext } from '#app/access/access_context'
import {
  insertActivityRow,
  insertOpportunityRow,
  insertQuotaRow,
  insertTeamStages,
  opportunityTotalsInScope,
  pipelineStageIds,
} from '#modules/crm/contracts/index'
import { createTeam } from '#tests/helpers/world'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'
import { LOAD, multi } from '../client.js'
import type {
  CubeWidgetDto,
  DashboardFiltersDto,
  DashboardPage,
  FiguresWidgetDto,
} from '../../dto/dashboards.js'
import { drillQuery, runningTotals, widgetQuery } from '../../pages/dashboards/query.js'

const DASHBOARDS = ['crm.dashboards.management', 'crm.dashboards.team', 'crm.dashboards.personal']

/** Gives a user's role the dashboards' permissions and the quotas' view at `scope`. */
async function grantDashboards(user: User, scope = 'own') {
  const { role_id: roleId } = await db.from('user_roles').where('user_id', user.id).firstOrFail()
  await db
    .table('role_permissions')
    .multiInsert(
      [...DASHBOARDS, 'crm.quotas.view'].map((permission) => ({ role_id: roleId, permission }))
    )
  await db.table('role_scopes').insert({ role_id: roleId, resource: 'crm.quotas', scope })
}

/** The first half of 2026 (world.ts: every opportunity closes in it), "today" 15 March. */
const H1 = { period: 'custom', from: '2026-01-01', to: '2026-06-30' }
const FILTERS: DashboardFiltersDto = {
  period: 'custom',
  from: '2026-01-01',
  to: '2026-06-30',
  today: '2026-03-15',
  teamId: null,
  repId: null,
}

test.group('Analytics · module-declared dashboards', (group) => {
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  async function world() {
    const w = await analyticsWorld()
    const { users, org } = w
    for (const u of [users.manager, users.rep, users.rep2, users.outsider]) await grantDashboards(u)
    // Last year: the rep won 500 € on 10 February 2025 (YoY's base).
    const stages = await pipelineStageIds(org.id)
    await insertOpportunityRow(
      org.id,
      {
        name: 'Opp 2025',
        stageId: stages['Oferta presentada'],
        ownerId: users.rep.id,
        amountMinor: 50_000,
      },
      {
        probability: 50,
        status: 'won',
        created_at: '2025-01-05 10:00:00',
        won_at: '2025-02-10 10:00:00',
      }
    )
    return w
  }

  async function page(client: any, user: User, key: string, qs: Record<string, string> = H1) {
    const response = await client
      .get(`/analytics/dashboards/crm/${key}`)
      .qs(qs)
      .loginAs(user)
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('analytics/dashboards/show')
    return response.inertiaProps as unknown as DashboardPage
  }

  const cubeWidget = (p: DashboardPage, key: string) =>
    p.widgets.find((w) => w.key === key) as CubeWidgetDto

  // Cache bypassed: SQLite reuses the ids of rolled-back rows, so another test's cached answer
  // (same query, same ids, within Cube's 10-second refresh key) could come back.
  async function rows(client: any, user: User, query: unknown) {
    const response = await client
      .get(LOAD)
      .qs(multi(query, { cache: 'no-cache' }))
      .loginAs(user)
    response.assertStatus(200)
    return response.body().results[0].data as Record<string, string | null>[]
  }

  async function kpi(client: any, user: User, widget: CubeWidgetDto, filters = FILTERS) {
    const [row] = await rows(client, user, widgetQuery(widget, filters))
    return Object.fromEntries(
      (widget.query.measures ?? []).map((m) => [m.split('.')[1], Number(row?.[m] ?? 0)])
    )
  }

  test('the list shows the dashboards a user may open; others answer 403, unknown 404', async ({
    client,
    assert,
  }) => {
    const { users } = await world()
    const list = await client.get('/analytics/dashboards').loginAs(users.rep).withInertia()
    list.assertStatus(200)
    assert.deepEqual(
      (list.inertiaProps as any).dashboards.map((d: any) => d.href),
      [
        '/analytics/dashboards/crm/management',
        '/analytics/dashboards/crm/team',
        '/analytics/dashboards/crm/personal',
      ]
    )
    // The admin of world.ts holds no role permission beyond isAdmin: every dashboard.
    const admin = await client.get('/analytics/dashboards').loginAs(users.admin).withInertia()
    assert.lengthOf((admin.inertiaProps as any).dashboards, 3)

    // world.ts's stranger (another organization) has analytics but no dashboard permission.
    const none = await client.get('/analytics/dashboards').loginAs(users.stranger).withInertia()
    assert.deepEqual((none.inertiaProps as any).dashboards, [])
    const forbidden = await client
      .get('/analytics/dashboards/crm/management')
      .loginAs(users.stranger)
    forbidden.assertStatus(403)
    const unknown = await client.get('/analytics/dashboards/crm/nada').loginAs(users.rep)
    unknown.assertStatus(404)
  })

  test('Gerencia for the manager: KPI figures by hand', async ({ client, assert }) => {
    const { users } = await world()
    const p = await page(client, users.manager, 'management')
    assert.deepEqual(p.filters, { ...FILTERS, today: p.filters.today, timeZone: 'Europe/Madrid' })
    assert.includeMembers(
      p.widgets.map((w) => w.kind),
      ['kpi', 'funnel', 'bar', 'area', 'line', 'pie', 'table']
    )
    // The manager sees rep and rep2 (hierarchy): won 2000 € (rep, 20 Feb), lost 500 € (rep2).
    const m = users.manager
    assert.deepEqual(await kpi(client, m, cubeWidget(p, 'won_period')), {
      won_amount_minor: 200_000,
      won_count: 1,
    })
    // Open now: 1000 € × 10 % + 4000 € × 40 % (rep) + 3000 € × 10 % (rep2) = 2000 €.
    assert.deepEqual(await kpi(client, m, cubeWidget(p, 'open_weighted')), {
      open_weighted_minor: 200_000,
      open_count: 3,
    })
    // One won of two closed; cycles 41 and 28 days.
    assert.deepEqual(await kpi(client, m, cubeWidget(p, 'win_rate')), { win_rate: 0.5 })
    assert.deepEqual(await kpi(client, m, cubeWidget(p, 'cycle_days')), { cycle_days_avg: 34.5 })
    // "Won this month" is March 2026 ("today" 15 March): nothing; year to date: the 2000 €.
    assert.equal((await kpi(client, m, cubeWidget(p, 'won_month'))).won_amount_minor, 0)
    assert.equal((await kpi(client, m, cubeWidget(p, 'won_ytd'))).won_amount_minor, 200_000)
    // Activities: rep's one done (20 Jan) and one overdue.
    assert.equal((await kpi(client, m, cubeWidget(p, 'activities_done'))).done_count, 1)
    assert.equal((await kpi(client, m, cubeWidget(p, 'activities_overdue'))).open_count, 1)
    // Leads were created now: rep 2 (one converted), rep2 1 → 3 new leads, 1/3 converted.
    const today = new Date().toISOString().slice(0, 10)
    const now = { ...FILTERS, from: today, to: today }
    assert.equal((await kpi(client, m, cubeWidget(p, 'new_leads'), now)).count, 3)
    const conversion = await kpi(client, m, cubeWidget(p, 'lead_conversion'), now)
    // MariaDB answers 0.33333 (DECIMAL division), SQLite a double.
    assert.closeTo(conversion.conversion_rate, 1 / 3, 1e-4)
    assert.equal(conversion.converted_count, 1)

    // The funnel by step (open): En análisis 2 (rep 1000 €, rep2 3000 €), Oferta 1.
    const funnel = await rows(client, m, widgetQuery(cubeWidget(p, 'funnel'), FILTERS))
    assert.deepEqual(
      funnel.map((r) => [r['crm_pipeline.stage_step'], Number(r['crm_pipeline.open_count'])]),
      [
        ['En análisis', 2],
        ['Oferta presentada', 1],
      ]
    )
    // Team and rep pickers list what the manager can see.
    assert.sameMembers(
      p.reps.map((r) => r.label),
      ['Rafa Comercial', 'Rita Comercial']
    )
  })

  test("the funnel: one row per step across pipelines, the team's own stages with a team", async ({
    client,
    assert,
  }) => {
    const { org, users } = await world()
    // Team Norte (rep2) has its own pipeline, where «En análisis» is the second stage; it has
    // two open stages (the default three), then its won and lost stages.
    const team = await createTeam(org, users.manager, [users.rep2], 'Norte')
    const own = await insertTeamStages(org.id, team.id, [
      { name: 'Primer contacto', probability: 5 },
      { name: 'En análisis', probability: 20 },
      { name: 'Conseguida', probability: 100, isWon: true },
      { name: 'Descartada', probability: 0, isLost: true },
    ])
    const norte = (stage: keyof typeof own, euros: number, extra: Record<string, unknown> = {}) =>
      insertOpportunityRow(
        org.id,
        {
          name: `Norte ${euros}`,
          stageId: own[stage],
          ownerId: users.rep2.id,
          amountMinor: euros * 100,
        },
        { team_id: team.id, stage_id: own[stage], created_at: '2026-03-02 10:00:00', ...extra }
      )
    await norte('Primer contacto', 600)
    await norte('En análisis', 900)
    await norte('Conseguida', 800, { status: 'won', won_at: '2026-03-10 10:00:00' })
    await norte('Descartada', 300, { status: 'lost', lost_at: '2026-03-11 10:00:00' })
    const p = await page(client, users.manager, 'management')
    const funnel = cubeWidget(p, 'funnel')
    const open = async (filters: DashboardFiltersDto, label: string) =>
      (await rows(client, users.manager, widgetQuery(funnel, filters))).map((r) => [
        r[label],
        Number(r['crm_pipeline.stage_step_position']),
        Number(r['crm_pipeline.open_count']),
      ])
    // Every team: step 0 is the default's «En análisis» (rep 1000 €, rep2 3000 €, Norte's
    // «Primer contacto» 600 €), step 1 «Oferta presentada» (rep 4000 €, Norte's «En análisis»).
    // By stage name, «En análisis» would show twice.
    assert.deepEqual(await open(FILTERS, 'crm_pipeline.stage_step'), [
      ['En análisis', 0, 3],
      ['Oferta presentada', 1, 2],
    ])
    // Team Norte: its own stages, in its order.
    assert.deepEqual(await open({ ...FILTERS, teamId: team.id }, 'crm_pipeline.stage'), [
      ['Primer contacto', 0, 1],
      ['En análisis', 1, 1],
    ])
    // The stage table groups the same way; Norte's won and lost stages are the won and lost
    // steps (named after the default's), not its third open step «En negociación».
    const byStage = await rows(
      client,
      users.manager,
      widgetQuery(cubeWidget(p, 'by_stage'), FILTERS)
    )
    assert.deepEqual(
      byStage.map((r) => [
        r['crm_pipeline.stage_step'],
        Number(r['crm_pipeline.stage_step_position']),
        Number(r['crm_pipeline.count']),
        Number(r['crm_pipeline.won_amount_minor']),
      ]),
      [
        ['En análisis', 0, 4, 0],
        ['Oferta presentada', 1, 3, 200_000],
        ['Ganada', 1000, 1, 80_000],
        ['Cancelada/Perdida', 1001, 1, 0],
      ]
    )
  })

  test("widget queries read days in the organization's time zone (overdue before its today)", async ({
    client,
    assert,
  }) => {
    const { org, users } = await world()
    await db.from('organizations').where('id', org.id).update({ timezone: 'Europe/Madrid' })
    // Due 14 March 23:30 UTC: 15 March 00:30 in Madrid, its "today" — not overdue there yet.
    await insertActivityRow(
      org.id,
      { title: 'Medianoche', assigneeId: users.rep.id },
      { due_at: '2026-03-14 23:30:00' }
    )
    const p = await page(client, users.manager, 'management')
    assert.equal(p.filters.timeZone, 'Europe/Madrid')
    const overdue = cubeWidget(p, 'activities_overdue')
    const madrid = { ...FILTERS, timeZone: 'Europe/Madrid' }
    assert.equal(widgetQuery(overdue, madrid).timezone, 'Europe/Madrid')
    // world.ts: the rep's one overdue activity of 2020; in UTC the new one is overdue too.
    assert.equal((await kpi(client, users.manager, overdue, madrid)).open_count, 1)
    const utc = { ...FILTERS, timeZone: 'UTC' }
    assert.equal((await kpi(client, users.manager, overdue, utc)).open_count, 2)
  })

  test('Equipo: overdue activities by the assignee team, and the team filter', async ({
    client,
    assert,
  }) => {
    const { org, users } = await world()
    // world.ts: rep has one overdue activity, rep2 one due in 2099. Norte: rep (member);
    // Sur: led by rep2. The manager (hierarchy) sees both.
    const norte = await createTeam(org, null, [users.rep], 'Norte')
    const sur = await createTeam(org, users.rep2, [], 'Sur')
    const p = await page(client, users.manager, 'team')
    const byTeam = await rows(
      client,
      users.manager,
      widgetQuery(cubeWidget(p, 'overdue_by_team'), FILTERS)
    )
    assert.deepEqual(
      byTeam.map((r) => [
        r['crm_activities_overview.team_name'],
        Number(r['crm_activities_overview.open_count']),
      ]),
      // Sur's only open activity is due in 2099: not overdue, no row.
      [['Norte', 1]]
    )
    const overdue = cubeWidget(p, 'activities_overdue')
    assert.equal(overdue.teamMember, 'crm_activities_overview.team_id')
    const inTeam = async (teamId: number) =>
      (await kpi(client, users.manager, overdue, { ...FILTERS, teamId })).open_count
    assert.equal(await inTeam(norte.id), 1)
    assert.equal(await inTeam(sur.id), 0)
    // Open activities by team (the leader counts as the team's): Norte 1, Sur 1.
    const open = await rows(client, users.manager, {
      measures: ['crm_activities_overview.open_count'],
      dimensions: ['crm_activities_overview.team_name'],
      order: { 'crm_activities_overview.team_name': 'asc' },
    })
    assert.deepEqual(
      open.map((r) => [
        r['crm_activities_overview.team_name'],
        Number(r['crm_activities_overview.open_count']),
      ]),
      [
        ['Norte', 1],
        ['Sur', 1],
      ]
    )
  })

  test('a rep: monthly, cumulative and year-over-year won amounts by hand', async ({
    client,
    assert,
  }) => {
    const { users } = await world()
    const rep = users.rep
    const p = await page(client, rep, 'personal')
    // The personal dashboard filters every widget by the signed-in rep.
    assert.equal(p.filters.repId, rep.id)
    assert.deepEqual(p.dashboard.filters, ['period'])
    const widget = cubeWidget(p, 'won_cumulative')
    const byMonth = async (offset: number) => {
      const out = Array<number>(12).fill(0)
      for (const r of await rows(client, rep, widgetQuery(widget, p.filters, offset)))
        out[Number(String(r['crm_pipeline.closed_at.month']).slice(5, 7)) - 1] += Number(
          r['crm_pipeline.won_amount_minor']
        )
      return out
    }
    const thisYear = await byMonth(0)
    const lastYear = await byMonth(-1)
    // 2026: 2000 € in February; 2025: 500 € in February.
    assert.deepEqual(thisYear, [0, 200_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert.deepEqual(lastYear, [0, 50_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert.deepEqual(runningTotals(thisYear).slice(0, 4), [0, 200_000, 200_000, 200_000])
  })

  test("a rep's quota: attainment, gap, coverage and YoY from the CRM quotas", async ({
    client,
    assert,
  }) => {
    const { users, org } = await world()
    await insertQuotaRow(
      org.id,
      { kind: 'user', userId: users.rep.id },
      2026,
      Array(12).fill(100_000)
    )
    // The first quarter: target 3000 €, won 2000 € (20 Feb), last year's quarter 500 €.
    const p = await page(client, users.rep, 'personal', {
      period: 'custom',
      from: '2026-01-01',
      to: '2026-03-31',
    })
    const quota = p.widgets.find((w) => w.key === 'my_quota') as FiguresWidgetDto
    assert.isNull(quota.error)
    assert.lengthOf(quota.figures!.rows, 1)
    const v = quota.figures!.rows[0].values
    assert.equal(quota.figures!.rows[0].label, 'Rafa Comercial')
    assert.equal(v.target, '300000')
    assert.equal(v.actual, '200000')
    assert.equal(v.gap, '100000')
    assert.closeTo(v.attainment as number, 0.667, 1e-9)
    assert.equal(v.previous, '50000')
    assert.closeTo(v.yoy as number, 3, 1e-9) // (2000 − 500) ÷ 500
    // The quarter is over: no time left, so no pipeline closing in it and no coverage.
    assert.equal(v.pipeline, '0')
    assert.isNull(v.coverage)
    // Rita has no quota: her personal dashboard shows none (never Rafa's).
    const rita = await page(client, users.rep2, 'personal')
    const hers = rita.widgets.find((w) => w.key === 'my_quota') as FiguresWidgetDto
    assert.deepEqual(hers.figures!.rows, [])
  })

  test('scope: for each role, won and pipeline totals equal what its lists show', async ({
    client,
    assert,
  }) => {
    const { users } = await world()
    const admin = await client
      .get('/analytics/dashboards/crm/management')
      .qs(H1)
      .loginAs(users.admin)
      .withInertia()
    const p = admin.inertiaProps as unknown as DashboardPage
    for (const user of [users.manager, users.rep, users.rep2, users.outsider, users.admin]) {
      const access = await AccessContext.forUser(user)
      const listed = await opportunityTotalsInScope(access, { from: FILTERS.from, to: FILTERS.to })
      const won = await kpi(client, user, cubeWidget(p, 'won_period'))
      const open = await kpi(client, user, cubeWidget(p, 'open_weighted'))
      assert.equal(won.won_amount_minor, listed.wonMinor, `won for ${user.fullName}`)
      assert.equal(open.open_weighted_minor, listed.openWeightedMinor, `open for ${user.fullName}`)
    }
  })

  test('drill-down lists the records behind a figure, in scope, with their pages', async ({
    client,
    assert,
  }) => {
    const { users } = await world()
    const p = await page(client, users.manager, 'management')
    const open = cubeWidget(p, 'open_weighted')
    const records = await rows(client, users.manager, drillQuery(open, FILTERS))
    assert.sameDeepMembers(
      records.map((r) => [r['crm_pipeline.name'], Number(r['crm_pipeline.amount_minor'])]),
      [
        ['Opp Rafa Comercial 1000', 100_000],
        ['Opp Rafa Comercial 4000', 400_000],
        ['Opp Rita Comercial 3000', 300_000],
      ]
    )
    assert.equal(open.drill!.href, '/crm/opportunities/:id')
    // A bar of "won by rep": Rafa's won opportunity only; the rep never sees Rita's rows.
    const byRep = cubeWidget(p, 'won_by_rep')
    const rafa = await rows(
      client,
      users.manager,
      drillQuery(byRep, FILTERS, { member: 'crm_pipeline.owner_name', value: 'Rafa Comercial' })
    )
    assert.deepEqual(
      rafa.map((r) => r['crm_pipeline.name']),
      ['Opp Rafa Comercial 2000']
    )
    const asRep = await rows(client, users.rep, drillQuery(open, FILTERS))
    assert.sameMembers(
      asRep.map((r) => r['crm_pipeline.name']),
      ['Opp Rafa Comercial 1000', 'Opp Rafa Comercial 4000']
    )
  })
})
