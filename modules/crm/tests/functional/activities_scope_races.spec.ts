import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { insertContact } from '../helpers.js'
import { world } from '../activities_helpers.js'
import { advanceRecurrence, runRecurrences } from '../../activities/recurrences.js'
import { insertRemindDefault, saveRemindDefault } from '../../activities/preferences.js'

/*
 * Review findings on activities: "this and the following" beyond the user's scope, a stopped
 * series that still makes one occurrence, two first preference saves at once, and attendee
 * suggestions that reveal a hidden record's people.
 */

const DAY = 86_400_000
const MINUTE = 60_000
const ahead = (days: number) => new Date(Math.floor((Date.now() + days * DAY) / MINUTE) * MINUTE)

test.group('Activities: scope and races', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /** A weekly series made by `user` on `companyId`, caught up so several occurrences exist. */
  async function weekly(client: any, user: User, companyId: number, typeId: number) {
    const made = await client
      .post('/crm/activities')
      .json({
        typeId,
        subjectType: 'crm.company',
        subjectId: companyId,
        title: `Serie ${companyId}`,
        dueAt: ahead(-14).toISOString(),
        recurrence: { frequency: 'weekly', interval: 1 },
      })
      .loginAs(user)
      .withCsrfToken()
    made.assertStatus(200)
    await runRecurrences()
    const first = await db.from('crm_activities').where('id', made.body().id).firstOrFail()
    const rows = await db
      .from('crm_activities')
      .where('recurrence_id', first.recurrence_id)
      .orderBy('due_at')
    return { recurrenceId: Number(first.recurrence_id), rows }
  }

  const statuses = async (recurrenceId: number) =>
    Object.fromEntries(
      (await db.from('crm_activities').where('recurrence_id', recurrenceId)).map((r) => [
        Number(r.id),
        r.status,
      ])
    )
  const seriesActive = async (id: number) =>
    Boolean((await db.from('crm_activity_recurrences').where('id', id).firstOrFail()).active)

  test('"this and the following" cancels only what the user may cancel', async ({
    client,
    assert,
  }) => {
    const { rep, colleague, mine, theirs, types } = await world()

    // A colleague's series with one occurrence handed to the rep: hers goes, the series stays.
    const other = await weekly(client, colleague, theirs, types.call)
    assert.isAtLeast(other.rows.length, 3)
    const handed = other.rows[1]
    await db.from('crm_activities').where('id', handed.id).update({ assignee_id: rep.id })
    const partial = await client
      .delete(`/crm/activities/${handed.id}?series=following`)
      .loginAs(rep)
      .withCsrfToken()
    partial.assertStatus(200)
    assert.deepInclude(partial.body(), { cancelled: 1, stopped: false })
    const afterPartial = await statuses(other.recurrenceId)
    assert.equal(afterPartial[Number(handed.id)], 'cancelled')
    for (const row of other.rows.slice(2)) assert.equal(afterPartial[Number(row.id)], 'open')
    assert.isTrue(await seriesActive(other.recurrenceId))

    // Her own series with a later occurrence handed to the colleague: the series stops, the
    // colleague's occurrence stays open.
    const own = await weekly(client, rep, mine, types.call)
    const pivot = own.rows[1]
    const given = own.rows[2]
    await db.from('crm_activities').where('id', given.id).update({ assignee_id: colleague.id })
    const full = await client
      .delete(`/crm/activities/${pivot.id}?series=following`)
      .loginAs(rep)
      .withCsrfToken()
    full.assertStatus(200)
    assert.deepInclude(full.body(), { cancelled: own.rows.length - 2, stopped: true })
    const afterFull = await statuses(own.recurrenceId)
    assert.equal(afterFull[Number(pivot.id)], 'cancelled')
    assert.equal(afterFull[Number(given.id)], 'open')
    assert.isFalse(await seriesActive(own.recurrenceId))
  })

  test('a series stopped between the schedule read and its claim creates nothing', async ({
    client,
    assert,
  }) => {
    const { rep, mine, types } = await world()
    const made = await client
      .post('/crm/activities')
      .json({
        typeId: types.call,
        subjectType: 'crm.company',
        subjectId: mine,
        title: 'Llamada semanal',
        dueAt: ahead(1).toISOString(),
        recurrence: { frequency: 'weekly', interval: 1 },
      })
      .loginAs(rep)
      .withCsrfToken()
    made.assertStatus(200)
    const first = await db.from('crm_activities').where('id', made.body().id).firstOrFail()
    // The schedule reads the series (active, no end) ...
    const read = await db
      .from('crm_activity_recurrences')
      .where('id', first.recurrence_id)
      .firstOrFail()
    // ... the user stops it from its first occurrence ...
    const stop = await client
      .delete(`/crm/activities/${first.id}?series=following`)
      .loginAs(rep)
      .withCsrfToken()
    stop.assertStatus(200)
    // ... and then the schedule claims what it read.
    const created = await db.transaction((trx) => advanceRecurrence(trx, read))
    assert.isNull(created)
    const rows = await db.from('crm_activities').where('recurrence_id', first.recurrence_id)
    assert.lengthOf(rows, 1)
    assert.isFalse(await seriesActive(Number(first.recurrence_id)))
  })

  test('a first preference save that loses the insert to another one updates instead', async ({
    assert,
  }) => {
    const { org, rep } = await world()
    // Both saves found no row; the other one inserted first.
    await saveRemindDefault(org.id, rep.id, 60)
    await insertRemindDefault(org.id, rep.id, 30)
    const rows = await db.from('crm_activity_preferences').where('user_id', rep.id)
    assert.lengthOf(rows, 1)
    assert.equal(Number(rows[0].remind_minutes), 30)
  })

  test('attendee suggestions of a record the user may not see are not offered', async ({
    client,
    assert,
  }) => {
    const { org, rep, mine, theirs } = await world()
    // Her own contacts, one at her company and one at a colleague's company.
    const here = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'Visible',
      owner_id: rep.id,
      company_id: mine,
    })
    const there = await insertContact(org, {
      first_name: 'Berta',
      last_name: 'Enlazada',
      owner_id: rep.id,
      company_id: theirs,
    })
    const suggested = async (companyId: number) => {
      const response = await client
        .get(`/crm/activities/contact-options?subjectType=crm.company&subjectId=${companyId}`)
        .loginAs(rep)
      response.assertStatus(200)
      return (response.body() as { value: string; suggested: boolean }[])
        .filter((o) => o.suggested)
        .map((o) => o.value)
    }
    assert.deepEqual(await suggested(mine), [String(here)])
    // The colleague's company: nothing suggested (Berta would reveal she works there).
    assert.deepEqual(await suggested(theirs), [])
    assert.notEqual(here, there)
  })
})
