import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ICAL from 'ical.js'
import { createOrganization } from '#tests/helpers/world'
import { dbTimestamp, toDate } from '#app/support/dates'
import { insertCompany } from '../helpers.js'
import { activitiesUser, insertActivityRow, typeIds } from '../activities_helpers.js'
import { sendDueReminders } from '../../activities/reminders.js'
import { runRecurrences } from '../../activities/recurrences.js'
import { removeOrganizations } from '../cleanup.js'

const DAY = 86_400_000

test.group('Activities: ICS feed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the feed parses back with the right events and times; revoked → 404', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await activitiesUser(org, 'own')
    const other = await activitiesUser(org, 'own')
    const soon = new Date(Date.now() + DAY)
    soon.setUTCHours(9, 30, 0, 0)
    await insertActivityRow(org, {
      assignee_id: rep.id,
      title: 'Reunión; con comas, y \\ barra',
      notes: 'Línea 1\nLínea 2 ' + 'larga '.repeat(20),
      due_at: dbTimestamp(soon),
      duration_min: 45,
    })
    await insertActivityRow(org, {
      assignee_id: rep.id,
      title: 'Feria',
      all_day: true,
      // Local midnight in Madrid of the day after tomorrow, as the form stores it.
      due_at: dbTimestamp(
        new Date(`${new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10)}T00:00:00+01:00`)
      ),
    })
    await insertActivityRow(org, { assignee_id: other.id, title: 'De otra persona' })

    const made = await client.post('/crm/calendar/feed').loginAs(rep).withCsrfToken()
    made.assertStatus(200)
    const path = new URL(made.body().url).pathname
    assert.match(path, new RegExp(`^/p/crm/${org.slug}/calendar/[A-Za-z0-9_-]+\\.ics$`))
    const stored = await db.from('crm_calendar_feeds').where('user_id', rep.id).firstOrFail()
    assert.notInclude(path, stored.token_hash)

    const feed = await client.get(path)
    feed.assertStatus(200)
    assert.include(feed.header('content-type'), 'text/calendar')
    const text = feed.text()
    assert.isTrue(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75))
    const calendar = new ICAL.Component(ICAL.parse(text))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    assert.lengthOf(events, 2)
    const meeting = events.find((e) => e.summary.includes('Reunión'))!
    assert.equal(meeting.summary, 'Llamada: Reunión; con comas, y \\ barra')
    assert.equal(meeting.startDate.toJSDate().getTime(), soon.getTime())
    assert.equal(meeting.endDate.toJSDate().getTime(), soon.getTime() + 45 * 60_000)
    assert.equal(meeting.startDate.zone.tzid, 'UTC')
    assert.isTrue(meeting.uid.startsWith('activity-'))
    assert.include(meeting.description, 'Línea 2')
    const fair = events.find((e) => e.summary.includes('Feria'))!
    assert.isTrue(fair.startDate.isDate)
    assert.equal(
      fair.startDate.toString(),
      new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10)
    )

    // A new address kills the old one; revoking kills the new one.
    const again = await client.post('/crm/calendar/feed').loginAs(rep).withCsrfToken()
    ;(await client.get(path)).assertStatus(404)
    const second = new URL(again.body().url).pathname
    ;(await client.get(second)).assertStatus(200)
    ;(await client.delete('/crm/calendar/feed').loginAs(rep).withCsrfToken()).assertStatus(200)
    ;(await client.get(second)).assertStatus(404)
    ;(await client.get(`/p/crm/${org.slug}/calendar/${'x'.repeat(32)}.ics`)).assertStatus(404)
  })
})

test.group('Activities: reminders and recurrences (schedules)', (group) => {
  const orgs: number[] = []
  group.teardown(() => removeOrganizations(orgs))

  test('a reminder is sent once, even when two runs race', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const rep = await activitiesUser(org, 'own')
    const now = new Date()
    const id = await insertActivityRow(org, {
      assignee_id: rep.id,
      title: 'Llamar a Rosa',
      due_at: dbTimestamp(new Date(now.getTime() + 10 * 60_000)),
      remind_at: dbTimestamp(new Date(now.getTime() - 5 * 60_000)),
    })
    await insertActivityRow(org, {
      assignee_id: rep.id,
      title: 'Todavía no',
      due_at: dbTimestamp(new Date(now.getTime() + DAY)),
      remind_at: dbTimestamp(new Date(now.getTime() + DAY - 15 * 60_000)),
    })
    await Promise.all([sendDueReminders(now), sendDueReminders(now)])
    await sendDueReminders(now)
    const sent = await db
      .from('notifications')
      .where({ user_id: rep.id, kind: 'crm.activity_reminder' })
    assert.lengthOf(sent, 1)
    assert.include(JSON.stringify(sent[0]), 'Llamar a Rosa')
    const row = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.isNotNull(row.reminded_at)
  })

  test('a recurrence creates its next occurrence once, whatever the runs', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const rep = await activitiesUser(org, 'own')
    const company = await insertCompany(org, { name: 'Cuenta Mensual', owner_id: rep.id })
    const types = await typeIds(org)
    const now = new Date()
    const first = new Date(now.getTime() + 2 * DAY)
    first.setUTCSeconds(0, 0)
    const [recId] = await db.table('crm_activity_recurrences').insert({
      organization_id: org.id,
      type_id: types.visit,
      subject_type: 'crm.company',
      subject_id: company,
      title: 'Visita mensual',
      assignee_id: rep.id,
      frequency: 'weekly',
      interval: 1,
      until: null,
      next_due_at: dbTimestamp(first),
      all_day: false,
      duration_min: 60,
      active: true,
      created_at: dbTimestamp(),
      updated_at: dbTimestamp(),
    })
    await Promise.all([runRecurrences(now), runRecurrences(now)])
    await runRecurrences(now)
    const made = await db
      .from('crm_activities')
      .where({ organization_id: org.id, subject_id: company })
      .orderBy('due_at')
    // Within the 7-day horizon: the occurrence in 2 days only (the next is 9 days away).
    assert.lengthOf(made, 1)
    assert.equal(toDate(made[0].due_at).getTime(), first.getTime())
    assert.equal(made[0].rule_key, `rec:${Number(recId)}:${dbTimestamp(first)}`)
    const rec = await db.from('crm_activity_recurrences').where('id', recId).firstOrFail()
    assert.equal(toDate(rec.next_due_at).getTime(), first.getTime() + 7 * DAY)
    const planned = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company, kind: 'crm.activity_planned' })
    assert.lengthOf(planned, 1)
    // A week later the next one comes, once.
    await runRecurrences(new Date(now.getTime() + 7 * DAY))
    await runRecurrences(new Date(now.getTime() + 7 * DAY))
    const after = await db
      .from('crm_activities')
      .where({ organization_id: org.id, subject_id: company })
    assert.lengthOf(after, 2)
  })
})
