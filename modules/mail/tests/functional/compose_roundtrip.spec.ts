import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'
import { appendMessages, createImapUser, imapSkip, imapTestServer } from '#tests/helpers/dovecot'
import { syncMailbox } from '../../sync/sync_mailbox.js'
import { sealSecret } from '../../support/secrets.js'
import { composeWorld } from '../compose_helpers.js'
import { eml, linksOf } from '../mail_helpers.js'

/*
 * Issue 9, "reply token round trip through SMTP → IMAP": a mail written on a contact leaves
 * over SMTP (the sink), the customer's mail program answers it to its Reply-To, the answer
 * lands in the mailbox's INBOX on the IMAP server (Dovecot), and the next sync threads it
 * back to the contact — and tells the contact's owner.
 */
test.group('Compose: the reply token round trip, SMTP out and IMAP in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('the answer to the Reply-To threads back to the record and notifies its owner', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('roundtrip')
    const account = createImapUser('ventas-rt')
    const server = imapTestServer()
    await db
      .from('mail_mailboxes')
      .where('id', w.mailboxId)
      .update({
        imap_host: server.host,
        imap_port: server.port,
        imap_security: 'none',
        imap_user: account.user,
        imap_secret: sealSecret(account.password),
      })
    // The first sync brings the (empty) history; from then on new mail notifies.
    await syncMailbox(w.mailboxId)

    await client
      .post('/mail/compose')
      .json({
        record: `crm.contact:${w.contact}`,
        mailboxId: w.mailboxId,
        to: [w.email],
        subject: 'Oferta de mantenimiento',
        body: 'Hola {{contacto.nombre}}, le enviamos la oferta.',
      })
      .loginAs(w.rep)
      .withCsrfToken()
      .redirects(0)
    await drainQueue()
    const [sent] = await smtpSink.waitFor(w.email)
    const outbox = await db.from('mail_outbox').where('organization_id', w.org.id).firstOrFail()
    const sentMessage = await db
      .from('mail_messages')
      .where('id', outbox.sent_message_id)
      .firstOrFail()

    // Ana's mail program: "Re:" the subject, to the Reply-To, In-Reply-To the Message-ID —
    // but her program drops the References and she changes the subject, so only the token
    // in the address can thread it.
    const replyTo = sent.replyTo!.value[0].address!
    assert.equal(replyTo, `ventas+c${w.contact}@cartera-demo.es`)
    await appendMessages(account, 'INBOX', [
      eml({
        from: `Ana García <${w.email}>`,
        to: replyTo,
        subject: 'Otra pregunta distinta',
        messageId: 'rt-answer@cliente-a.es',
        date: new Date().toUTCString(),
        body: 'Gracias, una duda sobre el precio.',
      }),
    ])
    const result = await syncMailbox(w.mailboxId)
    assert.isFalse(result.busy)

    const answer = await db
      .from('mail_messages')
      .where({ organization_id: w.org.id, message_id: 'rt-answer@cliente-a.es' })
      .firstOrFail()
    assert.equal(answer.direction, 'in')
    assert.equal(answer.thread_id, sentMessage.thread_id, 'threaded with the mail sent')
    assert.include(await linksOf(answer.id), `crm.contact:${w.contact}:token`)
    const entry = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: w.contact, kind: 'mail.received' })
      .firstOrFail()
    assert.equal(JSON.parse(entry.data).messageId, answer.id)

    // The contact's owner (the rep) is told, once, with a link to the message.
    const notes = await db
      .from('notifications')
      .where({ organization_id: w.org.id, kind: 'mail.captured' })
    assert.lengthOf(notes, 1)
    assert.equal(Number(notes[0].user_id), w.rep.id)
    assert.equal(notes[0].link, `/mail/messages/${answer.id}`)
    // The same mail synced again (a UID offered twice) tells nobody again.
    await syncMailbox(w.mailboxId)
    assert.lengthOf(
      await db.from('notifications').where({ organization_id: w.org.id, kind: 'mail.captured' }),
      1
    )
  })
    .skip(...imapSkip())
    .timeout(60_000)
})
