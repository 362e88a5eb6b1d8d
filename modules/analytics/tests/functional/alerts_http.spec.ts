import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization, createUser } from '#tests/helpers/world'
import seedAnalyticsDemo from '../../database/seeders/demo.js'
import { evaluateAlerts } from '../../alerts/evaluate.js'
import { NOW, alertsWorld, roleOf, rule } from '../alerts_world.js'

const RULES = '/analytics/alerts/rules'
const ACTIVE = '/analytics/alerts/active'

/** Figures: see alerts_world.ts. */
test.group('Analytics · alerts over HTTP', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('rules: only analytics.alerts.manage lists, creates, edits, toggles and deletes', async ({
    client,
    assert,
  }) => {
    const { org, users } = await alertsWorld()
    ;(await client.get(RULES).loginAs(users.rep)).assertStatus(403)
    ;(
      await client
        .post(RULES)
        .json({ name: 'X', kind: 'quiet_account', params: { days: 10 } })
        .withCsrfToken()
        .loginAs(users.manager)
    ).assertStatus(403)

    const created = await client
      .post(RULES)
      .json({
        name: 'Cuentas dormidas',
        kind: 'quiet_account',
        params: { days: 45, percent: 99 },
        roleIds: [await roleOf(users.manager)],
        createTask: true,
        taskType: 'call',
        taskDueDays: 3,
      })
      .withCsrfToken()
      .loginAs(users.boss)
    created.assertStatus(200)
    const id = created.body().id
    const row = await db.from('analytics_alert_rules').where('id', id).first()
    assert.equal(Number(row.organization_id), org.id)
    // Only the kind's own parameters are kept.
    assert.deepEqual(JSON.parse(row.params), { days: 45 })
    assert.equal(row.task_type, 'call')

    const page = await client.get(RULES).loginAs(users.boss).withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as any
    assert.deepEqual(
      props.rules.map((r: any) => [r.name, r.kind, r.params, r.createTask, r.taskDueDays]),
      [['Cuentas dormidas', 'quiet_account', { days: 45 }, true, 3]]
    )
    assert.deepEqual(
      props.kinds.map((k: any) => k.kind),
      ['quota_under', 'overdue_activities', 'quiet_account']
    )
    assert.include(
      props.taskTypes.map((x: any) => x.code),
      'call'
    )

    ;(
      await client
        .put(`${RULES}/${id}`)
        .json({ name: 'Dormidas', kind: 'quiet_account', params: { days: 60 } })
        .withCsrfToken()
        .loginAs(users.boss)
    ).assertStatus(200)
    const edited = await db.from('analytics_alert_rules').where('id', id).first()
    assert.equal(edited.name, 'Dormidas')
    assert.deepEqual(JSON.parse(edited.params), { days: 60 })
    assert.isFalse(Boolean(edited.create_task))

    const toggled = await client.post(`${RULES}/${id}/toggle`).withCsrfToken().loginAs(users.boss)
    toggled.assertBodyContains({ enabled: false })
    ;(await client.delete(`${RULES}/${id}`).withCsrfToken().loginAs(users.boss)).assertStatus(200)
    assert.isNull(await db.from('analytics_alert_rules').where('id', id).first())
  })

  test('rules: wrong values answer 422 with translated messages on their fields', async ({
    client,
    assert,
  }) => {
    const { users } = await alertsWorld()
    const post = (body: Record<string, unknown>) =>
      client
        .post(RULES)
        .json(body)
        .withCsrfToken()
        .header('accept-language', 'es')
        .accept('json')
        .loginAs(users.boss)
    const tooHigh = await post({ name: 'Cuota', kind: 'quota_under', params: { percent: 150 } })
    tooHigh.assertStatus(422)
    assert.deepEqual(tooHigh.body().errors, [
      {
        field: 'params.percent',
        message: '«Porcentaje mínimo de la cuota» debe ser un número entero entre 1 y 100.',
      },
    ])
    const other = await createOrganization(['crm', 'analytics'])
    const stranger = await createUser(other, {})
    const foreignRole = await post({
      name: 'Vencidas',
      kind: 'overdue_activities',
      params: { count: 3 },
      roleIds: [await roleOf(stranger)],
    })
    foreignRole.assertStatus(422)
    assert.equal(foreignRole.body().errors[0].field, 'roleIds')
    const badType = await post({
      name: 'Vencidas',
      kind: 'overdue_activities',
      params: { count: 3 },
      createTask: true,
      taskType: 'telepathy',
    })
    badType.assertStatus(422)
    assert.equal(badType.body().errors[0].message, 'Elige un tipo de tarea de la lista.')
    const noKind = await post({ name: '', kind: 'nope' })
    noKind.assertStatus(422)
    assert.sameMembers(
      noKind.body().errors.map((e: any) => e.field),
      ['name', 'kind']
    )
    // Another organization's rule is not found.
    const foreign = await rule(other, { kind: 'overdue_activities', params: { count: 1 } })
    ;(
      await client.post(`${RULES}/${foreign}/toggle`).withCsrfToken().loginAs(users.boss)
    ).assertStatus(404)
  })

  test('/alerts/active: a rep sees the alerts about self and own companies, the manager his reps', async ({
    client,
    assert,
  }) => {
    const { org, users, companies } = await alertsWorld()
    await rule(org, { kind: 'quiet_account', params: { days: 30 } })
    await rule(org, { kind: 'overdue_activities', params: { count: 1 } })
    await rule(org, { kind: 'quota_under', params: { percent: 50, day: 15 } })
    await evaluateAlerts(NOW, { organizationId: org.id })
    const seen = async (who: typeof users.rep) => {
      const response = await client.get(ACTIVE).loginAs(who)
      response.assertStatus(200)
      return response
        .body()
        .alerts.map((a: any) => `${a.kind}:${a.subjectType}:${a.subjectId}`)
        .sort()
    }
    const rep = [
      `overdue_activities:user:${users.rep.id}`,
      `quiet_account:crm.company:${companies.quiet}`,
      `quota_under:user:${users.rep.id}`,
    ]
    const rep2 = [
      `overdue_activities:user:${users.rep2.id}`,
      `quiet_account:crm.company:${companies.forgotten}`,
    ]
    assert.deepEqual(await seen(users.rep), rep.sort())
    assert.deepEqual(await seen(users.rep2), rep2.sort())
    assert.deepEqual(await seen(users.manager), [...rep, ...rep2].sort())
    assert.deepEqual(await seen(users.boss), [...rep, ...rep2].sort())

    const body = (await client.get(ACTIVE).loginAs(users.rep)).body()
    const quota = body.alerts.find((a: any) => a.kind === 'quota_under')
    assert.equal(quota.messageKey, 'analytics.alerts.messages.quota_under')
    assert.include(quota.params, { name: 'Rafa Comercial', pct: 30 })

    // The list page: open by default, resolved on demand (none yet).
    const list = await client.get('/analytics/alerts').loginAs(users.rep).withInertia()
    assert.lengthOf((list.inertiaProps as any).alerts, 3)
    const resolved = await client
      .get('/analytics/alerts?status=resolved')
      .loginAs(users.rep)
      .withInertia()
    assert.lengthOf((resolved.inertiaProps as any).alerts, 0)
    assert.isFalse((resolved.inertiaProps as any).canManage)

    const nobody = await createUser(org, {})
    ;(await client.get(ACTIVE).loginAs(nobody)).assertStatus(403)
  })

  test("a quiet company's page shows the alert's badge while it is open", async ({
    client,
    assert,
  }) => {
    const { org, users, companies } = await alertsWorld()
    await rule(org, { kind: 'quiet_account', params: { days: 30 } })
    await evaluateAlerts(NOW, { organizationId: org.id })
    const page = await client
      .get(`/crm/companies/${companies.quiet}`)
      .loginAs(users.rep)
      .withInertia()
    page.assertStatus(200)
    assert.deepEqual((page.inertiaProps as any).flags, [
      {
        kind: 'analytics.alert',
        labelKey: 'analytics.alerts.flags.quiet_account',
        params: { name: 'Quieta SA', days: 30, opportunities: 1, last: '2026-02-01' },
        link: '/analytics/alerts',
      },
    ])
    const calm = await client
      .get(`/crm/companies/${companies.fresh}`)
      .loginAs(users.rep)
      .withInertia()
    assert.deepEqual((calm.inertiaProps as any).flags, [])
    // Out of scope stays out of scope: rep2 does not see rep's company, badge or not.
    ;(await client.get(`/crm/companies/${companies.quiet}`).loginAs(users.rep2)).assertStatus(404)
  })

  test('disabling a rule resolves its open alerts and removes their badges', async ({
    client,
    assert,
  }) => {
    const { org, users, companies } = await alertsWorld()
    const quiet = await rule(org, { kind: 'quiet_account', params: { days: 30 } })
    await rule(org, { kind: 'overdue_activities', params: { count: 1 } })
    await evaluateAlerts(NOW, { organizationId: org.id })
    ;(
      await client.post(`${RULES}/${quiet}/toggle`).withCsrfToken().loginAs(users.boss)
    ).assertBodyContains({ enabled: false })
    const open = await db
      .from('analytics_alerts')
      .where({ organization_id: org.id, status: 'open' })
      .select('rule_id')
    assert.isTrue(open.length === 2 && open.every((a) => Number(a.rule_id) !== quiet))
    const flags = await db.from('record_flags').where('organization_id', org.id).count('* as n')
    assert.equal(Number(flags[0].n), 0)
    const active = (await client.get(ACTIVE).loginAs(users.rep)).body().alerts
    assert.deepEqual(
      active.map((a: any) => a.kind),
      ['overdue_activities']
    )
    const page = await client
      .get(`/crm/companies/${companies.quiet}`)
      .loginAs(users.rep)
      .withInertia()
    assert.deepEqual((page.inertiaProps as any).flags, [])
  })

  test('the demo seeder writes one rule of each kind, notifying the sales management', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'analytics'])
    await db.table('roles').insert({
      organization_id: org.id,
      name: 'Dirección comercial',
      is_admin: false,
      created_at: '2026-01-01 00:00:00',
      updated_at: '2026-01-01 00:00:00',
    })
    await seedAnalyticsDemo({ organizationId: org.id, users: {}, random: Math.random })
    const rows = await db
      .from('analytics_alert_rules')
      .where('organization_id', org.id)
      .orderBy('id')
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['quota_under', 'overdue_activities', 'quiet_account']
    )
    assert.isTrue(rows.every((r) => JSON.parse(r.recipient_roles).length === 1))
  })
})
