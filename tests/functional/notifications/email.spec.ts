import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'
import { notify } from '#app/notifications/notify'
import { jobRuns } from '#app/jobs/runs'
import SendNotificationDigest from '#app/notifications/jobs/send_notification_digest'
import SendNotificationMail from '#app/notifications/jobs/send_notification_mail'

const note = (title: string) => ({
  key: 'ejemplo.notifications.nota_creada_message',
  params: { author: 'Ana', title },
})

/** The queue's mail jobs, run here (the global transaction is the queue's connection). */
async function runDigest() {
  await SendNotificationDigest.dispatch({})
  return drainQueue()
}

/** One run of the immediate mail job for a notification, outside the queue. */
function runMailJob(organizationId: number, notificationId: number) {
  const job = new SendNotificationMail()
  job.$hydrate({ organizationId, notificationId }, { attempt: 1 } as any)
  return job.execute()
}

test.group('Notifications by e-mail', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('preferences in the profile: defaults from the manifest, saved per kind', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org, {}, { locale: 'en' })
    const page = await client.get('/profile').loginAs(ana).withInertia()
    const kinds = page.inertiaProps.notifications as any[]
    const kernel = kinds.find((k) => k.kind === 'kernel.job_failed')
    assert.equal(kernel.label, 'A background job failed')
    assert.equal(kernel.email, 'immediate')
    // `ejemplo` is not installed for this organization: its kind is not offered.
    assert.notExists(kinds.find((k) => k.kind === 'ejemplo.nota_creada'))

    const saved = await client
      .put('/profile/notifications')
      .json({ preferences: { 'kernel.job_failed': 'digest', 'kernel.nope': 'off' } })
      .loginAs(ana)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    const rows = await db.from('notification_preferences').where('user_id', ana.id)
    assert.deepEqual(
      rows.map((r) => [r.kind, r.email]),
      [['kernel.job_failed', 'digest']]
    )
    const bad = await client
      .put('/profile/notifications')
      .json({ preferences: { 'kernel.job_failed': 'weekly' } })
      .loginAs(ana)
      .withCsrfToken()
      .redirects(0)
    bad.assertStatus(302)
    assert.equal(
      (await db.from('notification_preferences').where('user_id', ana.id).first()).email,
      'digest'
    )
  })

  test('immediate: one queued mail per recipient, over SMTP, in each recipient language', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const es = await createUser(org, {}, { email: 'es@prueba.test', locale: 'es' })
    const en = await createUser(org, {}, { email: 'en@prueba.test', locale: 'en' })
    const off = await createUser(org, {}, { email: 'off@prueba.test' })
    for (const user of [es, en])
      await db
        .table('notification_preferences')
        .insert({ user_id: user.id, kind: 'ejemplo.nota_creada', email: 'immediate' })
    await db
      .table('notification_preferences')
      .insert({ user_id: off.id, kind: 'ejemplo.nota_creada', email: 'off' })

    const ids = await notify({
      organizationId: org.id,
      recipients: [es.id, en.id, off.id],
      kind: 'ejemplo.nota_creada',
      message: note('Oferta'),
      link: '/sonda/items',
    })
    assert.lengthOf(smtpSink.messages, 0, 'nothing leaves before the worker runs')
    assert.equal(await drainQueue(), 2)
    const [spanish] = await smtpSink.waitFor('es@prueba.test')
    const [english] = await smtpSink.waitFor('en@prueba.test')
    assert.equal(spanish.subject, 'Cartera: Se ha creado una nota')
    assert.include(spanish.text, 'Ana ha creado la nota «Oferta»')
    assert.match(spanish.text!, /\/notifications\/\d+\/open/)
    assert.equal(english.subject, 'Cartera: A note was created')
    assert.include(english.text, 'Ana created the note “Oferta”')
    assert.lengthOf(smtpSink.to('off@prueba.test'), 0, 'e-mail off: in-app only')
    assert.equal(
      (await db.from('notifications').whereIn('id', ids).whereNotNull('emailed_at')).length,
      2
    )
  })

  test('immediate: the row is claimed before sending: two runs send one mail; a failure releases it', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org, {}, { email: 'once@prueba.test' })
    await db
      .table('notification_preferences')
      .insert({ user_id: ana.id, kind: 'ejemplo.nota_creada', email: 'immediate' })
    const [id] = await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: note('Una vez'),
    })
    // Two runs at once (a retry racing the first attempt): both read the row unmailed.
    await Promise.all([runMailJob(org.id, id), runMailJob(org.id, id)])
    await runMailJob(org.id, id)
    await smtpSink.waitFor('once@prueba.test')
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.lengthOf(smtpSink.to('once@prueba.test'), 1)

    const [other] = await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: note('Falla'),
    })
    await smtpSink.stop()
    try {
      await assert.rejects(() => runMailJob(org.id, other))
    } finally {
      await smtpSink.start()
    }
    const row = await db.from('notifications').where('id', other).first()
    assert.isNull(row.emailed_at, 'the claim is released so the retry sends it')
    await runMailJob(org.id, other)
    await smtpSink.waitFor('once@prueba.test', 2)
    assert.isNotNull((await db.from('notifications').where('id', other).first()).emailed_at)
  })

  test('digest: one mail per user grouping her items, in her language; a second run sends nothing', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org, {}, { email: 'ana@prueba.test', locale: 'es' })
    const bob = await createUser(org, {}, { email: 'bob@prueba.test', locale: 'en' })
    const now = await createUser(org, {}, { email: 'now@prueba.test' })
    await db
      .table('notification_preferences')
      .insert({ user_id: now.id, kind: 'ejemplo.nota_creada', email: 'immediate' })
    // `ejemplo.nota_creada` defaults to the digest.
    for (const title of ['Uno', 'Dos', 'Tres'])
      await notify({
        organizationId: org.id,
        recipients: [ana.id, bob.id, now.id],
        kind: 'ejemplo.nota_creada',
        message: note(title),
        link: '/profile',
      })
    await drainQueue()
    smtpSink.clear()

    await runDigest()
    const [digest] = await smtpSink.waitFor('ana@prueba.test')
    assert.equal(digest.subject, 'Cartera: 3 notificaciones de hoy')
    for (const title of ['Uno', 'Dos', 'Tres']) assert.include(digest.text, `nota «${title}»`)
    const [english] = await smtpSink.waitFor('bob@prueba.test')
    assert.equal(english.subject, 'Cartera: 3 notifications today')
    assert.lengthOf(smtpSink.messages, 2, 'one mail per user; immediate ones are not in it')

    await runDigest()
    assert.lengthOf(smtpSink.messages, 2, 'a second run the same day sends nothing new')

    await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: note('Cuatro'),
    })
    await runDigest()
    const again = await smtpSink.waitFor('ana@prueba.test', 2)
    assert.equal(again[1].subject, 'Cartera: 1 notificación de hoy')
    assert.include(again[1].text, 'Cuatro')
    assert.notInclude(again[1].text, 'Uno')
  })

  test('a job that fails for good notifies the organization administrators', async ({ assert }) => {
    const org = await createOrganization()
    const admin = await createUser(org, { isAdmin: true }, { email: 'admin@prueba.test' })
    const clerk = await createUser(org)
    await db.table('kernel_job_runs').insert({
      job_id: 'job-1',
      name: 'kernel.probe',
      queue: 'default',
      organization_id: org.id,
      status: 'running',
      attempts: 4,
      max_attempts: 4,
      created_at: new Date(),
    })
    await jobRuns.failed('job-1', 'Error: boom')
    const rows = await db.from('notifications').where('kind', 'kernel.job_failed')
    assert.deepEqual(
      rows.map((r) => r.user_id),
      [admin.id]
    )
    assert.notExists(rows.find((r) => r.user_id === clerk.id))
    assert.equal(rows[0].link, '/admin/jobs?state=failed')
    await drainQueue()
    const [mail] = await smtpSink.waitFor('admin@prueba.test')
    assert.include(mail.text, '«Prueba de los trabajadores»', 'the job by its name, translated')
    assert.include(mail.text, 'boom')
  })
})
