import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'
import { createServer } from 'node:net'
import { insertContactRow } from '#modules/crm/contracts/index'
import { importArchive } from '../../archive/import.js'
import { composeWorld, sender } from '../compose_helpers.js'
import { eml } from '../mail_helpers.js'

/** A local port nobody listens on (taken and released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const mailTo = (w: { contact: number; mailboxId: number; email: string }, extra = {}) => ({
  record: `crm.contact:${w.contact}`,
  mailboxId: w.mailboxId,
  to: [w.email],
  subject: 'Hola',
  body: 'Texto',
  ...extra,
})

test.group('Compose: merge fields, failures and access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('an unknown merge field is reported and nothing is queued', async ({ client, assert }) => {
    const w = await composeWorld('unknown')
    const response = await client
      .post('/mail/compose')
      .json(mailTo(w, { body: 'Hola {{contacto.nombre}}, su {{cliente.codigo}}' }))
      .loginAs(w.rep)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      body: ['Campos combinados desconocidos: {{cliente.codigo}}'],
    })
    assert.lengthOf(await db.from('mail_outbox').where('organization_id', w.org.id), 0)
  })

  test('SMTP unreachable: "retrying (n/4)" with the error while tries are left, then failed', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('down', await closedPort())
    await client.post('/mail/compose').json(mailTo(w)).loginAs(w.rep).withCsrfToken().redirects(0)
    const outbox = () => db.from('mail_outbox').where('organization_id', w.org.id).firstOrFail()
    const job = async () => {
      const row = await outbox()
      return db
        .from('queue_jobs')
        .whereRaw(`data like ?`, [`%"outboxId":${row.id}%`])
        .firstOrFail()
    }
    const unreachable =
      'El servidor no responde en ese puerto: revisa el servidor, el puerto y el cortafuegos.'
    for (let attempt = 1; attempt <= 4; attempt++) {
      await drainQueue()
      const row = await outbox()
      assert.equal(row.attempts, attempt)
      assert.match(row.error, /ECONNREFUSED|connect/i)
      assert.equal(row.error_code, 'unreachable')
      const page = await client.get('/mail/outbox').loginAs(w.rep).withInertia()
      page.assertStatus(200)
      const [item] = page.inertiaProps.items
      assert.deepInclude(item, { attempts: attempt, maxAttempts: 4 })
      assert.equal(item.error, `${unreachable} (${row.error})`)
      if (attempt < 4) {
        // Tries are left: the mail is not given up yet.
        assert.equal(row.status, 'retrying')
        assert.equal(item.status, 'retrying')
        const queued = await job()
        assert.equal(queued.status, 'delayed')
        // The backoff has passed.
        await db
          .from('queue_jobs')
          .where('id', queued.id)
          .update({ execute_at: Date.now() - 1 })
      } else {
        assert.equal(row.status, 'failed')
        assert.equal(item.status, 'failed')
      }
    }
    assert.lengthOf(await db.from('mail_messages').where('organization_id', w.org.id), 0)
  })

  test('a mailbox without SMTP host sends through the app mailer', async ({ client, assert }) => {
    const w = await composeWorld('fallback')
    await db.from('mail_mailboxes').where('id', w.mailboxId).update({ smtp_host: null })
    await client.post('/mail/compose').json(mailTo(w)).loginAs(w.rep).withCsrfToken().redirects(0)
    await drainQueue()
    const [received] = await smtpSink.waitFor(w.email)
    assert.equal(received.from!.value[0].address, 'ventas@cartera-demo.es')
    const row = await db.from('mail_outbox').where('organization_id', w.org.id).firstOrFail()
    assert.equal(row.status, 'sent')
  })

  test('without mail.messages.send: 403; a record out of scope: 404', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('access')
    const reader = await sender(w.org, 'lector.access@cartera-demo.es', [])
    const page = await client.get(`/mail/compose?record=crm.contact:${w.contact}`).loginAs(reader)
    page.assertStatus(403)
    const post = await client
      .post('/mail/compose')
      .json(mailTo(w))
      .loginAs(reader)
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(403)

    const other = await sender(w.org, 'otra.access@cartera-demo.es')
    const theirs = await insertContactRow(w.org.id, {
      firstName: 'Secreta',
      lastName: 'Ajena',
      email: 'secreta@otra.es',
      ownerId: other.id,
    })
    const hidden = await client.get(`/mail/compose?record=crm.contact:${theirs}`).loginAs(w.rep)
    hidden.assertStatus(404)
    const refused = await client
      .post('/mail/compose')
      .json(mailTo({ ...w, contact: theirs }))
      .loginAs(w.rep)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(404)
    assert.lengthOf(await db.from('mail_outbox').where('organization_id', w.org.id), 0)
  })

  test('reply prefills recipients and subject and sends In-Reply-To and References', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('reply')
    await importArchive({
      organizationId: w.org.id,
      mailbox: 'ventas',
      messages: [
        Buffer.from(
          eml({
            from: `Ana García <${w.email}>`,
            cc: 'Pedro <pedro@cliente-a.es>, Ventas <ventas@cartera-demo.es>',
            subject: 'Consulta de precios',
            messageId: 'q1@cliente-a.es',
            references: '<q0@cliente-a.es>',
          })
        ),
      ],
    })
    const original = await db
      .from('mail_messages')
      .where({ organization_id: w.org.id, message_id: 'q1@cliente-a.es' })
      .firstOrFail()
    const page = await client
      .get(`/mail/compose?record=crm.contact:${w.contact}&reply=${original.id}&mode=reply_all`)
      .loginAs(w.rep)
      .withInertia()
    page.assertStatus(200)
    const draft = page.inertiaProps.draft
    assert.deepEqual(draft.to, [w.email])
    assert.deepEqual(draft.cc, ['pedro@cliente-a.es'])
    assert.equal(draft.subject, 'RE: Consulta de precios')
    const forward = await client
      .get(`/mail/compose?record=crm.contact:${w.contact}&reply=${original.id}&mode=forward`)
      .loginAs(w.rep)
      .withInertia()
    assert.deepInclude(forward.inertiaProps.draft, { to: [], subject: 'RV: Consulta de precios' })
    assert.include(forward.inertiaProps.draft.body, '> Hola, ¿nos podéis enviar la tarifa')
    await client
      .post('/mail/compose')
      .json(mailTo(w, { subject: draft.subject, replyToMessageId: original.id }))
      .loginAs(w.rep)
      .withCsrfToken()
      .redirects(0)
    await drainQueue()
    const [received] = await smtpSink.waitFor(w.email)
    assert.equal(received.inReplyTo, '<q1@cliente-a.es>')
    assert.deepEqual(received.references, ['<q0@cliente-a.es>', '<q1@cliente-a.es>'])
    const sent = await db
      .from('mail_messages')
      .where({ organization_id: w.org.id, direction: 'out' })
      .firstOrFail()
    assert.equal(sent.thread_id, original.thread_id)
  })
})
