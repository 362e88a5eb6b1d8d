import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import type Organization from '#models/organization'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { insertCompanyRow, insertContactRow } from '#modules/crm/contracts/index'
import { importArchive } from '../../archive/import.js'
import { eml, emlFolder, sharedMailbox, storedMessages } from '../mail_helpers.js'

/** A reader of mail who sees the CRM records they own (and only those). */
function reader(org: Organization) {
  return createUser(org, {
    permissions: ['mail.messages.view', ...crud('crm.companies', ['view'])].concat(
      crud('crm.contacts', ['view'])
    ),
    scopes: { 'crm.companies': 'own', 'crm.contacts': 'own' },
  })
}

/** Ana's contact (owned by `ownerId`) at Cliente A, and one message from her into "ventas". */
async function mailFromAna(org: Organization, ownerId: number, message = eml({})) {
  const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
  const contact = await insertContactRow(org.id, {
    firstName: 'Ana',
    lastName: 'García',
    companyId: company,
    email: 'ana@cliente-a.es',
    ownerId,
  })
  await importArchive({
    organizationId: org.id,
    mailbox: 'ventas',
    path: await emlFolder([message]),
  })
  const [stored] = await storedMessages(org.id)
  return { company, contact, messageId: Number(stored.id) }
}

/** An HTML message (the eml() helper writes text/plain). */
function htmlEml(html: string) {
  return eml({ messageId: 'html@cliente-a.es', subject: 'Oferta', body: html }).replace(
    'Content-Type: text/plain; charset=utf-8',
    'Content-Type: text/html; charset=utf-8'
  )
}

