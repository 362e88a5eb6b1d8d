import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import ICAL from 'ical.js'
import { dbTimestamp, toDate } from '#app/support/dates'
import { insertContact } from '../helpers.js'
import { createUser, crud } from '#tests/helpers/world'
import { activitiesUser, insertActivityRow, world } from '../activities_helpers.js'
import { runRecurrences } from '../../activities/recurrences.js'

const DAY = 86_400_000
const MINUTE = 60_000
/** A whole minute some days ahead (what the form sends). */
const ahead = (days: number) => new Date(Math.floor((Date.now() + days * DAY) / MINUTE) * MINUTE)

test.group('Activities: edit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('edit title, notes, time, duration and assignee; reminder and timeline follow', async ({
    client,
    assert,
  }) => {
    const { org, rep, mine, types } = await world()
    const teammate = await activitiesUser(org, 'all', { fullName: 'Jefa de equipo' })
    const oldDue = ahead(2)
    const id = await insertActivityRow(org, {
      assignee_id: teammate.id,
      subject_type: 'crm.company',
      subject_id: mine,
      title: 'Llamar',
      due_at: dbTimestamp(oldDue),
      remind_at: dbTimestamp(new Date(oldDue.getTime() - 30 * MINUTE)),
      // Sent already: moved to a time still ahead, it must go out again.
      reminded_at: dbTimestamp(),
    })
    const newDue = ahead(3)
    const response = await client
      .put(`/crm/activities/${id}`)
      .json({
        title: 'Llamar para cerrar la oferta',
        typeId: types.meeting,
        notes: 'Llevar la propuesta',
        dueAt: newDue.toISOString(),
        durationMin: 90,
        assigneeId: rep.id,
      })
      .loginAs(teammate)
      .withCsrfToken()
    response.assertStatus(200)
    const row = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.equal(row.title, 'Llamar para cerrar la oferta')
    assert.equal(row.type_id, types.meeting)
    assert.equal(row.notes, 'Llevar la propuesta')
    assert.equal(row.duration_min, 90)
    assert.equal(row.assignee_id, rep.id)
    assert.equal(toDate(row.due_at).getTime(), newDue.getTime())
    // Same lead time (30 min) before the new due time, armed again.
    assert.equal(toDate(row.remind_at).getTime(), newDue.getTime() - 30 * MINUTE)
    assert.isNull(row.reminded_at)

    const kinds = (
      await db
        .from('timeline_events')
        .where({ subject_type: 'crm.company', subject_id: mine })
        .orderBy('id')
    ).map((e) => e.kind)
    assert.includeMembers(kinds, ['crm.activity_rescheduled', 'crm.activity_reassigned'])
    const audit = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.activity', subject_id: id, kind: 'updated' })
      .firstOrFail()
    assert.include(audit.data, 'durationMin')

    // A new lead time given by the form: remind_at = due − lead.
    await client
      .put(`/crm/activities/${id}`)
      .json({ remindMinutes: 1440 })
      .loginAs(rep)
      .withCsrfToken()
    const again = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.equal(toDate(again.remind_at).getTime(), newDue.getTime() - DAY)
    // No reminder.
    await client
      .put(`/crm/activities/${id}`)
      .json({ remindMinutes: null })
      .loginAs(rep)
      .withCsrfToken()
    assert.isNull((await db.from('crm_activities').where('id', id).firstOrFail()).remind_at)
    // A lead time not offered is refused with its field.
    const bad = await client
      .put(`/crm/activities/${id}`)
      .json({ remindMinutes: 7, title: '' })
      .accept('json')
      .loginAs(rep)
      .withCsrfToken()
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'remindMinutes')
    const empty = await client
      .put(`/crm/activities/${id}`)
      .json({ title: '  ' })
      .accept('json')
      .loginAs(rep)
      .withCsrfToken()
    empty.assertStatus(422)
    assert.deepEqual(empty.body().errors, [{ field: 'title', message: 'Escribe el asunto' }])
    assert.equal(
      (await db.from('crm_activities').where('id', id).firstOrFail()).title,
      'Llamar para cerrar la oferta'
    )
  })

  test('a drag to another day goes to the timeline; a reminder already past stays sent', async ({
    client,
    assert,
  }) => {
    const { org, rep, mine } = await world()
    const due = ahead(0.01)
    const id = await insertActivityRow(org, {
      assignee_id: rep.id,
      subject_type: 'crm.company',
      subject_id: mine,
      title: 'Llamada urgente',
      due_at: dbTimestamp(due),
      remind_at: dbTimestamp(new Date(due.getTime() - 15 * MINUTE)),
      reminded_at: dbTimestamp(),
    })
    // Ten minutes earlier: the reminder time (25 min before now+~14 min) is already past.
    const earlier = new Date(due.getTime() - 10 * MINUTE)
    await client
      .patch(`/crm/activities/${id}/move`)
      .json({ dueAt: earlier.toISOString() })
      .loginAs(rep)
      .withCsrfToken()
    let row = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.isNotNull(row.reminded_at, 'not sent twice')
    const later = ahead(2)
    await client
      .patch(`/crm/activities/${id}/move`)
      .json({ dueAt: later.toISOString() })
      .loginAs(rep)
      .withCsrfToken()
    row = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.isNull(row.reminded_at, 'armed again for the new time')
    const entries = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: mine, kind: 'crm.activity_rescheduled' })
      .orderBy('id')
    assert.lengthOf(entries, 2)
    assert.equal(JSON.parse(entries[1].data).to, later.toISOString())
  })

  test("a rep cannot edit a colleague's activity (404) nor give hers to someone out of reach", async ({
    client,
    assert,
  }) => {
    const { org, rep, colleague } = await world()
    const theirs = await insertActivityRow(org, { assignee_id: colleague.id, title: 'Ajena' })
    const hidden = await client
      .put(`/crm/activities/${theirs}`)
      .json({ title: 'Mía ahora' })
      .loginAs(rep)
      .withCsrfToken()
    hidden.assertStatus(404)
    assert.equal((await db.from('crm_activities').where('id', theirs).first()).title, 'Ajena')

    const mine = await insertActivityRow(org, { assignee_id: rep.id, title: 'Propia' })
    const handOver = await client
      .put(`/crm/activities/${mine}`)
      .json({ assigneeId: colleague.id })
      .loginAs(rep)
      .withCsrfToken()
    handOver.assertStatus(422)
    assert.equal(handOver.body().errors[0].field, 'assigneeId')
    assert.equal((await db.from('crm_activities').where('id', mine).first()).assignee_id, rep.id)

    // Read-only users (no edit permission) get 403.
    const viewer = await activitiesUser(org, 'all', {}, ['view'])
    const refused = await client
      .put(`/crm/activities/${mine}`)
      .json({ title: 'x' })
      .loginAs(viewer)
      .withCsrfToken()
    refused.assertStatus(403)
  })

  test('a done activity keeps everything but its outcome; a cancelled one is locked', async ({
    client,
    assert,
  }) => {
    const { org, rep } = await world()
    const done = await insertActivityRow(org, {
      assignee_id: rep.id,
      title: 'Hecha',
      status: 'done',
      done_at: dbTimestamp(),
      outcome: 'Primera nota',
    })
    const moved = await client
      .put(`/crm/activities/${done}`)
      .json({ title: 'Otra', outcome: 'x' })
      .loginAs(rep)
      .withCsrfToken()
    moved.assertStatus(422)
    const ok = await client
      .put(`/crm/activities/${done}`)
      .json({ outcome: 'Pide presupuesto' })
      .loginAs(rep)
      .withCsrfToken()
    ok.assertStatus(200)
    const row = await db.from('crm_activities').where('id', done).first()
    assert.equal(row.outcome, 'Pide presupuesto')
    assert.equal(row.title, 'Hecha')
    const cancelled = await insertActivityRow(org, {
      assignee_id: rep.id,
      status: 'cancelled',
    })
    const locked = await client
      .put(`/crm/activities/${cancelled}`)
      .json({ title: 'Resucitada' })
      .loginAs(rep)
      .withCsrfToken()
    locked.assertStatus(422)
  })

  test('attendees: users and visible contacts saved and shown; a hidden contact is refused', async ({
    client,
    assert,
  }) => {
    const { org, rep, colleague, mine, types } = await world()
    const ana = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'Compras',
      company_id: mine,
      owner_id: rep.id,
    })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: ana,
      value: 'ana@cliente.test',
      value_normalized: 'ana@cliente.test',
      is_primary: true,
      position: 0,
    })
    const secret = await insertContact(org, {
      first_name: 'Oculta',
      last_name: 'Ajena',
      owner_id: colleague.id,
    })
    const other = await insertContact(org, {
      first_name: 'Zoe',
      last_name: 'Sincompañía',
      owner_id: rep.id,
    })
    // The company's contacts are suggested first; the colleague's contact is never offered.
    const options = await client
      .get(`/crm/activities/contact-options?subjectType=crm.company&subjectId=${mine}`)
      .loginAs(rep)
    options.assertStatus(200)
    const offered = options.body() as { value: string; suggested: boolean }[]
    assert.deepEqual(offered[0], { value: String(ana), label: 'Ana Compras', suggested: true })
    assert.notInclude(
      offered.map((o) => o.value),
      String(secret)
    )
    const searched = await client.get('/crm/activities/contact-options?q=zoe').loginAs(rep)
    assert.deepEqual(
      searched.body().map((o: any) => o.value),
      [String(other)]
    )

    const base = {
      typeId: types.meeting,
      subjectType: 'crm.company',
      subjectId: mine,
      title: 'Visita',
      dueAt: ahead(1).toISOString(),
    }
    const refused = await client
      .post('/crm/activities')
      .json({ ...base, attendeeContactIds: [ana, secret] })
      .loginAs(rep)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'attendeeContactIds')
    assert.notInclude(JSON.stringify(refused.body()), 'Oculta')

    const made = await client
      .post('/crm/activities')
      .json({ ...base, attendeeContactIds: [ana], attendeeUserIds: [colleague.id] })
      .loginAs(rep)
      .withCsrfToken()
    made.assertStatus(200)
    const id = made.body().id
    const shown = await client.get(`/crm/activities/${id}`).loginAs(rep)
    assert.deepEqual(shown.body().attendees, [
      { kind: 'user', id: colleague.id, name: 'Colega' },
      { kind: 'contact', id: ana, name: 'Ana Compras' },
    ])

    // Edit: the list is replaced; adding the hidden contact is refused and changes nothing.
    const sneaky = await client
      .put(`/crm/activities/${id}`)
      .json({ attendeeContactIds: [ana, secret] })
      .loginAs(rep)
      .withCsrfToken()
    sneaky.assertStatus(422)
    const replaced = await client
      .put(`/crm/activities/${id}`)
      .json({ attendeeContactIds: [other], attendeeUserIds: [] })
      .loginAs(rep)
      .withCsrfToken()
    replaced.assertStatus(200)
    const rows = await db.from('crm_activity_attendees').where('activity_id', id)
    assert.deepEqual(
      rows.map((r) => [r.user_id, r.contact_id]),
      [[null, other]]
    )

    // The ICS feed names attendees with an address (CN + mailto) and stays valid.
    await client
      .put(`/crm/activities/${id}`)
      .json({ attendeeContactIds: [ana, other], attendeeUserIds: [colleague.id] })
      .loginAs(rep)
      .withCsrfToken()
    const feed = await client.post('/crm/calendar/feed').loginAs(rep).withCsrfToken()
    const ics = await client.get(new URL(feed.body().url).pathname)
    ics.assertStatus(200)
    const calendar = new ICAL.Component(ICAL.parse(ics.text()))
    const event = calendar.getAllSubcomponents('vevent').find((v) => {
      return new ICAL.Event(v).summary.includes('Visita')
    })!
    const attendees = event.getAllProperties('attendee').map((p) => ({
      cn: p.getParameter('cn'),
      value: String(p.getFirstValue()).toLowerCase(),
    }))
    assert.deepInclude(attendees, { cn: 'Ana Compras', value: 'mailto:ana@cliente.test' })
    assert.deepInclude(attendees, {
      cn: 'Colega',
      value: `mailto:${colleague.email.toLowerCase()}`,
    })
    // Zoe has no address: no ATTENDEE line for her.
    assert.lengthOf(attendees, 2)
  })

  test('a contact the editor cannot see shows as hidden and stays when she edits', async ({
    client,
    assert,
  }) => {
    const { org, rep } = await world()
    // Activities of everyone, but only her own contacts.
    const lead = await createUser(
      org,
      {
        permissions: [...crud('crm.contacts'), ...crud('crm.activities')],
        scopes: { 'crm.contacts': 'own', 'crm.activities': 'all' },
      },
      { fullName: 'Jefa', timezone: 'Europe/Madrid' }
    )
    const hiddenContact = await insertContact(org, {
      first_name: 'Privada',
      last_name: 'DeRosa',
      owner_id: rep.id,
    })
    const id = await insertActivityRow(org, { assignee_id: rep.id, title: 'Comida' })
    await db.table('crm_activity_attendees').insert({
      organization_id: org.id,
      activity_id: id,
      user_id: null,
      contact_id: hiddenContact,
    })
    const seen = await client.get(`/crm/activities/${id}`).loginAs(lead)
    assert.deepEqual(seen.body().attendees, [{ kind: 'contact', id: hiddenContact, name: null }])
    assert.notInclude(JSON.stringify(seen.body()), 'Privada')
    const edited = await client
      .put(`/crm/activities/${id}`)
      .json({ title: 'Comida de equipo', attendeeContactIds: [hiddenContact], attendeeUserIds: [] })
      .loginAs(lead)
      .withCsrfToken()
    edited.assertStatus(200)
    const kept = await db.from('crm_activity_attendees').where('activity_id', id)
    assert.deepEqual(
      kept.map((r) => r.contact_id),
      [hiddenContact]
    )
  })

  test('cancel "this and the following": open occurrences cancelled, done kept, series stopped', async ({
    client,
    assert,
  }) => {
    const { rep, mine, types } = await world()
    const first = await client
      .post('/crm/activities')
      .json({
        typeId: types.visit ?? types.meeting,
        subjectType: 'crm.company',
        subjectId: mine,
        title: 'Visita semanal',
        dueAt: ahead(-14).toISOString(),
        recurrence: { frequency: 'weekly', interval: 1 },
      })
      .loginAs(rep)
      .withCsrfToken()
    first.assertStatus(200)
    // The schedule catches up: occurrences up to a week ahead exist.
    await runRecurrences()
    const series = await db
      .from('crm_activities')
      .where('subject_id', mine)
      .where('title', 'Visita semanal')
      .orderBy('due_at')
    assert.isAtLeast(series.length, 3)
    const recurrenceId = series[0].recurrence_id
    await db.from('crm_activities').where('id', series[0].id).update({ status: 'done' })
    const pivot = series[1]

    // "Solo esta" cancels one; the series goes on.
    const onlyOne = await client
      .delete(`/crm/activities/${series[2].id}?series=one`)
      .loginAs(rep)
      .withCsrfToken()
    onlyOne.assertStatus(200)
    assert.isTrue(
      Boolean((await db.from('crm_activity_recurrences').where('id', recurrenceId).first()).active)
    )

    const stop = await client
      .delete(`/crm/activities/${pivot.id}?series=following`)
      .loginAs(rep)
      .withCsrfToken()
    stop.assertStatus(200)
    const after = await db
      .from('crm_activities')
      .where('recurrence_id', recurrenceId)
      .orderBy('due_at')
    assert.equal(after[0].status, 'done')
    assert.isTrue(after.slice(1).every((a) => a.status === 'cancelled'))
    const rec = await db.from('crm_activity_recurrences').where('id', recurrenceId).first()
    assert.isFalse(Boolean(rec.active))
    assert.isBelow(toDate(rec.until).getTime(), toDate(pivot.due_at).getTime())
    // Nothing more is generated, whatever the runs.
    await db.from('crm_activity_recurrences').where('id', recurrenceId).update({ active: true })
    await runRecurrences(new Date(Date.now() + 30 * DAY))
    const later = await db.from('crm_activities').where('recurrence_id', recurrenceId)
    assert.lengthOf(later, after.length)
  })
})
