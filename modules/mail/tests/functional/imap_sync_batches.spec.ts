import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { appendMessages, connect, createImapUser, flagsOf, imapSkip } from '#tests/helpers/dovecot'
import { syncMailbox } from '../../sync/sync_mailbox.js'
import { fetchBatch } from '../../sync/fetch_batch.js'
import { eml, storedMessages } from '../mail_helpers.js'
import { imapMailbox } from '../imap_process_helpers.js'

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** A message with a 400 KB attachment: above the small-message size, so it is streamed. */
function bigMail(bytes: Buffer) {
  const base64 = bytes.toString('base64').replace(/.{76}/g, '$&\r\n')
  return [
    'From: Oficina Técnica <oficina@proveedor.com>',
    'To: Ventas <ventas@cartera-demo.es>',
    'Subject: Planos',
    'Date: Tue, 01 Dec 2026 11:00:00 +0100',
    'Message-ID: <planos@proveedor.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Adjunto los planos.',
    '--b',
    'Content-Type: application/octet-stream; name="planos.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    base64,
    '--b--',
    '',
  ].join('\r\n')
}

async function storedBytes(documentId: number) {
  const document = await db.from('documents').where('id', documentId).firstOrFail()
  return Buffer.from(await drive.use().getBytes(document.stored_key))
}

test.group('IMAP sync — batches: small mail from memory, big mail streamed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('small, big and unreadable messages of one batch are stored whole, in UID order', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const account = createImapUser('lotes')
    const plans = Buffer.from(Array.from({ length: 400 * 1024 }, (_, i) => (i * 7) % 256))
    const junk = 'esto no es un correo\r\nsolo texto sin cabeceras\r\n'
    await appendMessages(account, 'INBOX', [
      eml({ messageId: 'uno@cliente-a.es', subject: 'Uno' }),
      eml({ messageId: 'dos@cliente-a.es', subject: 'Dos' }),
      bigMail(plans),
      junk,
      eml({ messageId: 'tres@cliente-a.es', subject: 'Tres' }),
    ])
    const flagsBefore = await flagsOf(account, 'INBOX')
    const id = await imapMailbox(org.id, account, 'lotes', { address: 'lotes@cartera-demo.es' })

    const result = await syncMailbox(id, { batchSize: 4 })
    assert.isFalse(result.busy)
    if (result.busy) return
    assert.deepInclude(result.folders[0], { offered: 5, stored: 4, failed: 1, gone: 0 })
    const messages = await storedMessages(org.id)
    assert.deepEqual(
      messages.map((m) => m.subject),
      ['Uno', 'Dos', 'Planos', null, 'Tres']
    )
    const [attachment] = await db.from('mail_attachments').where('message_id', messages[2].id)
    assert.equal(Number(attachment.size), plans.length)
    assert.equal(sha(await storedBytes(attachment.document_id)), sha(plans))
    assert.equal(messages[3].parse_status, 'raw')
    const [original] = await db.from('mail_attachments').where('message_id', messages[3].id)
    assert.equal(original.filename, 'mensaje-original.eml')
    assert.equal((await storedBytes(original.document_id)).toString(), junk)
    const ledger = await db.from('mail_intake').where('mailbox_id', id).orderBy('uid')
    assert.deepEqual(
      ledger.map((r) => r.outcome),
      ['stored', 'stored', 'stored', 'failed', 'stored']
    )
    assert.deepEqual(await flagsOf(account, 'INBOX'), flagsBefore, 'no flag changed on the server')

    const again = await syncMailbox(id)
    assert.deepInclude(again.busy ? {} : again.folders[0], { offered: 0 })
  }).skip(...imapSkip())

  test('a batch fetch gives each UID its bytes, `stream` for a big one, `gone` for a missing one', async ({
    assert,
  }) => {
    const account = createImapUser('lotes2')
    const small = eml({ messageId: 'a@cliente-a.es', subject: 'A' })
    const [a, big, b] = await appendMessages(account, 'INBOX', [
      small,
      bigMail(Buffer.alloc(300 * 1024, 1)),
      eml({ messageId: 'b@cliente-a.es', subject: 'B' }),
    ])
    const client = await connect(account)
    try {
      const lock = await client.getMailboxLock('INBOX', { readOnly: true })
      const got = []
      try {
        for await (const item of fetchBatch(client, [a, big, b, b + 50])) got.push(item)
      } finally {
        lock.release()
      }
      assert.deepEqual(
        got.map((g) => [g.uid, Buffer.isBuffer(g.source) ? 'bytes' : g.source]),
        [
          [a, 'bytes'],
          [big, 'stream'],
          [b, 'bytes'],
          [b + 50, 'gone'],
        ]
      )
      assert.equal(String(got[0].source), small)
    } finally {
      await client.logout().catch(() => client.close())
    }
  }).skip(...imapSkip())
})
