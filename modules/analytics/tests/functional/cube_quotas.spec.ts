import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { createTeam } from '#tests/helpers/world'
import { insertOpportunityRow, insertQuotaRow } from '#modules/crm/contracts/index'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'
import { LOAD, multi } from '../client.js'

const EURO = 100
/** Twelve monthly targets in minor units from a { month: euros } map. */
const months = (targets: Record<number, number>) =>
  Array.from({ length: 12 }, (_, i) => (targets[i + 1] ?? 0) * EURO)

/**
 * analyticsWorld plus quotas for 2026 and two won opportunities of the "software" family:
 *   rep   (user)   Jan 1000 €, Feb 5000 €. Won: 2000 € on 2026-02-20; 800 € software on 2026-03-01 00:00.
 *   rep2  (user)   Feb 1000 €.            Won: 1500 € software on 2026-02-28 23:30 (last minute of Feb).
 *   software (family) Feb 3000 €, Mar 500 €.
 * February:  rep 5000 target, 2000 won, gap 3000, 40 %; rep2 1000, 1500, gap −500, 150 %;
 *            software 3000, 1500, gap 1500, 50 %.
 * March:     rep 0 target, 800 won (no attainment); software 500, 800, gap −300, 160 %.
 */
/** The quotas page's permission at a scope (Cube follows its rule: crm.quotas). */
async function grantQuotas(user: User, scope: string) {
  const { role_id: roleId } = await db.from('user_roles').where('user_id', user.id).firstOrFail()
  await db.table('role_permissions').insert({ role_id: roleId, permission: 'crm.quotas.view' })
  await db.table('role_scopes').insert({ role_id: roleId, resource: 'crm.quotas', scope })
}

async function quotaWorld() {
  const world = await analyticsWorld()
  const { org, users } = world
  for (const [user, scope] of [
    [users.rep, 'own'],
    [users.rep2, 'own'],
    [users.manager, 'hierarchy'],
    [users.outsider, 'own'],
    [users.stranger, 'all'],
  ] as const)
    await grantQuotas(user, scope)
  // Team Sur, led by rep2 (rep is a member), with a February target of 2000 €.
  const sur = await createTeam(org, users.rep2, [users.rep], 'Equipo Sur')
  await insertQuotaRow(org.id, { kind: 'team', teamId: sur.id }, 2026, months({ 2: 2000 }))
  const won = (who: User, euros: number, at: string) =>
    insertOpportunityRow(
      org.id,
      { name: `Software ${euros}`, ownerId: who.id, amountMinor: euros * EURO },
      { status: 'won', won_at: at, product_family: 'software', created_at: '2026-01-05 10:00:00' }
    )
  await won(users.rep, 800, '2026-03-01 00:00:00')
  await won(users.rep2, 1500, '2026-02-28 23:30:00')
  await insertQuotaRow(
    org.id,
    { kind: 'user', userId: users.rep.id },
    2026,
    months({ 1: 1000, 2: 5000 })
  )
  await insertQuotaRow(org.id, { kind: 'user', userId: users.rep2.id }, 2026, months({ 2: 1000 }))
  await insertQuotaRow(
    org.id,
    { kind: 'family', code: 'software' },
    2026,
    months({ 2: 3000, 3: 500 })
  )
  // Another organization's quota for the same year never shows.
  await insertQuotaRow(
    world.other.id,
    { kind: 'user', userId: users.stranger.id },
    2026,
    months({ 2: 9 })
  )
  return world
}

const MEASURES = [
  'crm_quota_attainment.target_minor',
  'crm_quota_attainment.won_minor',
  'crm_quota_attainment.gap_minor',
  'crm_quota_attainment.attainment',
]

/** { subject: [target €, won €, gap €, attainment] } for one month of 2026. */
function bySubject(body: any) {
  return Object.fromEntries(
    (body.results[0].data as any[]).map((row) => [
      row['crm_quota_attainment.subject'],
      [
        Number(row['crm_quota_attainment.target_minor']) / EURO,
        Number(row['crm_quota_attainment.won_minor']) / EURO,
        Number(row['crm_quota_attainment.gap_minor']) / EURO,
        row['crm_quota_attainment.attainment'] === null
          ? null
          : Math.round(Number(row['crm_quota_attainment.attainment']) * 1000) / 1000,
      ],
    ])
  )
}

