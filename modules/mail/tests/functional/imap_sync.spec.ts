import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import {
  appendMessages,
  changeUidValidity,
  createImapUser,
  flagsOf,
  imapSkip,
  type ImapAccount,
} from '#tests/helpers/dovecot'
import { syncMailbox, type SyncResult } from '../../sync/sync_mailbox.js'
import { refetchMissing } from '../../sync/refetch_missing.js'
import { mailboxLedgers } from '../../ledger.js'
import { eml, storedMessages } from '../mail_helpers.js'
import { imapMailbox as imapTestMailbox } from '../imap_process_helpers.js'

const corpus = (name: string) =>
  readFileSync(app.makePath('modules/mail/tests/fixtures/corpus', name))

/** An IMAP mailbox row for a Dovecot test user (clear-text IMAP on the run's server). */
/** A shared IMAP mailbox with an address (its domain is the organization's own). */
const imapMailbox = (organizationId: number, name: string, account: ImapAccount) =>
  imapTestMailbox(organizationId, account, name, { address: `${name}@cartera-demo.es` })

function inbox(result: SyncResult) {
  if (result.busy) throw new Error('the sync was busy')
  return result.folders[0]
}

const five = () => [
  corpus('01_texto_plano.eml'),
  corpus('02_alternativa.eml'),
  corpus('03_adjunto_pdf.eml'),
  corpus('07_latin1_qp.eml'),
  corpus('12_rfc2047_b_utf8.eml'),
]

