import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'
import { importArchive } from '../../archive/import.js'
import { composeWorld } from '../compose_helpers.js'
import { eml, linksOf } from '../mail_helpers.js'

test.group('Compose: sending mail from a record', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('sends over SMTP with the reply token, stores it as sent on the record; the reply threads back', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('send')
    const page = await client
      .get(`/mail/compose?record=crm.contact:${w.contact}`)
      .loginAs(w.rep)
      .withInertia()
    page.assertStatus(200)
    assert.deepEqual(page.inertiaProps.draft.to, [w.email])
    assert.equal(page.inertiaProps.mergeValues['contacto.nombre'], 'Ana')

    const response = await client
      .post('/mail/compose')
      .json({
        record: `crm.contact:${w.contact}`,
        mailboxId: w.mailboxId,
        to: [w.email],
        subject: 'Oferta para {{empresa.nombre}}',
        body: 'Hola {{contacto.nombre}} {{contact.last_name}},\nun saludo de {{usuario.nombre}}.',
      })
      .loginAs(w.rep)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/crm/contacts/${w.contact}`)
    response.assertFlashMessage(
      'success',
      'Correo en cola de envío. Lo verá en el historial en cuanto salga.'
    )
    const queued = await db.from('mail_outbox').where('organization_id', w.org.id).firstOrFail()
    assert.equal(queued.status, 'queued')

    await drainQueue()
    const [received] = await smtpSink.waitFor(w.email)
    assert.equal(received.subject, 'Oferta para Cliente A')
    assert.include(received.text!, 'Hola Ana García,')
    assert.include(received.text!, 'un saludo de Rosa Comercial.')
    assert.equal(received.replyTo!.value[0].address, `ventas+c${w.contact}@cartera-demo.es`)
    assert.equal(received.from!.value[0].address, 'ventas@cartera-demo.es')
    assert.equal(received.from!.value[0].name, 'Rosa Comercial')
    assert.equal(received.messageId, `<${queued.message_id}>`)
    assert.match(queued.message_id, /^[0-9a-f-]{36}@cartera-demo\.es$/)

    const outbox = await db.from('mail_outbox').where('id', queued.id).firstOrFail()
    assert.equal(outbox.status, 'sent')
    assert.isNull(outbox.error)
    const message = await db.from('mail_messages').where('id', outbox.sent_message_id).firstOrFail()
    assert.equal(message.direction, 'out')
    assert.equal(message.message_id, queued.message_id)
    assert.include(await linksOf(message.id), `crm.contact:${w.contact}:sent`)
    const folder = await db
      .from('mail_intake as i')
      .join('mail_folders as f', 'f.id', 'i.folder_id')
      .where('i.message_id', message.id)
      .select('f.path', 'i.item_key')
      .firstOrFail()
    assert.deepEqual({ ...folder }, { path: 'Enviados', item_key: `sent:${queued.id}` })
    const entry = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: w.contact, kind: 'mail.sent' })
      .firstOrFail()
    assert.equal(JSON.parse(entry.data).messageId, message.id)

    // The customer answers to the Reply-To address, with a new subject and no References.
    await importArchive({
      organizationId: w.org.id,
      mailbox: 'ventas',
      messages: [
        Buffer.from(
          eml({
            from: `Ana García <${w.email}>`,
            to: `ventas+c${w.contact}@cartera-demo.es`,
            subject: 'Dudas',
            messageId: 'answer-1@cliente-a.es',
          })
        ),
        // A later answer by References only, to the plain address.
        Buffer.from(
          eml({
            from: `Ana García <${w.email}>`,
            subject: 'Otra cosa',
            messageId: 'answer-2@cliente-a.es',
            references: `<${queued.message_id}>`,
          })
        ),
      ],
    })
    const answers = await db
      .from('mail_messages')
      .where('organization_id', w.org.id)
      .whereIn('message_id', ['answer-1@cliente-a.es', 'answer-2@cliente-a.es'])
      .orderBy('message_id')
    assert.lengthOf(answers, 2)
    for (const answer of answers) {
      assert.equal(answer.thread_id, message.thread_id)
      assert.isTrue(
        (await linksOf(answer.id)).some((l) => l.startsWith(`crm.contact:${w.contact}:`))
      )
    }
    assert.include(await linksOf(answers[0].id), `crm.contact:${w.contact}:token`)
  })
})
