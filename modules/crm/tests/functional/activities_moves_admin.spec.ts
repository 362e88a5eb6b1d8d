import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { toDate } from '#app/support/dates'
import { activitiesUser, insertActivityRow, world } from '../activities_helpers.js'
import { stagesByName } from '../pipeline_helpers.js'
import { AccessContext } from '#app/access/access_context'
import { listActivities } from '../../activities/list_activities.js'

const DAY = 86_400_000

test.group('Activities: calendar moves and types', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a drag moves and resizes (reminder follows); out of scope or read-only is refused', async ({
    client,
    assert,
  }) => {
    const { org, rep, colleague, types } = await world()
    const due = new Date(Math.floor((Date.now() + DAY) / 60_000) * 60_000)
    const id = await insertActivityRow(org, {
      assignee_id: rep.id,
      type_id: types.meeting,
      due_at: due.toISOString().slice(0, 19).replace('T', ' '),
      remind_at: new Date(due.getTime() - 30 * 60_000).toISOString().slice(0, 19).replace('T', ' '),
    })
    const later = new Date(due.getTime() + 2 * 3_600_000)
    const moved = await client
      .patch(`/crm/activities/${id}/move`)
      .json({ dueAt: later.toISOString(), durationMin: 90 })
      .loginAs(rep)
      .withCsrfToken()
    moved.assertStatus(200)
    const row = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.equal(toDate(row.due_at).getTime(), later.getTime())
    assert.equal(row.duration_min, 90)
    assert.equal(toDate(row.remind_at).getTime(), later.getTime() - 30 * 60_000)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.activity', subject_id: id, action: 'update' })
    assert.sameMembers(
      audit.map((a) => a.field),
      ['dueAt', 'durationMin']
    )
    // A colleague's drag on it is a 404 (the page rolls the event back).
    const refused = await client
      .patch(`/crm/activities/${id}/move`)
      .json({ dueAt: due.toISOString() })
      .loginAs(colleague)
      .withCsrfToken()
    refused.assertStatus(404)
    const support = await activitiesUser(org, 'all', {}, ['view'])
    const readOnly = await client
      .patch(`/crm/activities/${id}/move`)
      .json({ dueAt: due.toISOString() })
      .loginAs(support)
      .withCsrfToken()
    readOnly.assertStatus(403)
    const calendar = await client
      .get(
        `/crm/calendar/events?start=${new Date(due.getTime() - DAY).toISOString()}&end=${new Date(due.getTime() + DAY).toISOString()}&user=team`
      )
      .loginAs(support)
    assert.deepEqual(
      calendar.body().map((e: any) => [e.id, e.editable]),
      [[id, false]]
    )
  })

  test('an administrator edits a type’s chaining; a self-chain is refused', async ({
    client,
    assert,
  }) => {
    const { org, types } = await world()
    const admin = await activitiesUser(org, 'all', {}, ['view', 'configure'])
    const page = await client.get('/crm/activity-types').loginAs(admin).withInertia()
    page.assertStatus(200)
    assert.lengthOf(page.inertiaProps.types, 5)
    const body = {
      nameEs: 'Visita comercial',
      nameEn: 'Sales visit',
      icon: 'car',
      color: 'orange',
      defaultDelayDays: 7,
      defaultDurationMin: 60,
      nextTypeId: types.email,
      nextDelayDays: 1,
    }
    const saved = await client
      .put(`/crm/activity-types/${types.visit}`)
      .json(body)
      .loginAs(admin)
      .withCsrfToken()
    saved.assertStatus(200)
    const row = await db.from('crm_activity_types').where('id', types.visit).firstOrFail()
    assert.equal(row.name_es, 'Visita comercial')
    assert.equal(row.next_type_id, types.email)
    const self = await client
      .put(`/crm/activity-types/${types.visit}`)
      .json({ ...body, nextTypeId: types.visit })
      .loginAs(admin)
      .withCsrfToken()
    self.assertStatus(422)
    const rep = await activitiesUser(org, 'own')
    ;(await client.get('/crm/activity-types').loginAs(rep)).assertStatus(403)
  })

  test('an administrator adds an automatic rule; a stage rule needs a stage', async ({
    client,
    assert,
  }) => {
    const { org, types } = await world()
    const admin = await activitiesUser(org, 'all', {}, ['view', 'configure'])
    const [stage] = Object.values(await stagesByName(org))
    const rule = {
      name: 'Seguimiento de ofertas',
      trigger: 'opportunity_stage_entered',
      stageId: stage.id,
      days: 3,
      typeId: types.call,
    }
    const saved = await client.post('/crm/task-rules').json(rule).loginAs(admin).withCsrfToken()
    saved.assertStatus(200)
    const refused = await client
      .post('/crm/task-rules')
      .json({ ...rule, stageId: null })
      .loginAs(admin)
      .withCsrfToken()
    refused.assertStatus(422)
    const page = await client.get('/crm/task-rules').loginAs(admin).withInertia()
    assert.deepEqual(
      page.inertiaProps.rules.map((r: any) => [r.name, r.stageId, r.active]),
      [['Seguimiento de ofertas', stage.id, true]]
    )
  })

  test('periods are days of the reader’s zone; a cancelled activity leaves the open list', async ({
    client,
    assert,
  }) => {
    const { org, rep } = await world()
    const late = await insertActivityRow(org, {
      assignee_id: rep.id,
      title: 'Tarde',
      due_at: '2026-12-02 23:30:00',
    })
    const access = await AccessContext.forUser(rep)
    const now = new Date('2026-12-02T12:00:00Z')
    const titles = async (period: 'today' | 'future', timeZone: string) =>
      (await listActivities(access, { period }, { locale: 'es', timeZone, now })).rows.map(
        (a) => `${a.title}:${a.dueClass}`
      )
    // 23:30 UTC is already 3 December in Madrid, still 2 December in New York.
    assert.deepEqual(await titles('today', 'Europe/Madrid'), [])
    assert.deepEqual(await titles('future', 'Europe/Madrid'), ['Tarde:future'])
    assert.deepEqual(await titles('today', 'America/New_York'), ['Tarde:today'])

    const cancelled = await client.delete(`/crm/activities/${late}`).loginAs(rep).withCsrfToken()
    cancelled.assertStatus(200)
    assert.deepEqual(await titles('future', 'Europe/Madrid'), [])
    const row = await db.from('crm_activities').where('id', late).firstOrFail()
    assert.equal(row.status, 'cancelled')
  })
})
