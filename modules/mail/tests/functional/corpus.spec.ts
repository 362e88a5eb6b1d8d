import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { importArchive } from '../../archive/import.js'
import { mailboxLedgers } from '../../ledger.js'
import { sharedMailbox } from '../mail_helpers.js'
import { writeBigMessage } from '../fixtures/big_message.js'

const corpusDir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))
const corpus: { files: Record<string, any>[] } = JSON.parse(
  readFileSync(`${corpusDir}corpus.json`, 'utf8')
)
const bare = (id: string | null) => (id ? id.replace(/^<|>$/g, '') : null)

test.group('The capture pipeline over the mail corpus (42 hand-built files)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every file is stored once with what the corpus says it holds', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
    const result = await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: corpusDir,
    })
    const files = corpus.files
    const sameAs = new Set(files.filter((f) => f.sameAs).map((f) => f.sameAs))
    const expectedMessages = files.length - files.filter((f) => f.sameAs).length + sameAs.size
    assert.equal(result.offered, files.length)
    assert.equal(result.failed, files.filter((f) => f.notMail).length)
    const messages = await db.from('mail_messages').where('organization_id', org.id)
    assert.lengthOf(messages, expectedMessages)
    const byMessageId = new Map(messages.map((m) => [m.message_id, m]))
    const bySubject = (subject: string) => messages.filter((m) => m.subject === subject)

    for (const file of files) {
      const what = file.file
      if (file.notMail) {
        const raw = messages.filter((m) => m.parse_status === 'raw')
        assert.lengthOf(raw, 1, what)
        continue
      }
      const message = file.messageId
        ? byMessageId.get(bare(file.messageId))
        : bySubject(file.subject).find((m) => m.from_address === file.from)
      assert.exists(message, `${what}: stored`)
      assert.equal(message.subject, file.subject, `${what}: subject`)
      assert.equal(message.from_address, file.from, `${what}: from`)
      const to = JSON.parse(message.to_json).map((a: any) => a.address)
      assert.sameMembers(to, file.to, `${what}: to`)
      const cc = JSON.parse(message.cc_json).map((a: any) => a.address)
      assert.sameMembers(cc, file.cc, `${what}: cc`)
      assert.equal(!!message.spam, file.spam, `${what}: spam`)
      const attachments = await db.from('mail_attachments').where('message_id', message.id)
      assert.sameMembers(
        attachments.map((a) => a.filename),
        file.attachments,
        `${what}: attachments`
      )
      for (const a of attachments) assert.isNotNull(a.document_id, `${what}: ${a.filename} filed`)
      if (file.dangerous) {
        const html = String(message.html_body ?? '').toLowerCase()
        for (const bad of [
          '<script',
          'javascript:',
          'onload',
          'onerror',
          '<iframe',
          '<object',
          '<svg',
          'expression(',
        ])
          assert.notInclude(html, bad, `${what}: ${bad}`)
      }
      if (/^(iso-8859|windows-1252)/.test(file.charset ?? ''))
        assert.match(String(message.text_body), /[áéíóúñÁÉÍÓÚÑ€]/, `${what}: accents decoded`)
      if (file.charset?.startsWith('headers'))
        assert.match(String(message.subject), /[áéíóúñÁÉÍÓÚÑ€]/, `${what}: header decoded`)
      if (file.charset && /8859|1252/.test(file.charset))
        assert.notInclude(
          `${message.subject} ${message.text_body}`,
          '\uFFFD',
          `${what}: no mojibake`
        )
    }
    const [ledger] = await mailboxLedgers(org.id)
    assert.deepInclude(ledger, {
      onServer: files.length,
      failed: 1,
      stored: files.length - 1,
      missing: 0,
    })
  })

  test('threads follow the corpus: in-reply-to, references, subject with shared participants', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
    await sharedMailbox(org.id, 'soporte', 'soporte@cartera-demo.es')
    await importArchive({ organizationId: org.id, mailbox: 'ventas', path: corpusDir })
    const messages = await db.from('mail_messages').where('organization_id', org.id)
    const groups = new Map<string, Record<string, any>[]>()
    for (const file of corpus.files.filter((f) => f.thread && f.messageId))
      groups.set(file.thread, [...(groups.get(file.thread) ?? []), file])
    let checked = 0
    for (const [name, files] of groups) {
      const threads = new Set(
        files.map((f) => messages.find((m) => m.message_id === bare(f.messageId))?.thread_id)
      )
      assert.equal(threads.size, 1, `thread ${name}: ${files.map((f) => f.file).join(', ')}`)
      checked += files.length
    }
    assert.isAbove(checked, 4)
  })
})

test.group('Archives: mbox files and big attachments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an mbox archive is split into its messages, once', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const path = `${corpusDir}archive.mbox`
    const first = await importArchive({ organizationId: org.id, mailbox: 'antiguo', path })
    assert.equal(first.offered, 8)
    assert.equal(first.stored + first.duplicates, 8)
    const again = await importArchive({ organizationId: org.id, mailbox: 'antiguo', path })
    assert.deepInclude(again, { offered: 8, known: 8, stored: 0 })
    const bodies = await db
      .from('mail_messages')
      .where('organization_id', org.id)
      .select('text_body')
    assert.isTrue(
      bodies.some((b) => /^From /m.test(String(b.text_body))),
      'an mboxrd ">From " line reads back as "From "'
    )
  })

  test('a 25 MB attachment is stored whole on the drive as a document of the message', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const path = await writeBigMessage(25)
    const result = await importArchive({ organizationId: org.id, mailbox: 'ventas', path })
    assert.equal(result.stored, 1)
    const [attachment] = await db
      .from('mail_attachments')
      .where('organization_id', org.id)
      .where('filename', 'planos-25mb.bin')
    assert.equal(Number(attachment.size), 25 * 1024 * 1024)
    const document = await db.from('documents').where('id', attachment.document_id).first()
    assert.equal(document.resource, 'mail.messages')
    assert.equal(Number(document.size), 25 * 1024 * 1024)
  })
})
