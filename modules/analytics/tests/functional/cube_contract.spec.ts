import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ResultSet } from '@cubejs-client/core'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'
import type User from '#models/user'
import { LOAD, multi, numbersOf } from '../client.js'

const BY_STAGE_AND_MONTH = {
  measures: ['crm_pipeline.amount_minor', 'crm_pipeline.count'],
  dimensions: ['crm_pipeline.stage'],
  timeDimensions: [
    {
      dimension: 'crm_pipeline.created_at',
      granularity: 'month',
      dateRange: ['2026-01-01', '2026-03-31'],
    },
  ],
  order: { 'crm_pipeline.created_at': 'asc', 'crm_pipeline.stage': 'asc' },
}
const JAN = '2026-01-01T00:00:00.000'
const FEB = '2026-02-01T00:00:00.000'
const MAR = '2026-03-01T00:00:00.000'
const ANALYSIS = 'En análisis'
const OFFER = 'Oferta presentada'

/** Responses of /load fed to the real @cubejs-client/core ResultSet (see world.ts for figures). */
test.group('Analytics · /load through @cubejs-client/core ResultSet', (group) => {
  // The model compiles once (seconds on a busy machine), outside any test's timeout.
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  test('pivot and series by month and stage match the seeded figures', async ({
    client,
    assert,
  }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { users } = await analyticsWorld()
    const response = await loadAs(users.admin, BY_STAGE_AND_MONTH)
    response.assertStatus(200)
    const rs = new ResultSet(response.body())

    const key = (stage: string, m: string) => `${stage},crm_pipeline.${m}`
    const pivot = rs.chartPivot()
    assert.deepEqual(
      pivot.map((row: any) => [
        row.x,
        row[key(ANALYSIS, 'amount_minor')],
        row[key(ANALYSIS, 'count')],
        row[key(OFFER, 'amount_minor')],
        row[key(OFFER, 'count')],
      ]),
      [
        [JAN, 100_000, 1, 200_000, 1],
        [FEB, 350_000, 2, 400_000, 1],
        // No offer created in March: the client fills the gap with 0.
        [MAR, 700_000, 1, 0, 0],
      ]
    )
    const amounts = rs.series().find((s: any) => s.key === key(ANALYSIS, 'amount_minor'))!
    assert.deepEqual(
      amounts.series.map((p: any) => [p.x, p.value]),
      [
        [JAN, 100_000],
        [FEB, 350_000],
        [MAR, 700_000],
      ]
    )
    assert.equal(amounts.shortTitle, `${ANALYSIS}, Importe`)
    assert.deepEqual(
      rs
        .tablePivot({ x: ['crm_pipeline.stage'], y: ['measures'] })
        .map((row: any) => [row['crm_pipeline.stage'], row['crm_pipeline.amount_minor']]),
      [
        [ANALYSIS, '100000'],
        [OFFER, '200000'],
        [ANALYSIS, '350000'],
        [OFFER, '400000'],
        [ANALYSIS, '700000'],
      ]
    )
  })

  test('totals: amounts, weighted, won and lost, win rate and cycle time', async ({
    client,
    assert,
  }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { users } = await analyticsWorld()
    const measures = [
      'count',
      'amount_minor',
      'weighted_minor',
      'open_weighted_minor',
      'won_count',
      'won_amount_minor',
      'lost_count',
      'lost_amount_minor',
      'win_rate',
      'cycle_days_avg',
    ].map((m) => `crm_pipeline.${m}`)
    const response = await loadAs(users.admin, { measures })
    response.assertStatus(200)
    const rs = new ResultSet(response.body())
    const total = Object.fromEntries(
      Object.entries(rs.totalRow()).map(([k, v]) => [k.replace(/^crm_pipeline\./, ''), v])
    )
    delete total.x
    delete total.xValues
    assert.deepEqual(total, {
      count: 6,
      amount_minor: 1_750_000, // 1000 + 4000 + 2000 + 3000 + 500 + 7000 €
      weighted_minor: 380_000, // 100 + 1600 + 1000 + 300 + 100 + 700 €
      open_weighted_minor: 270_000, // 100 + 1600 + 300 + 700 €
      won_count: 1,
      won_amount_minor: 200_000,
      lost_count: 1,
      lost_amount_minor: 50_000,
      win_rate: 0.5,
      cycle_days_avg: 34.5, // (41 + 28) / 2
    })
    // Annotation drives the client's titles and formats: money is marked as minor units.
    const annotation = response.body().results[0].annotation
    assert.deepEqual(annotation.measures['crm_pipeline.amount_minor'].meta, { money: 'minor' })
  })

  test('leads and activities overviews', async ({ client, assert }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { users } = await analyticsWorld()
    const leads = await loadAs(users.admin, {
      measures: ['crm_leads_overview.count', 'crm_leads_overview.converted_count'],
    })
    leads.assertStatus(200)
    assert.deepEqual(numbersOf(leads.body()), {
      'crm_leads_overview.count': 4,
      'crm_leads_overview.converted_count': 1,
    })
    const activities = await loadAs(users.admin, {
      measures: [
        'crm_activities_overview.count',
        'crm_activities_overview.done_count',
        'crm_activities_overview.open_count',
        'crm_activities_overview.overdue_count',
      ],
    })
    activities.assertStatus(200)
    assert.deepEqual(numbersOf(activities.body()), {
      'crm_activities_overview.count': 3,
      'crm_activities_overview.done_count': 1,
      'crm_activities_overview.open_count': 2,
      'crm_activities_overview.overdue_count': 1,
    })
  })

  test('without queryType=multi the answer is the single result, as Cube answers', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const response = await client
      .post('/analytics/cubejs-api/v1/load')
      .json({
        query: { measures: ['crm_pipeline.count'], dimensions: ['crm_pipeline.owner_name'] },
      })
      .withCsrfToken()
      .loginAs(users.admin)
    response.assertStatus(200)
    const body = response.body()
    assert.properties(body, ['query', 'data', 'annotation', 'lastRefreshTime'])
    const rs = new ResultSet(body)
    assert.deepEqual(
      rs
        .tablePivot()
        .map((r: any) => [r['crm_pipeline.owner_name'], Number(r['crm_pipeline.count'])])
        .sort(),
      [
        ['Rafa Comercial', 3],
        ['Rita Comercial', 2],
        ['Óscar Externo', 1],
      ]
    )
  })
})

test.group('Analytics · cache', (group) => {
  // The model compiles once (seconds on a busy machine), outside any test's timeout.
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  test('a repeated query is served from the cache; cache=no-cache bypasses it', async ({
    client,
    assert,
  }) => {
    const { org, users } = await analyticsWorld()
    const query = { measures: ['crm_pipeline.count'] }
    const count = async (cache?: string) => {
      const request = client
        .get(LOAD)
        .qs(multi(query, { cache: cache ?? 'stale-if-slow' }))
        .loginAs(users.admin)
      return numbersOf((await request).body())['crm_pipeline.count']
    }
    assert.equal(await count(), 6)
    const { insertOpportunityRow, pipelineStageIds } = await import('#modules/crm/contracts/index')
    const stages = await pipelineStageIds(org.id)
    await insertOpportunityRow(org.id, {
      name: 'Nueva',
      stageId: stages['En análisis'],
      ownerId: users.rep.id,
      amountMinor: 100,
    })
    // Within the refresh key's 10 seconds the cached figure comes back.
    assert.equal(await count(), 6)
    assert.equal(await count('no-cache'), 7)
  })
})