test.group('Mail pages: mailboxes and message view', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the mailbox list shows each mailbox with its ledger and health', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const admin = await createUser(org, { permissions: ['mail.mailboxes.view'] })
    const empty = await client.get('/mail/mailboxes').loginAs(admin).withInertia()
    empty.assertStatus(200)
    assert.deepEqual(empty.inertiaProps.mailboxes, [])
    assert.deepInclude(empty.inertiaProps.shell.navigation, {
      module: 'mail',
      moduleLabel: 'mail.module.label',
      label: 'mail.nav.mailboxes',
      href: '/mail/mailboxes',
      icon: 'mailbox',
      section: 'settings',
    })

    await importArchive({
      organizationId: org.id,
      mailbox: 'histórico',
      path: await emlFolder([
        eml({ messageId: 'l1@cliente-a.es' }),
        eml({ messageId: 'l2@cliente-a.es', subject: 'Pedido 42' }),
        eml({ messageId: 'l1@cliente-a.es' }),
        Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]) as any,
      ]),
    })
    const page = await client.get('/mail/mailboxes').loginAs(admin).withInertia()
    page.assertStatus(200)
    const [mailbox] = page.inertiaProps.mailboxes
    assert.deepInclude(mailbox, {
      name: 'histórico',
      kind: 'archive',
      address: null,
      onServer: 3,
      stored: 2,
      skipped: 0,
      failed: 1,
      missing: 0,
      health: 'warning',
    })
    assert.isString(mailbox.lastSyncAt)
    assert.lengthOf(mailbox.folders, 1)
    assert.deepInclude(mailbox.folders[0], { onServer: 3, stored: 2, failed: 1, missing: 0 })

    assert.isNull(mailbox.syncing, 'no sync running')

    // A sync holding the mailbox (its lease) shows its progress: the folders' done / total.
    await db
      .from('mail_mailboxes')
      .where('organization_id', org.id)
      .update({
        sync_holder: 'otro-proceso',
        sync_until: dbTimestamp(new Date(Date.now() + 10 * 60_000)),
      })
    await db
      .from('mail_folders')
      .where('organization_id', org.id)
      .update({ progress_total: 400, progress_done: 150 })
    const syncing = await client.get('/mail/mailboxes').loginAs(admin).withInertia()
    assert.deepEqual(syncing.inertiaProps.mailboxes[0].syncing, { done: 150, total: 400 })
    // The page asks for the list alone again while it syncs (a partial reload).
    const partial = await client
      .get('/mail/mailboxes')
      .loginAs(admin)
      .withInertia()
      .withInertiaPartialReload('mail/mailboxes/index', ['mailboxes'])
    partial.assertStatus(200)
    assert.notProperty(partial.inertiaProps, 'canConfigure')
    assert.deepEqual(partial.inertiaProps.mailboxes[0].syncing, { done: 150, total: 400 })

    const rep = await reader(org)
    const refused = await client.get('/mail/mailboxes').loginAs(rep).withInertia()
    refused.assertStatus(403)
  })

  test('a message opens for whoever sees a linked record, with why it is linked and where it was seen', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const stranger = await reader(org)
    const { contact, messageId } = await mailFromAna(org, owner.id)

    const page = await client.get(`/mail/messages/${messageId}`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const message = page.inertiaProps.message
    assert.equal(message.level, 'full')
    assert.equal(message.subject, 'Consulta de precios')
    assert.equal(message.from.address, 'ana@cliente-a.es')
    assert.deepEqual(message.to, [{ name: 'Ventas', address: 'ventas@cartera-demo.es' }])
    assert.deepEqual(message.seenIn, ['ventas'])
    assert.include(message.body.text, 'tarifa actualizada')
    // The company is owned by nobody: out of this reader's scope, so not named.
    assert.deepEqual(
      message.links.map((l: any) => [l.type, l.id, l.reason, l.detail, l.href]),
      [['crm.contact', contact, 'participant', 'ana@cliente-a.es', `/crm/contacts/${contact}`]]
    )

    const hidden = await client.get(`/mail/messages/${messageId}`).loginAs(stranger).withInertia()
    hidden.assertStatus(404)
  })

  test('another organization never opens the message', async ({ client }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const { messageId } = await mailFromAna(org, owner.id)
    const other = await createOrganization(['crm', 'mail'])
    const outsider = await createUser(other, { isAdmin: true })
    const page = await client.get(`/mail/messages/${messageId}`).loginAs(outsider).withInertia()
    page.assertStatus(404)
  })

  test('a metadata-only mailbox shows who and when, never the subject or the body', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const mailbox = await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
    await db.from('mail_mailboxes').where('id', mailbox).update({ privacy: 'metadata' })
    const { messageId } = await mailFromAna(org, owner.id)

    const page = await client.get(`/mail/messages/${messageId}`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const message = page.inertiaProps.message
    assert.equal(message.level, 'metadata')
    assert.isNull(message.subject)
    assert.isNull(message.body)
    assert.deepEqual(message.attachments, [])
    assert.equal(message.from.address, 'ana@cliente-a.es')
    const props = JSON.stringify(page.inertiaProps)
    assert.notInclude(props, 'Consulta de precios')
    assert.notInclude(props, 'tarifa actualizada')
  })

  test('HTML reaches the page sanitised: no script, no handlers, remote images disarmed', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const { messageId } = await mailFromAna(
      org,
      owner.id,
      htmlEml(
        '<p onclick="steal()">Hola <b>Ana</b></p><script>alert(1)</script>' +
          '<img src="https://tracker.example/p.gif" onerror="alert(2)">' +
          '<a href="javascript:alert(3)">pulsa</a><iframe src="https://x.example"></iframe>'
      )
    )
    const page = await client.get(`/mail/messages/${messageId}`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const { body } = page.inertiaProps.message
    assert.include(body.html, '<b>Ana</b>')
    assert.include(body.html, 'data-remote-src="https://tracker.example/p.gif"')
    assert.isTrue(body.hasRemoteContent)
    const props = JSON.stringify(page.inertiaProps).toLowerCase()
    for (const bad of ['<script', 'alert(', 'onclick', 'onerror', 'javascript:', '<iframe'])
      assert.notInclude(props, bad)
  })
})
