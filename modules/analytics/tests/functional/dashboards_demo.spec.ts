import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedDemo } from '#app/kernel/demo'
import { forgetAll } from '#app/support/cache'
import { moduleRegistry } from '#app/registry/main'
import { AccessContext } from '#app/access/access_context'
import User from '#models/user'
import { opportunityTotalsInScope, visibleQuotaAttainments } from '#modules/crm/contracts/index'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { LOAD, multi } from '../client.js'
import type { CubeWidgetDto, DashboardPage } from '../../dto/dashboards.js'
import { widgetQuery } from '../../pages/dashboards/query.js'

/** Demo users (app/kernel/demo.ts) and the dashboards their demo roles may open. */
const DEMO: [string, string[]][] = [
  ['admin@demo.cartera.es', ['management', 'team', 'personal']],
  ['gerente@demo.cartera.es', ['management', 'team', 'personal']],
  ['jefe.norte@demo.cartera.es', ['team', 'personal']],
  ['jefa.sur@demo.cartera.es', ['team', 'personal']],
  ['ventas1@demo.cartera.es', ['personal']],
  ['ventas2@demo.cartera.es', ['personal']],
  ['soporte@demo.cartera.es', ['management']],
]

/*
 * Over the demo organization: each demo role opens the dashboards its grants allow, and the
 * Gerencia won and pipeline figures, asked as that user, equal the sums over the opportunities
 * that user can list (the lists' scope). Seeded once, inside a global transaction.
 */
test.group('Analytics · dashboards over the demo data', (group) => {
  group.setup(async () => {
    await forgetAll()
    const rollback = await testUtils.db().withGlobalTransaction()
    await seedDemo(await moduleRegistry())
    await cubeEngine()
    return rollback
  })
  group.each.setup(() => resetCubeEngine())

  test('each demo role: its dashboards, and totals equal to what it can list', async ({
    client,
    assert,
  }) => {
    const admin = await User.findByOrFail('email', 'admin@demo.cartera.es')
    // The last twelve months: the demo's wins lie in them whatever the date.
    const today = new Date().toISOString().slice(0, 10)
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    const management = await client
      .get('/analytics/dashboards/crm/management')
      .qs({ period: 'custom', from: yearAgo, to: today })
      .loginAs(admin)
      .withInertia()
    management.assertStatus(200)
    const page = management.inertiaProps as unknown as DashboardPage
    const widget = (key: string) => page.widgets.find((w) => w.key === key) as CubeWidgetDto
    const figure = async (user: User, key: string) => {
      const response = await client
        .get(LOAD)
        .qs(multi(widgetQuery(widget(key), page.filters)))
        .loginAs(user)
      response.assertStatus(200)
      return Number(response.body().results[0].data[0]?.[widget(key).query.measures![0]] ?? 0)
    }
    let sawWins = false
    for (const [email, dashboards] of DEMO) {
      const user = await User.findByOrFail('email', email)
      const list = await client.get('/analytics/dashboards').loginAs(user).withInertia()
      assert.deepEqual(
        (list.inertiaProps as any).dashboards.map((d: any) => d.key),
        dashboards,
        email
      )
      const listed = await opportunityTotalsInScope(await AccessContext.forUser(user), page.filters)
      assert.equal(await figure(user, 'won_period'), listed.wonMinor, `won for ${email}`)
      assert.equal(
        await figure(user, 'open_weighted'),
        listed.openWeightedMinor,
        `open for ${email}`
      )
      sawWins ||= listed.wonMinor > 0
    }
    // The demo data has won opportunities in the last twelve months (something to see).
    assert.isTrue(sawWins)
  })

  test('each demo role sees in Cube the quotas the quotas page shows it', async ({
    client,
    assert,
  }) => {
    const year = new Date().getUTCFullYear()
    const kinds = new Set<string>()
    for (const [email] of DEMO) {
      const user = await User.findByOrFail('email', email)
      const response = await client
        .get(LOAD)
        .qs(
          multi(
            {
              measures: ['crm_quota_attainment.quotas'],
              dimensions: ['crm_quota_attainment.quota_id', 'crm_quota_attainment.kind'],
              filters: [
                { member: 'crm_quota_attainment.year', operator: 'equals', values: [String(year)] },
              ],
            },
            { cache: 'no-cache' }
          )
        )
        .loginAs(user)
      response.assertStatus(200)
      const rows = response.body().results[0].data as Record<string, string>[]
      const inCube = rows
        .map((r) => Number(r['crm_quota_attainment.quota_id']))
        .sort((a, b) => a - b)
      const access = await AccessContext.forUser(user)
      const onPage = access.can('crm.quotas.view')
        ? (
            await visibleQuotaAttainments(access, {
              year,
              period: 'year',
              month: 12,
              kinds: ['user', 'team', 'zone', 'family'],
              locale: 'es',
            })
          )
            .map((q) => q.id)
            .sort((a, b) => a - b)
        : []
      assert.deepEqual(inCube, onPage, email)
      for (const r of rows) kinds.add(`${email}:${r['crm_quota_attainment.kind']}`)
    }
    // Team leaders see their team's quota; zone and family quotas need scope `all`.
    assert.isTrue(kinds.has('jefe.norte@demo.cartera.es:team'))
    assert.isFalse(kinds.has('jefe.norte@demo.cartera.es:zone'))
    assert.isTrue(kinds.has('gerente@demo.cartera.es:zone'))
  })
})
