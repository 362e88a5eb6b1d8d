import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { toDate } from '#app/support/dates'
import { insertActivityRow, world } from '../activities_helpers.js'

const DAY = 86_400_000

test.group('Activities: plan, see, complete', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a rep plans an activity on her company: stored, in its panel and its timeline', async ({
    client,
    assert,
  }) => {
    const { rep, mine, types } = await world()
    const due = new Date(Math.floor((Date.now() + 2 * DAY) / 60_000) * 60_000)
    const response = await client
      .post('/crm/activities')
      .json({
        typeId: types.meeting,
        subjectType: 'crm.company',
        subjectId: mine,
        title: 'Presentar catálogo',
        dueAt: due.toISOString(),
        durationMin: 45,
      })
      .loginAs(rep)
      .withCsrfToken()
    response.assertStatus(200)
    const row = await db.from('crm_activities').where('id', response.body().id).firstOrFail()
    assert.equal(row.assignee_id, rep.id)
    assert.equal(row.subject_type, 'crm.company')
    assert.equal(row.duration_min, 45)
    assert.equal(toDate(row.remind_at).getTime(), due.getTime() - 15 * 60_000)
    const entry = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: mine, kind: 'crm.activity_planned' })
      .firstOrFail()
    assert.equal(JSON.parse(entry.data).title, 'Presentar catálogo')

    const page = await client.get(`/crm/companies/${mine}`).loginAs(rep).withInertia()
    page.assertStatus(200)
    const panel = page.inertiaProps.activities
    assert.isTrue(panel.canPlan)
    assert.deepEqual(
      panel.items.map((a: any) => [a.title, a.dueClass]),
      [['Presentar catálogo', 'future']]
    )
  })

  test("planning on a record out of scope is refused; another's activity is a 404", async ({
    client,
    assert,
  }) => {
    const { org, rep, colleague, theirs, types } = await world()
    const refused = await client
      .post('/crm/activities')
      .json({
        typeId: types.call,
        subjectType: 'crm.company',
        subjectId: theirs,
        title: 'Espiar',
        dueAt: new Date().toISOString(),
      })
      .loginAs(rep)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'subjectId')

    const other = await insertActivityRow(org, {
      assignee_id: colleague.id,
      subject_type: 'crm.company',
      subject_id: theirs,
      title: 'Visita secreta',
    })
    ;(await client.get(`/crm/activities/${other}`).loginAs(rep)).assertStatus(404)
    const done = await client
      .post(`/crm/activities/${other}/complete`)
      .json({ outcome: 'x' })
      .loginAs(rep)
      .withCsrfToken()
    done.assertStatus(404)
    const list = await client.get('/crm/activities?assignee=all').loginAs(rep).withInertia()
    assert.notInclude(JSON.stringify(list.inertiaProps.activities), 'Visita secreta')
    const calendar = await client
      .get(
        `/crm/calendar/events?user=team&start=${new Date(Date.now() - DAY).toISOString()}&end=${new Date(Date.now() + DAY).toISOString()}`
      )
      .loginAs(rep)
    calendar.assertStatus(200)
    assert.notInclude(calendar.text(), 'Visita secreta')
    // The hidden record's page (and so its panel) is a 404.
    ;(await client.get(`/crm/companies/${theirs}`).loginAs(rep)).assertStatus(404)
  })

  test("an activity assigned to me on a colleague's record does not name that record", async ({
    client,
    assert,
  }) => {
    const { org, rep, theirs } = await world()
    await insertActivityRow(org, {
      assignee_id: rep.id,
      subject_type: 'crm.company',
      subject_id: theirs,
      title: 'Llamar',
    })
    const list = await client.get('/crm/activities').loginAs(rep).withInertia()
    const [item] = list.inertiaProps.activities
    assert.deepEqual(item.subject, { type: 'crm.company', id: theirs, name: null, href: null })
    assert.notInclude(JSON.stringify(list.inertiaProps), 'Ajena Secreta')
  })

  test('done with an outcome chains the type’s next activity (call → task in 2 days)', async ({
    client,
    assert,
  }) => {
    const { org, rep, mine, types } = await world()
    const id = await insertActivityRow(org, {
      assignee_id: rep.id,
      subject_type: 'crm.company',
      subject_id: mine,
      type_id: types.call,
      title: 'Primera llamada',
    })
    const response = await client
      .post(`/crm/activities/${id}/complete`)
      .json({ outcome: 'Interesado; enviar oferta' })
      .loginAs(rep)
      .withCsrfToken()
    response.assertStatus(200)
    const next = response.body().next
    assert.equal(next.typeId, types.task)
    assert.equal(next.subject.id, mine)
    assert.equal(next.dueClass, 'future')
    const days = (new Date(next.dueAt).getTime() - Date.now()) / DAY
    assert.isAbove(days, 1)
    assert.isBelow(days, 3)
    const row = await db.from('crm_activities').where('id', id).firstOrFail()
    assert.equal(row.status, 'done')
    assert.equal(row.outcome, 'Interesado; enviar oferta')
    const kinds = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: mine })
      .orderBy('id')
      .select('kind')
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['crm.activity_done', 'crm.activity_planned']
    )
    // A second click does not chain twice.
    const again = await client
      .post(`/crm/activities/${id}/complete`)
      .json({ outcome: 'otra vez' })
      .loginAs(rep)
      .withCsrfToken()
    again.assertStatus(422)
    const open = await db
      .from('crm_activities')
      .where({ subject_id: mine, status: 'open' })
      .count('* as n')
    assert.equal(Number(open[0].n), 1)
  })

  test('"Mis actividades" pages by due date with a keyset cursor', async ({ client, assert }) => {
    const { org, rep } = await world()
    const base = Date.now() - 3 * DAY
    for (let i = 0; i < 55; i++)
      await insertActivityRow(org, {
        assignee_id: rep.id,
        title: `A${String(i).padStart(2, '0')}`,
        due_at: new Date(base + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
      })
    const first = await client.get('/crm/activities').loginAs(rep).withInertia()
    const rows = first.inertiaProps.activities
    assert.lengthOf(rows, 50)
    assert.equal(rows[0].title, 'A00')
    assert.equal(rows[0].dueClass, 'overdue')
    const more = await client
      .get(`/crm/activities?format=json&cursor=${first.inertiaProps.next}`)
      .loginAs(rep)
    assert.deepEqual(
      more.body().activities.map((a: any) => a.title),
      ['A50', 'A51', 'A52', 'A53', 'A54']
    )
    assert.isNull(more.body().next)
  })
})
