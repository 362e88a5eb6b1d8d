import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'
import SendNotificationDigest from '#app/notifications/jobs/send_notification_digest'
import SendNotificationMail from '#app/notifications/jobs/send_notification_mail'
import { dbTimestamp, toDate } from '#app/support/dates'
import { activitiesUser, insertActivityRow, world } from '../activities_helpers.js'
import { sendDueReminders } from '../../activities/reminders.js'

const MINUTE = 60_000
const DAY = 86_400_000
const ahead = (days: number) => new Date(Math.floor((Date.now() + days * DAY) / MINUTE) * MINUTE)

test.group('Activities: reminder lead time and delivery', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('the user sets her default lead time; new activities use it unless the form overrides', async ({
    client,
    assert,
  }) => {
    const { rep, mine, types } = await world()
    const plan = async (extra: Record<string, unknown> = {}) => {
      const due = ahead(2)
      const made = await client
        .post('/crm/activities')
        .json({
          typeId: types.call,
          subjectType: 'crm.company',
          subjectId: mine,
          title: 'Llamar',
          dueAt: due.toISOString(),
          ...extra,
        })
        .loginAs(rep)
        .withCsrfToken()
      made.assertStatus(200)
      const row = await db.from('crm_activities').where('id', made.body().id).firstOrFail()
      return row.remind_at === null
        ? null
        : (due.getTime() - toDate(row.remind_at).getTime()) / MINUTE
    }
    // Nothing chosen yet: 15 minutes.
    assert.deepEqual((await client.get('/crm/activities/preferences').loginAs(rep)).body(), {
      remindMinutes: 15,
    })
    assert.equal(await plan(), 15)

    const saved = await client
      .put('/crm/activities/preferences')
      .json({ remindMinutes: 60 })
      .loginAs(rep)
      .withCsrfToken()
    saved.assertStatus(200)
    assert.equal(await plan(), 60)
    // The page shows it (the form proposes it).
    const page = await client.get('/crm/activities').loginAs(rep).withInertia()
    assert.equal(page.inertiaProps.remindDefault, 60)
    // A per-activity override wins; "none" stores no reminder.
    assert.equal(await plan({ remindMinutes: 1440 }), 1440)
    assert.isNull(await plan({ remindMinutes: null }))

    // "Sin recordatorio" as the default; saved twice (one row per user).
    await client
      .put('/crm/activities/preferences')
      .json({ remindMinutes: null })
      .loginAs(rep)
      .withCsrfToken()
    assert.isNull(await plan())
    assert.lengthOf(await db.from('crm_activity_preferences').where('user_id', rep.id), 1)

    const bad = await client
      .put('/crm/activities/preferences')
      .json({ remindMinutes: 45 })
      .accept('json')
      .loginAs(rep)
      .withCsrfToken()
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'remindMinutes')
  })

  test('a reminder goes in-app always; by e-mail in the digest or at once, as the user chose', async ({
    assert,
  }) => {
    const { org, rep } = await world()
    const quick = await activitiesUser(org, 'own', { email: 'rapida@prueba.test' } as any)
    await db.from('users').where('id', rep.id).update({ email: 'resumen@prueba.test' })
    // Rosa wants reminders in the daily digest; the other rep at once.
    await db
      .table('notification_preferences')
      .insert({ user_id: rep.id, kind: 'crm.activity_reminder', email: 'digest' })
    await db
      .table('notification_preferences')
      .insert({ user_id: quick.id, kind: 'crm.activity_reminder', email: 'immediate' })
    const now = new Date()
    for (const [user, title] of [
      [rep, 'Visitar obra'],
      [quick, 'Llamar a Luis'],
    ] as const)
      await insertActivityRow(org, {
        assignee_id: user.id,
        title,
        due_at: dbTimestamp(new Date(now.getTime() + 10 * MINUTE)),
        remind_at: dbTimestamp(new Date(now.getTime() - MINUTE)),
      })
    assert.equal(await sendDueReminders(now), 2)
    const inApp = await db
      .from('notifications')
      .where('kind', 'crm.activity_reminder')
      .whereIn('user_id', [rep.id, quick.id])
    assert.lengthOf(inApp, 2)

    // Only the immediate one is queued to leave now; it goes out over SMTP.
    const queued = (await db.from('queue_jobs').select('data')).map(
      (j) => JSON.parse(j.data) as { name: string; payload: { notificationId: number } }
    )
    const mine = (userId: number) => inApp.find((n) => n.user_id === userId)!.id
    assert.deepEqual(
      queued.map((j) => [j.name, j.payload.notificationId]),
      [['kernel.send_notification_mail', mine(quick.id)]]
    )
    const job = new SendNotificationMail()
    job.$hydrate(queued[0].payload as any, { attempt: 1 } as any)
    await job.execute()
    const [immediate] = await smtpSink.waitFor('rapida@prueba.test')
    assert.include(immediate.text, 'Llamar a Luis')
    // The due time, in her zone (Madrid) and language: Spanish writes "0:05", not "00:05" (this
    // test failed when CI ran between midnight and ten in Madrid).
    const local = new Intl.DateTimeFormat('es-ES', {
      timeZone: 'Europe/Madrid',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(now.getTime() + 10 * MINUTE))
    assert.include(immediate.text, local)
    assert.lengthOf(smtpSink.to('resumen@prueba.test'), 0, 'digest: not mailed at once')

    // The daily digest takes Rosa's reminder (and not the immediate one again).
    await SendNotificationDigest.dispatch({})
    await drainQueue()
    const [digest] = await smtpSink.waitFor('resumen@prueba.test')
    assert.include(digest.text, 'Visitar obra')
    assert.lengthOf(smtpSink.to('rapida@prueba.test'), 1)
  })
})