test.group('IMAP sync — Dovecot into the capture pipeline', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an initial sync stores every message, reads with BODY.PEEK, then fetches only new mail', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const account = createImapUser('ventas')
    await appendMessages(account, 'INBOX', five())
    const flagsBefore = await flagsOf(account, 'INBOX')
    const id = await imapMailbox(org.id, 'ventas', account)

    const first = inbox(await syncMailbox(id, { batchSize: 2 }))
    assert.deepInclude(first, { path: 'INBOX', onServer: 5, offered: 5, stored: 5, failed: 0 })
    assert.lengthOf(await storedMessages(org.id), 5)
    const [ledger] = await mailboxLedgers(org.id, [id])
    assert.deepInclude(ledger, { onServer: 5, stored: 5, missing: 0, failed: 0, lastError: null })
    assert.equal(ledger.health, 'ok')
    assert.deepEqual(await flagsOf(account, 'INBOX'), flagsBefore, 'no flag changed on the server')
    assert.notInclude(Object.values(flagsBefore).flat(), '\\Seen')
    const folder = await db.from('mail_folders').where('mailbox_id', id).firstOrFail()
    assert.equal(Number(folder.highest_uid), Math.max(...Object.keys(flagsBefore).map(Number)))
    assert.deepInclude(folder, { progress_total: 5, progress_done: 5 })
    const mailbox = await db.from('mail_mailboxes').where('id', id).firstOrFail()
    assert.isNotNull(mailbox.last_sync_at)
    assert.isNull(mailbox.sync_holder, 'the lease was given back')

    await appendMessages(account, 'INBOX', [
      eml({ messageId: 'nuevo-1@cliente-a.es', subject: 'Nuevo 1' }),
      eml({ messageId: 'nuevo-2@cliente-a.es', subject: 'Nuevo 2' }),
    ])
    const second = inbox(await syncMailbox(id))
    assert.deepInclude(second, { onServer: 7, offered: 2, stored: 2, known: 0 })
    assert.lengthOf(await storedMessages(org.id), 7)
    const third = inbox(await syncMailbox(id))
    assert.deepInclude(third, { onServer: 7, offered: 0 })
  }).skip(...imapSkip())

  test('the same mail in two users’ INBOXes is one message seen in both mailboxes', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const ventas = createImapUser('ventas')
    const ana = createImapUser('ana')
    const mail = eml({ messageId: 'compartido@cliente-a.es' })
    await appendMessages(ventas, 'INBOX', [mail])
    await appendMessages(ana, 'INBOX', [mail])
    const first = await imapMailbox(org.id, 'ventas', ventas)
    const second = await imapMailbox(org.id, 'ana', ana)
    assert.equal(inbox(await syncMailbox(first)).stored, 1)
    assert.equal(inbox(await syncMailbox(second)).duplicate, 1)
    const messages = await storedMessages(org.id)
    assert.lengthOf(messages, 1)
    const seenIn = await db
      .from('mail_intake as i')
      .join('mail_mailboxes as m', 'm.id', 'i.mailbox_id')
      .where('i.message_id', messages[0].id)
      .orderBy('m.name')
      .select('m.name')
    assert.deepEqual(
      seenIn.map((r) => r.name),
      ['ana', 'ventas']
    )
    for (const ledger of await mailboxLedgers(org.id))
      assert.deepInclude(ledger, { onServer: 1, stored: 1, missing: 0 })
  }).skip(...imapSkip())

  test('a UIDVALIDITY change re-maps the messages: no duplicate, none lost', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const account = createImapUser('soporte')
    // 15 has no Message-ID: it meets itself again by its hash.
    const raws = [corpus('01_texto_plano.eml'), corpus('15_sin_message_id_a.eml'), eml({})]
    await appendMessages(account, 'INBOX', raws)
    const id = await imapMailbox(org.id, 'soporte', account)
    assert.equal(inbox(await syncMailbox(id)).stored, 3)

    const uidValidity = await changeUidValidity(account, 'INBOX')
    const again = inbox(await syncMailbox(id))
    assert.deepInclude(again, {
      uidValidity,
      uidValidityChanged: true,
      offered: 3,
      stored: 0,
      duplicate: 3,
    })
    assert.lengthOf(await storedMessages(org.id), 3)
    const [ledger] = await mailboxLedgers(org.id, [id])
    assert.deepInclude(ledger, { onServer: 3, stored: 3, missing: 0 })
    const folder = await db.from('mail_folders').where('mailbox_id', id).firstOrFail()
    assert.equal(String(folder.uid_validity), String(uidValidity))
  }).skip(...imapSkip())

  test('two syncs of one mailbox at once: one runs, the other says busy', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const account = createImapUser('ventas')
    await appendMessages(account, 'INBOX', five())
    const id = await imapMailbox(org.id, 'ventas', account)
    const results = await Promise.all([syncMailbox(id), syncMailbox(id)])
    assert.deepEqual(results.map((r) => r.busy).sort(), [false, true])
    assert.lengthOf(await storedMessages(org.id), 5)
    const mailbox = await db.from('mail_mailboxes').where('id', id).firstOrFail()
    assert.isNull(mailbox.sync_holder)
  }).skip(...imapSkip())

  test('a wrong password stores nothing and leaves plain words as the last error', async ({
    assert,
    client,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const account = createImapUser('ventas')
    await appendMessages(account, 'INBOX', five())
    const id = await imapMailbox(org.id, 'ventas', { ...account, password: 'incorrecta' })
    await assert.rejects(() => syncMailbox(id))
    assert.lengthOf(await storedMessages(org.id), 0)
    const mailbox = await db.from('mail_mailboxes').where('id', id).firstOrFail()
    assert.include(mailbox.last_error, 'autenticación')
    assert.isNull(mailbox.sync_holder, 'the lease was given back after the failure')
    assert.equal(mailbox.last_error_code, 'auth')
    const [ledger] = await mailboxLedgers(org.id, [id])
    assert.equal(ledger.health, 'never')
    // The mailbox list says it in each reader's language.
    for (const [locale, words] of [
      ['es', 'Fallo de autenticación: el servidor rechazó el usuario o la contraseña.'],
      ['en', 'Authentication failed: the server refused the user name or the password.'],
    ]) {
      const reader = await createUser(org, { permissions: ['mail.mailboxes.view'] }, { locale })
      const page = await client.get('/mail/mailboxes').loginAs(reader).withInertia()
      assert.equal(page.inertiaProps.mailboxes[0].lastError, words)
    }
  }).skip(...imapSkip())

  test('re-fetch missing offers exactly the server UIDs the ledger lacks', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const account = createImapUser('ventas')
    const uids = await appendMessages(account, 'INBOX', five())
    const id = await imapMailbox(org.id, 'ventas', account)
    await syncMailbox(id)
    // A hole below the cursor, as a lost ledger row would leave it.
    await db.from('mail_intake').where({ mailbox_id: id, uid: uids[2] }).delete()
    let [ledger] = await mailboxLedgers(org.id, [id])
    assert.equal(ledger.missing, 1)
    assert.deepInclude(
      inbox(await syncMailbox(id)),
      { offered: 0 },
      'the cursor does not look back'
    )

    const result = await refetchMissing(id)
    if (result.busy) throw new Error('busy')
    assert.deepInclude(result.folders[0], { onServer: 5, missing: 1, offered: 1, duplicate: 1 })
    ;[ledger] = await mailboxLedgers(org.id, [id])
    assert.deepInclude(ledger, { onServer: 5, stored: 5, missing: 0 })
    assert.lengthOf(await storedMessages(org.id), 5)
  }).skip(...imapSkip())
})
