import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { keyedTasks } from '#modules/crm/contracts/index'
import { removeOrganizations } from '#tests/helpers/cleanup'
import { ace } from '#tests/helpers/workers'
import { evaluateAlerts } from '../../alerts/evaluate.js'
import { NOW, alertNotifications, alertRows, alertsWorld, roleOf, rule } from '../alerts_world.js'

/*
 * Without a global transaction: concurrent evaluations (and another process) must see each
 * other's rows. Organizations are removed when the group ends.
 */
test.group('Analytics · alerts: concurrent evaluations', (group) => {
  const orgs: number[] = []
  group.teardown(() => removeOrganizations(orgs))

  test('four evaluations at once alert, notify, flag and task each subject once', async ({
    assert,
  }) => {
    const { org, users } = await alertsWorld()
    orgs.push(org.id)
    const roleIds = [await roleOf(users.manager)]
    const quietRule = await rule(org, {
      kind: 'quiet_account',
      params: { days: 30 },
      roleIds,
      createTask: true,
      taskType: 'call',
      taskDueDays: 2,
    })
    await rule(org, { kind: 'overdue_activities', params: { count: 2 }, roleIds })
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => evaluateAlerts(NOW, { organizationId: org.id }))
    )
    assert.equal(
      runs.reduce((sum, r) => sum + r.opened, 0),
      3
    )
    const alerts = await alertRows(org.id)
    // Quieta SA, Olvidada SL (quiet) and rep (3 overdue activities).
    assert.lengthOf(alerts, 3)
    assert.lengthOf(await alertNotifications(org.id), 3)
    assert.lengthOf(await keyedTasks(org.id, `analytics.alert:${quietRule}:`), 2)
    const flags = await db.from('record_flags').where('organization_id', org.id).count('* as n')
    assert.equal(Number(flags[0].n), 2)
  }).timeout(60_000)

  test('`node ace analytics:alerts` evaluates one organization from another process', async ({
    assert,
  }) => {
    const { org } = await alertsWorld()
    orgs.push(org.id)
    // Against today's clock every open activity of the world is overdue: rep 4, rep2 2.
    await rule(org, { kind: 'overdue_activities', params: { count: 3 } })
    const output = ace(['analytics:alerts', `--organization=${org.slug}`])
    assert.include(output, '1 alerts opened, 0 resolved')
    assert.lengthOf(await alertRows(org.id), 1)
    assert.include(ace(['analytics:alerts', `--organization=${org.slug}`]), '0 alerts opened')
  }).timeout(120_000)
})