test.group('Analytics · quotas in Cube (crm_quota_attainment)', (group) => {
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  const monthQuery = (month: number) => ({
    measures: MEASURES,
    dimensions: ['crm_quota_attainment.subject'],
    filters: [
      { member: 'crm_quota_attainment.year', operator: 'equals', values: ['2026'] },
      { member: 'crm_quota_attainment.month', operator: 'equals', values: [String(month)] },
    ],
  })

  test('target, won, gap and attainment per subject and month', async ({ client, assert }) => {
    const { users } = await quotaWorld()
    const feb = await client
      .get(LOAD)
      .qs(multi(monthQuery(2)))
      .loginAs(users.admin)
    feb.assertStatus(200)
    assert.deepEqual(bySubject(feb.body()), {
      'Equipo Sur': [2000, 0, 2000, 0],
      'Rafa Comercial': [5000, 2000, 3000, 0.4],
      'Rita Comercial': [1000, 1500, -500, 1.5],
      'software': [3000, 1500, 1500, 0.5],
    })
    const march = await client
      .get(LOAD)
      .qs(multi(monthQuery(3)))
      .loginAs(users.admin)
    assert.deepEqual(bySubject(march.body()), {
      'Equipo Sur': [0, 0, 0, null],
      'Rafa Comercial': [0, 800, -800, null],
      'Rita Comercial': [0, 0, 0, null],
      'software': [500, 800, -300, 1.6],
    })
  })

  test('a month series of one rep: the time dimension and the kind', async ({ client, assert }) => {
    const { users } = await quotaWorld()
    const query = {
      measures: ['crm_quota_attainment.target_minor', 'crm_quota_attainment.won_minor'],
      timeDimensions: [
        {
          dimension: 'crm_quota_attainment.month_start',
          granularity: 'month',
          dateRange: ['2026-01-01', '2026-03-31'],
        },
      ],
      filters: [{ member: 'crm_quota_attainment.kind', operator: 'equals', values: ['user'] }],
      order: { 'crm_quota_attainment.month_start': 'asc' },
    }
    const response = await client.get(LOAD).qs(multi(query)).loginAs(users.rep)
    response.assertStatus(200)
    const rows = (response.body().results[0].data as any[]).map((r) => [
      r['crm_quota_attainment.month_start.month'],
      Number(r['crm_quota_attainment.target_minor']) / EURO,
      Number(r['crm_quota_attainment.won_minor']) / EURO,
    ])
    // The rep (scope own) sees only the own quota. January 1st is in a range starting that day
    // (SQLite compares text times: dialect.ts).
    assert.deepEqual(rows, [
      ['2026-01-01T00:00:00.000', 1000, 0],
      ['2026-02-01T00:00:00.000', 5000, 2000],
      ['2026-03-01T00:00:00.000', 0, 800],
    ])
  })

  test('scope: reps see their own quota, managers their reports, `all` the rest too', async ({
    client,
    assert,
  }) => {
    const { users } = await quotaWorld()
    const subjects = async (user: User) => {
      const response = await client
        .get(LOAD)
        .qs(multi(monthQuery(2)))
        .loginAs(user)
      response.assertStatus(200)
      return Object.keys(bySubject(response.body())).sort()
    }
    // The quotas page's rule (crm.quotas): own quota; a team's quota to the team's leader only
    // (rep2 leads Sur, rep is a member); family and zone quotas need scope `all`.
    assert.deepEqual(await subjects(users.rep), ['Rafa Comercial'])
    assert.deepEqual(await subjects(users.rep2), ['Equipo Sur', 'Rita Comercial'])
    // Hierarchy: both reports' quotas, not the team (the manager does not lead it).
    assert.deepEqual(await subjects(users.manager), ['Rafa Comercial', 'Rita Comercial'])
    assert.deepEqual(await subjects(users.outsider), [])
    assert.deepEqual(await subjects(users.stranger), ['Otra Empresa'])
  })

  test('opportunities by product family', async ({ client, assert }) => {
    const { users } = await quotaWorld()
    const query = {
      measures: ['crm_pipeline.won_amount_minor'],
      dimensions: ['crm_pipeline.product_family'],
      filters: [{ member: 'crm_pipeline.product_family', operator: 'set' }],
    }
    const response = await client.get(LOAD).qs(multi(query)).loginAs(users.admin)
    assert.deepEqual(response.body().results[0].data, [
      { 'crm_pipeline.product_family': 'software', 'crm_pipeline.won_amount_minor': '230000' },
    ])
  })
})
