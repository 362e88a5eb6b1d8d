import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { dbTimestamp, toDate } from '#app/support/dates'
import { insertCompany } from '../helpers.js'
import { activitiesUser, insertActivityRow, typeIds } from '../activities_helpers.js'
import { insertOpportunity, stagesByName } from '../pipeline_helpers.js'
import { REMINDER_LIMITS, sendDueReminders } from '../../activities/reminders.js'
import { runRecurrences } from '../../activities/recurrences.js'
import { TASK_RULE_LIMITS, runTaskRules } from '../../activities/task_rules.js'
import { removeOrganizations } from '../cleanup.js'

/*
 * Review findings on activities: schedules that starve, series that forget their reminder or
 * outlive their subject, type codes that collide, calendar feeds that outlive the permission.
 * No global transaction (the schedules open their own); organizations are removed at the end.
 */

const DAY = 86_400_000
const HOUR = 3_600_000
const ago = (ms: number) => dbTimestamp(new Date(Date.now() - ms))

test.group('Activities: review fixes', (group) => {
  const orgs: number[] = []
  group.teardown(() => removeOrganizations(orgs))

  test('task rules keep reaching newer records once a batch of them is done', async ({
    assert,
    cleanup,
  }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const owner = await activitiesUser(org, 'own')
    const stages = Object.values(await stagesByName(org))
    await db.table('crm_task_rules').insert({
      organization_id: org.id,
      name: 'Oferta',
      trigger: 'opportunity_stage_entered',
      stage_id: stages[1].id,
      days: 1,
      active: true,
      position: 0,
      created_at: ago(HOUR),
      updated_at: ago(HOUR),
    })
    const opps = []
    for (let i = 0; i < 3; i++)
      opps.push(await insertOpportunity(org, { stage_id: stages[1].id, owner_id: owner.id }))
    const previous = TASK_RULE_LIMITS.batch
    TASK_RULE_LIMITS.batch = 2
    cleanup(() => {
      TASK_RULE_LIMITS.batch = previous
    })
    await runTaskRules()
    await runTaskRules()
    const rows = await db
      .from('crm_activities')
      .where('organization_id', org.id)
      .whereNotNull('rule_key')
    assert.sameMembers(
      rows.map((r) => Number(r.subject_id)),
      opps.map(Number)
    )
  })

  test('reminders of organizations without the CRM do not crowd out the others', async ({
    assert,
    cleanup,
  }) => {
    const off = await createOrganization([])
    const on = await createOrganization(['crm'])
    orgs.push(off.id, on.id)
    const ghost = await activitiesUser(off, 'own')
    const rep = await activitiesUser(on, 'own')
    const now = new Date()
    await insertActivityRow(off, {
      assignee_id: ghost.id,
      due_at: dbTimestamp(now),
      remind_at: dbTimestamp(new Date(now.getTime() - 2 * HOUR)),
    })
    const mine = await insertActivityRow(on, {
      assignee_id: rep.id,
      due_at: dbTimestamp(now),
      remind_at: dbTimestamp(new Date(now.getTime() - HOUR)),
    })
    const previous = REMINDER_LIMITS.batch
    REMINDER_LIMITS.batch = 1
    cleanup(() => {
      REMINDER_LIMITS.batch = previous
    })
    await sendDueReminders(now)
    await sendDueReminders(now)
    const row = await db.from('crm_activities').where('id', mine).firstOrFail()
    assert.isNotNull(row.reminded_at)
    const sent = await db
      .from('notifications')
      .where({ user_id: rep.id, kind: 'crm.activity_reminder' })
    assert.lengthOf(sent, 1)
  })

  test('a series keeps its reminder, stops when cancelled or when its record is binned', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const rep = await activitiesUser(org, 'own')
    const types = await typeIds(org)
    const series = async (subjectId: number) => {
      const due = new Date(Date.now() + DAY)
      due.setUTCSeconds(0, 0)
      const made = await client
        .post('/crm/activities')
        .json({
          typeId: types.call,
          subjectType: 'crm.company',
          subjectId,
          title: 'Llamada semanal',
          dueAt: due.toISOString(),
          remindMinutes: 30,
          recurrence: { frequency: 'weekly', interval: 1 },
        })
        .loginAs(rep)
        .withCsrfToken()
      made.assertStatus(200)
      return db.from('crm_activities').where('id', made.body().id).firstOrFail()
    }
    const kept = await insertCompany(org, { name: 'Semanal S.L.', owner_id: rep.id })
    const first = await series(kept)
    await runRecurrences(new Date(Date.now() + 2 * DAY))
    const occurrences = await db
      .from('crm_activities')
      .where('recurrence_id', first.recurrence_id)
      .orderBy('due_at')
    assert.lengthOf(occurrences, 2)
    const second = occurrences[1]
    assert.equal(toDate(second.due_at).getTime() - toDate(second.remind_at).getTime(), 30 * 60_000)
    // Cancelling one of two open occurrences keeps the series; cancelling the last stops it.
    for (const occurrence of occurrences) {
      const cancelled = await client
        .delete(`/crm/activities/${occurrence.id}`)
        .loginAs(rep)
        .withCsrfToken()
      cancelled.assertStatus(200)
      const rec = await db
        .from('crm_activity_recurrences')
        .where('id', first.recurrence_id)
        .firstOrFail()
      assert.equal(Boolean(rec.active), occurrence.id !== second.id)
    }

    const binned = await insertCompany(org, { name: 'Papelera S.L.', owner_id: rep.id })
    const other = await series(binned)
    await db.from('crm_companies').where('id', binned).update({ deleted_at: dbTimestamp() })
    await runRecurrences(new Date(Date.now() + 2 * DAY))
    const made = await db.from('crm_activities').where('recurrence_id', other.recurrence_id)
    assert.lengthOf(made, 1)
    const rec = await db
      .from('crm_activity_recurrences')
      .where('id', other.recurrence_id)
      .firstOrFail()
    assert.isFalse(Boolean(rec.active))
  })

  test('two activity types created in the same millisecond get distinct codes', async ({
    client,
    assert,
    cleanup,
  }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const admin = await activitiesUser(org, 'all', {}, ['view', 'configure'])
    const realNow = Date.now
    const frozen = realNow()
    Date.now = () => frozen
    cleanup(() => {
      Date.now = realNow
    })
    for (const name of ['Demo', 'Feria']) {
      const response = await client
        .post('/crm/activity-types')
        .json({
          nameEs: name,
          nameEn: name,
          icon: 'star',
          color: 'teal',
          defaultDelayDays: 0,
          defaultDurationMin: 30,
        })
        .loginAs(admin)
        .withCsrfToken()
      response.assertStatus(200)
    }
    Date.now = realNow
    const codes = await db
      .from('crm_activity_types')
      .where('organization_id', org.id)
      .where('code', 'like', 'custom_%')
      .select('code')
    assert.lengthOf(new Set(codes.map((c) => c.code)), 2)
  })

  test('a calendar feed stops when its owner loses the permission or is deactivated', async ({
    client,
  }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const rep = await activitiesUser(org, 'own')
    const made = await client.post('/crm/calendar/feed').loginAs(rep).withCsrfToken()
    made.assertStatus(200)
    const path = new URL(made.body().url).pathname
    ;(await client.get(path)).assertStatus(200)
    const { role_id: roleId } = await db.from('user_roles').where('user_id', rep.id).firstOrFail()
    await db
      .from('role_permissions')
      .where('role_id', roleId)
      .where('permission', 'crm.activities.view')
      .delete()
    ;(await client.get(path)).assertStatus(404)
    await db
      .table('role_permissions')
      .insert({ role_id: roleId, permission: 'crm.activities.view' })
    ;(await client.get(path)).assertStatus(200)
    await db.from('users').where('id', rep.id).update({ is_active: false })
    ;(await client.get(path)).assertStatus(404)
  })
})
