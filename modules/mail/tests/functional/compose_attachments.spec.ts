import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { drainQueue } from '#tests/helpers/queue'
import { composeWorld } from '../compose_helpers.js'

/** A small but real PDF: what the type detection reads from the bytes. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]),
])
const CSV = Buffer.from('nombre;importe\nAna;12,50\n', 'utf8')

/** A multipart compose post (as the page sends it when files are attached). */
function composePost(client: any, w: Awaited<ReturnType<typeof composeWorld>>) {
  return client
    .post('/mail/compose')
    .loginAs(w.rep)
    .withCsrfToken()
    .redirects(0)
    .field('record', `crm.contact:${w.contact}`)
    .field('mailboxId', String(w.mailboxId))
    .field('to[0]', w.email)
    .field('subject', 'Presupuesto')
    .field('body', 'Le adjunto el presupuesto.')
}

test.group('Compose: attachments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => smtpSink.clear())

  test('files are stored before queueing, sent intact, and the sent copy carries them', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('att')
    const response = await composePost(client, w)
      .file('attachments[]', PDF, { filename: 'presupuesto 2026.pdf' })
      .file('attachments[]', CSV, { filename: 'líneas.csv' })
    response.assertStatus(302)
    response.assertHeader('location', `/crm/contacts/${w.contact}`)
    const outbox = await db.from('mail_outbox').where('organization_id', w.org.id).firstOrFail()
    const stored = await db
      .from('mail_outbox_attachments')
      .where('outbox_id', outbox.id)
      .orderBy('position')
    assert.deepEqual(
      stored.map((s) => [s.filename, s.content_type, Number(s.size)]),
      [
        ['presupuesto 2026.pdf', 'application/pdf', PDF.length],
        ['líneas.csv', 'text/csv', CSV.length],
      ]
    )
    // On the drive before the job runs (a retry reads them from there).
    for (const s of stored) assert.isTrue(await drive.use().exists(s.stored_key))

    await drainQueue()
    const [received] = await smtpSink.waitFor(w.email)
    assert.include(received.text!, 'Le adjunto el presupuesto.')
    assert.deepEqual(
      received.attachments.map((a) => [a.filename, a.contentType]),
      [
        ['presupuesto 2026.pdf', 'application/pdf'],
        ['líneas.csv', 'text/csv'],
      ]
    )
    assert.isTrue(received.attachments[0].content.equals(PDF))
    assert.isTrue(received.attachments[1].content.equals(CSV))

    // The captured 'out' copy has them as attachments, downloadable from its page.
    const sent = await db.from('mail_outbox').where('id', outbox.id).firstOrFail()
    assert.equal(sent.status, 'sent')
    const page = await client
      .get(`/mail/messages/${sent.sent_message_id}`)
      .loginAs(w.rep)
      .withInertia()
    page.assertStatus(200)
    const listed = page.inertiaProps.message.attachments
    assert.deepEqual(
      listed.map((a: any) => [a.filename, a.size]),
      [
        ['presupuesto 2026.pdf', PDF.length],
        ['líneas.csv', CSV.length],
      ]
    )
    const download = await client.get(listed[0].href).loginAs(w.rep)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    assert.equal(Number(download.header('content-length')), PDF.length)
    // The outbox's own copies are released once the sent copy holds the files.
    for (const s of stored) assert.isFalse(await drive.use().exists(s.stored_key))
  })

  test('over 20 MB in all, or more than 10 files: refused with the translated message, nothing queued', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('big')
    const big = Buffer.alloc(21 * 1024 * 1024, 7)
    const tooLarge = await composePost(client, w)
      .header('accept', 'application/json')
      .file('attachments[]', big, { filename: 'enorme.bin' })
    tooLarge.assertStatus(422)
    assert.deepEqual(tooLarge.body().errors, [
      {
        field: 'attachments',
        message: 'Los adjuntos ocupan 21 MB; el límite es 20 MB en total',
      },
    ])
    let many = composePost(client, w).header('accept', 'application/json')
    for (let i = 0; i < 11; i++) many = many.file('attachments[]', CSV, { filename: `f${i}.csv` })
    const tooMany = await many
    tooMany.assertStatus(422)
    assert.equal(tooMany.body().errors[0].message, 'Adjunte como máximo 10 archivos')
    assert.lengthOf(await db.from('mail_outbox').where('organization_id', w.org.id), 0)
    assert.lengthOf(await db.from('mail_outbox_attachments').where('organization_id', w.org.id), 0)

    // The form (Inertia) gets the error on the field and goes back to the draft.
    const back = await composePost(client, w)
      .header('referer', `/mail/compose?record=crm.contact:${w.contact}`)
      .file('attachments[]', big, { filename: 'enorme.bin' })
    back.assertStatus(302)
    back.assertHeader('location', `/mail/compose?record=crm.contact%3A${w.contact}`)
    back.assertFlashMessage('inputErrorsBag', {
      attachments: ['Los adjuntos ocupan 21 MB; el límite es 20 MB en total'],
    })
  })

  test('a document already on the record goes as an attachment; one of another record is refused', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('doc')
    const upload = (path: string) =>
      client
        .post(path)
        .loginAs(w.rep)
        .withCsrfToken()
        .header('accept', 'application/json')
        .file('file', PDF, { filename: 'contrato.pdf' })
    ;(await upload(`/documents/crm.contacts/${w.contact}`)).assertStatus(201)
    const other = (await upload(`/documents/crm.companies/${w.company}`)).body().document.id

    const page = await client
      .get(`/mail/compose?record=crm.contact:${w.contact}`)
      .loginAs(w.rep)
      .withInertia()
    const [doc] = page.inertiaProps.documents
    assert.deepInclude(doc, { name: 'contrato.pdf', size: PDF.length, typeLabel: 'PDF' })

    const send = (documentIds: number[]) =>
      client
        .post('/mail/compose')
        .loginAs(w.rep)
        .withCsrfToken()
        .redirects(0)
        .header('accept', 'application/json')
        .json({
          record: `crm.contact:${w.contact}`,
          mailboxId: w.mailboxId,
          to: [w.email],
          subject: 'Contrato',
          body: 'Adjunto el contrato.',
          documentIds,
        })
    const refused = await send([other])
    refused.assertStatus(422)
    assert.deepEqual(refused.body().errors, [
      { field: 'documentIds', message: 'Elija documentos de este registro que pueda ver' },
    ])
    assert.lengthOf(await db.from('mail_outbox').where('organization_id', w.org.id), 0)

    ;(await send([doc.id])).assertStatus(302)
    await drainQueue()
    const [received] = await smtpSink.waitFor(w.email)
    assert.lengthOf(received.attachments, 1)
    assert.equal(received.attachments[0].filename, 'contrato.pdf')
    assert.isTrue(received.attachments[0].content.equals(PDF))
    // The record's document itself stays where it was.
    const original = await db.from('documents').where('id', doc.id).firstOrFail()
    assert.isTrue(await drive.use().exists(original.stored_key))
  })

  test('an attached file the drive lost: «retrying» with the error, failed after the last attempt', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('lost')
    ;(await composePost(client, w).file('attachments[]', PDF, { filename: 'a.pdf' })).assertStatus(
      302
    )
    const outbox = await db.from('mail_outbox').where('organization_id', w.org.id).firstOrFail()
    const [file] = await db.from('mail_outbox_attachments').where('outbox_id', outbox.id)
    await drive.use().delete(file.stored_key)
    for (let attempt = 1; attempt <= 4; attempt++) {
      await drainQueue()
      const row = await db.from('mail_outbox').where('id', outbox.id).firstOrFail()
      assert.equal(row.status, attempt < 4 ? 'retrying' : 'failed')
      assert.equal(row.attempts, attempt)
      assert.isNotNull(row.error)
      assert.equal(row.error_code, 'build_failed')
      const page = await client.get('/mail/outbox').loginAs(w.rep).withInertia()
      assert.equal(
        page.inertiaProps.items[0].error,
        `No se pudo preparar el mensaje: un adjunto ya no está disponible (${row.error})`
      )
      if (attempt < 4)
        await db
          .from('queue_jobs')
          .whereRaw('data like ?', [`%"outboxId":${outbox.id}%`])
          .where('status', 'delayed')
          .update({ execute_at: Date.now() - 1 })
    }
    assert.lengthOf(smtpSink.to(w.email), 0, 'nothing sent without its attachment')
  })
})
