import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  insertActivityRow,
  insertOpportunityRow,
  insertQuotaRow,
  keyedTasks,
} from '#modules/crm/contracts/index'
import { AccessContext } from '#app/access/access_context'
import { recordFlags } from '#app/flags/record_flags'
import { installer } from '#app/registry/services'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { visibleAlerts } from '../../alerts/visible.js'
import { evaluateAlerts } from '../../alerts/evaluate.js'
import { updateRule, findRule } from '../../alerts/rules.js'
import { NOW, alertNotifications, alertRows, alertsWorld, roleOf, rule } from '../alerts_world.js'

const DAY = 86_400_000
const VERY_LATE = { due_at: '2020-01-01 09:00:00', created_at: '2019-12-01 09:00:00' }

/** Figures: see alerts_world.ts. */
test.group('Analytics · alerts: evaluation of each rule kind', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('quota_under alerts the rep under the threshold after day D, once', async ({ assert }) => {
    const { org, users } = await alertsWorld()
    const ruleId = await rule(org, {
      kind: 'quota_under',
      params: { percent: 50, day: 15 },
      roleIds: [await roleOf(users.manager)],
    })
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 1,
      resolved: 0,
    })
    const [alert, ...rest] = await alertRows(org.id)
    assert.lengthOf(rest, 0)
    assert.equal(Number(alert.rule_id), ruleId)
    assert.equal(alert.subject_type, 'user')
    assert.equal(Number(alert.subject_id), users.rep.id)
    assert.equal(alert.generation, '2026-03')
    assert.equal(Number(alert.owner_id), users.rep.id)
    assert.deepInclude(JSON.parse(alert.params), {
      name: 'Rafa Comercial',
      pct: 30,
      percent: 50,
      actualMinor: '30000',
      targetMinor: '100000',
    })
    const notes = await alertNotifications(org.id)
    assert.deepEqual(
      notes.map((n) => [n.userId, n.key, n.params.pct]),
      [[users.manager.id, 'analytics.alerts.messages.quota_under', 30]]
    )
    // Evaluated again: nothing new, nothing resolved, no second notice.
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 0,
      resolved: 0,
    })
    assert.lengthOf(await alertNotifications(org.id), 1)

    // rep wins 300 € more (60.0 %): the alert is resolved.
    await insertOpportunityRow(
      org.id,
      { name: 'Remontada', ownerId: users.rep.id, amountMinor: 30_000 },
      { status: 'won', won_at: '2026-03-19 12:00:00' }
    )
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 0,
      resolved: 1,
    })
    assert.equal((await alertRows(org.id))[0].status, 'resolved')
  })

  test('quota_under covers team (its leader is told), zone and family quotas (the rule roles)', async ({
    assert,
  }) => {
    const { org, users } = await alertsWorld()
    // Nothing won by team, zone or family in March 2026: each is at 0 % of its 1 000 €.
    const sur = await createTeam(org, users.rep2, [users.rep], 'Sur')
    const month = Array(12).fill(100_000)
    await insertQuotaRow(org.id, { kind: 'team', teamId: sur.id }, 2026, month)
    const zone = await insertQuotaRow(org.id, { kind: 'zone', code: 'levante' }, 2026, month)
    const family = await insertQuotaRow(org.id, { kind: 'family', code: 'web' }, 2026, month)
    await rule(org, {
      kind: 'quota_under',
      params: { percent: 50, day: 15 },
      roleIds: [await roleOf(users.manager)],
      createTask: true,
      taskType: 'task',
      taskDueDays: 1,
    })
    assert.equal((await evaluateAlerts(NOW, { organizationId: org.id })).opened, 4)
    const alerts = await alertRows(org.id)
    assert.sameDeepMembers(
      alerts.map((a) => [a.subject_type, Number(a.subject_id), a.owner_id && Number(a.owner_id)]),
      [
        ['user', users.rep.id, users.rep.id],
        ['team', sur.id, users.rep2.id],
        ['zone', zone, null],
        ['family', family, null],
      ]
    )
    const team = JSON.parse(alerts.find((a) => a.subject_type === 'team')!.params)
    assert.deepInclude(team, { name: 'Sur', pct: 0, targetMinor: '100000', actualMinor: '0' })
    // The rule's role (manager) hears of all four; the team's leader (rep2) of the team's.
    const notes = await alertNotifications(org.id)
    assert.sameDeepMembers(
      notes.map((n) => [n.userId, n.key, n.params.name]),
      [
        [users.manager.id, 'analytics.alerts.messages.quota_under', 'Rafa Comercial'],
        [users.manager.id, 'analytics.alerts.messages.quota_under_team', 'Sur'],
        [users.rep2.id, 'analytics.alerts.messages.quota_under_team', 'Sur'],
        // Zones and families by their list's label in the organization's language.
        [users.manager.id, 'analytics.alerts.messages.quota_under_zone', 'Levante'],
        [users.manager.id, 'analytics.alerts.messages.quota_under_family', 'Web y tienda online'],
      ]
    )
    // Tasks: to the rep and to the team's leader; a zone or family has nobody to give one to.
    assert.sameMembers(
      (await keyedTasks(org.id, 'analytics.alert:')).map((t) => t.assigneeId),
      [users.rep.id, users.rep2.id]
    )
    // The leader sees the team's alert (theirs), not the zone's or family's.
    const seen = await visibleAlerts(await AccessContext.forUser(users.rep2), 'open')
    assert.deepEqual(
      seen.map((a) => [a.subjectType, a.messageKey]),
      [['team', 'analytics.alerts.messages.quota_under_team']]
    )
  })

  test('quota alerts follow the crm.quotas rule: members, reps without quotas access and leaders', async ({
    assert,
  }) => {
    const { org, users } = await alertsWorld()
    // A team member seeing the team's opportunities, with only their own quota.
    const member = await createUser(
      org,
      {
        permissions: ['analytics.view', 'crm.opportunities.view', 'crm.quotas.view'],
        scopes: { 'crm.opportunities': 'team', 'crm.quotas': 'own' },
      },
      { fullName: 'Miguel Miembro' }
    )
    const sur = await createTeam(org, users.rep2, [users.rep, member], 'Sur')
    await insertQuotaRow(org.id, { kind: 'team', teamId: sur.id }, 2026, Array(12).fill(100_000))
    // Sees every opportunity, may not see quotas.
    const seller = await createUser(
      org,
      {
        permissions: ['analytics.view', 'crm.opportunities.view'],
        scopes: { 'crm.opportunities': 'all' },
      },
      { fullName: 'Sonia Ventas' }
    )
    // Leads a team, may not see quotas: neither told nor given a task.
    const blind = await createUser(
      org,
      { permissions: ['analytics.view', 'crm.opportunities.view'] },
      { fullName: 'Bruno Jefe' }
    )
    const norte = await createTeam(org, blind, [], 'Norte')
    await insertQuotaRow(org.id, { kind: 'team', teamId: norte.id }, 2026, Array(12).fill(100_000))
    await rule(org, {
      kind: 'quota_under',
      params: { percent: 50, day: 15 },
      roleIds: [await roleOf(seller)],
      createTask: true,
      taskType: 'task',
      taskDueDays: 1,
    })
    assert.equal((await evaluateAlerts(NOW, { organizationId: org.id })).opened, 3)
    const seen = async (who: typeof users.rep) =>
      (await visibleAlerts(await AccessContext.forUser(who), 'open'))
        .map((a) => `${a.subjectType}:${a.subjectId}`)
        .sort()
    assert.deepEqual(await seen(member), [])
    assert.deepEqual(await seen(seller), [])
    assert.deepEqual(await seen(blind), [])
    assert.deepEqual(await seen(users.rep), [`user:${users.rep.id}`])
    assert.deepEqual(await seen(users.rep2), [`team:${sur.id}`])
    assert.deepEqual(await seen(users.manager), [`user:${users.rep.id}`])
    assert.lengthOf(await seen(users.boss), 3)
    // The seller's role is the rule's, but quotas are hidden from them; the blind leader is told
    // nothing and gets no task; rep2 leads Sur and may see quotas.
    assert.sameDeepMembers(
      (await alertNotifications(org.id)).map((n) => [n.userId, n.params.name]),
      [[users.rep2.id, 'Sur']]
    )
    assert.sameMembers(
      (await keyedTasks(org.id, 'analytics.alert:')).map((t) => t.assigneeId),
      [users.rep.id, users.rep2.id]
    )
  })

  test("quota_under reads day D in the organization's time zone, not UTC", async ({ assert }) => {
    const { org } = await alertsWorld()
    await rule(org, { kind: 'quota_under', params: { percent: 50, day: 15 } })
    // 14 March 23:30 UTC is already 15 March (00:30) in Madrid.
    const lateOn14th = new Date('2026-03-14T23:30:00Z')
    await db.from('organizations').where('id', org.id).update({ timezone: 'UTC' })
    assert.equal((await evaluateAlerts(lateOn14th, { organizationId: org.id })).opened, 0)
    await db.from('organizations').where('id', org.id).update({ timezone: 'Europe/Madrid' })
    assert.equal((await evaluateAlerts(lateOn14th, { organizationId: org.id })).opened, 1)
  })

  test('overdue_activities alerts a user with more than N open overdue activities', async ({
    assert,
  }) => {
    const { org, users } = await alertsWorld()
    const ruleId = await rule(org, {
      kind: 'overdue_activities',
      params: { count: 2 },
      roleIds: [await roleOf(users.manager), await roleOf(users.boss)],
      createTask: true,
      taskType: 'task',
      taskDueDays: 1,
    })
    await evaluateAlerts(NOW, { organizationId: org.id })
    const alerts = await alertRows(org.id)
    // rep: 3 overdue (the done one and April's do not count); rep2: 2, not more than 2.
    assert.deepEqual(
      alerts.map((a) => [a.subject_type, Number(a.subject_id), a.generation]),
      [['user', users.rep.id, '2026-03-20']]
    )
    assert.deepInclude(JSON.parse(alerts[0].params), { count: 3, threshold: 2 })
    const notes = await alertNotifications(org.id)
    assert.sameMembers(
      notes.map((n) => n.userId),
      [users.manager.id, users.boss.id]
    )
    assert.isTrue(notes.every((n) => n.link === '/crm/activities'))
    const tasks = await keyedTasks(org.id, `analytics.alert:${ruleId}:`)
    assert.deepEqual(
      tasks.map((t) => [t.assigneeId, t.title, t.dueAt.toISOString()]),
      [[users.rep.id, 'Regla: Rafa Comercial', new Date(NOW.getTime() + DAY).toISOString()]]
    )

    // The threshold rises to 3: no longer "more than 3" — resolved; the task stays (once).
    const saved = (await findRule(org.id, ruleId))!
    await updateRule(org.id, ruleId, { ...saved, params: { count: 3 } })
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 0,
      resolved: 1,
    })
    assert.lengthOf(await keyedTasks(org.id, `analytics.alert:${ruleId}:`), 1)

    // Back to 2 the same day: the day's alert opens again, with no second notice or task.
    await updateRule(org.id, ruleId, { ...saved, params: { count: 2 } })
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 1,
      resolved: 0,
    })
    assert.deepEqual(
      (await alertRows(org.id)).map((a) => a.status),
      ['open']
    )
    assert.lengthOf(await alertNotifications(org.id), 2)
    assert.lengthOf(await keyedTasks(org.id, `analytics.alert:${ruleId}:`), 1)
  })

  test('quiet_account alerts companies with open opportunities and no activity for N days; flags them', async ({
    assert,
  }) => {
    const { org, users, companies } = await alertsWorld()
    const ruleId = await rule(org, {
      kind: 'quiet_account',
      params: { days: 30 },
      roleIds: [await roleOf(users.manager)],
      createTask: true,
      taskType: 'call',
      taskDueDays: 2,
    })
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 2,
      resolved: 0,
    })
    const alerts = await alertRows(org.id)
    assert.deepEqual(
      alerts.map((a) => [Number(a.subject_id), Number(a.owner_id), JSON.parse(a.params)]),
      [
        [
          companies.quiet,
          users.rep.id,
          { name: 'Quieta SA', days: 30, opportunities: 1, last: '2026-02-01' },
        ],
        [
          companies.forgotten,
          users.rep2.id,
          { name: 'Olvidada SL', days: 30, opportunities: 2, last: null },
        ],
      ]
    )
    const notes = await alertNotifications(org.id)
    assert.deepEqual(
      notes.map((n) => n.link),
      [`/crm/companies/${companies.quiet}`, `/crm/companies/${companies.forgotten}`]
    )
    const flags = await recordFlags(org.id, 'crm.company', companies.quiet)
    assert.deepEqual(flags, [
      {
        kind: 'analytics.alert',
        labelKey: 'analytics.alerts.flags.quiet_account',
        params: { name: 'Quieta SA', days: 30, opportunities: 1, last: '2026-02-01' },
        link: '/analytics/alerts',
      },
    ])
    assert.lengthOf(await recordFlags(org.id, 'crm.company', companies.active), 0)
    const tasks = await keyedTasks(org.id, `analytics.alert:${ruleId}:`)
    assert.deepEqual(
      tasks.map((t) => [t.subjectType, t.subjectId, t.assigneeId]),
      [
        ['crm.company', companies.quiet, users.rep.id],
        ['crm.company', companies.forgotten, users.rep2.id],
      ]
    )
    assert.deepEqual(
      tasks.map((t) => t.typeCode),
      ['call', 'call']
    )

    // Someone calls Quieta SA yesterday: its alert is resolved and its badge goes; the other stays.
    await insertActivityRow(
      org.id,
      { title: 'Llamada', assigneeId: users.rep.id },
      {
        subject_type: 'crm.company',
        subject_id: companies.quiet,
        created_at: '2026-03-19 10:00:00',
        due_at: '2026-03-19 10:00:00',
        status: 'done',
        done_at: '2026-03-19 10:00:00',
      }
    )
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 0,
      resolved: 1,
    })
    assert.deepEqual(
      (await alertRows(org.id)).map((a) => a.status),
      ['resolved', 'open']
    )
    assert.lengthOf(await recordFlags(org.id, 'crm.company', companies.quiet), 0)
    assert.lengthOf(await recordFlags(org.id, 'crm.company', companies.forgotten), 1)
    // Still quiet the next day: the same alert stays open (no new generation, no new notice).
    const tomorrow = new Date(NOW.getTime() + DAY)
    assert.deepEqual(await evaluateAlerts(tomorrow, { organizationId: org.id }), {
      opened: 0,
      resolved: 0,
    })
    assert.lengthOf(await alertNotifications(org.id), 2)
  })

  test('a disabled rule raises nothing; an organization without analytics is skipped', async ({
    assert,
  }) => {
    const { org } = await alertsWorld()
    const ruleId = await rule(org, { kind: 'overdue_activities', params: { count: 0 } })
    await db.from('analytics_alert_rules').where('id', ruleId).update({ enabled: false })
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: org.id }), {
      opened: 0,
      resolved: 0,
    })

    const crmOnly = await createOrganization(['crm'])
    const late = await createUser(crmOnly, {}, { fullName: 'Sin Analítica' })
    await insertActivityRow(crmOnly.id, { title: 'Vencida', assigneeId: late.id }, VERY_LATE)
    await rule(crmOnly, { kind: 'overdue_activities', params: { count: 0 } })
    assert.deepEqual(await evaluateAlerts(NOW, { organizationId: crmOnly.id }), {
      opened: 0,
      resolved: 0,
    })
    await (await installer()).install(crmOnly.id, 'analytics', null)
    assert.equal((await evaluateAlerts(NOW, { organizationId: crmOnly.id })).opened, 1)
  })
})
