import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import i18nManager from '@adonisjs/i18n/services/main'
import type Organization from '#models/organization'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { insertContactRow } from '#modules/crm/contracts/index'
import { importArchive } from '../../archive/import.js'
import { eml, emlFolder, storedMessages } from '../mail_helpers.js'

/** A message with an inline image (cid:) in its HTML and a PDF attached. */
const WITH_FILES = [
  'From: Ana García <ana@cliente-a.es>',
  'To: Ventas <ventas@cartera-demo.es>',
  'Subject: Catálogo',
  'Date: Tue, 01 Dec 2026 10:00:00 +0100',
  'Message-ID: <files@cliente-a.es>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="MIX"',
  '',
  '--MIX',
  'Content-Type: multipart/related; boundary="REL"',
  '',
  '--REL',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Nuestro logo: <img src="cid:logo@cliente-a.es" alt="logo"></p>',
  '--REL',
  'Content-Type: image/png',
  'Content-ID: <logo@cliente-a.es>',
  'Content-Disposition: inline; filename="logo.png"',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  '--REL--',
  '--MIX',
  'Content-Type: application/pdf; name="tarifa.pdf"',
  'Content-Disposition: attachment; filename="tarifa.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQKJcTl8uXrp/Og0MTGCg==',
  '--MIX--',
  '',
].join('\r\n')

/** Ana's contact owned by `ownerId`, then the given messages imported into "ventas". */
async function capture(org: Organization, ownerId: number, messages: (string | Buffer)[]) {
  await insertContactRow(org.id, {
    firstName: 'Ana',
    lastName: 'García',
    email: 'ana@cliente-a.es',
    ownerId,
  })
  await importArchive({
    organizationId: org.id,
    mailbox: 'ventas',
    path: await emlFolder(messages as string[]),
  })
  return (await storedMessages(org.id)).map((m) => Number(m.id))
}

function reader(org: Organization, extra: string[] = []) {
  return createUser(org, {
    permissions: ['mail.messages.view', ...crud('crm.contacts', ['view']), ...extra],
    scopes: { 'crm.contacts': 'own' },
  })
}

test.group('Mail pages: attachments, thread and flags', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('attachments download through the documents route; inline images map to theirs', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const [id] = await capture(org, owner.id, [WITH_FILES])
    const page = await client.get(`/mail/messages/${id}`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const { attachments, body } = page.inertiaProps.message
    assert.deepEqual(
      attachments.map((a: any) => [a.filename, a.contentType]),
      [['tarifa.pdf', 'application/pdf']]
    )
    assert.match(attachments[0].href, /^\/documents\/\d+\/download$/)
    assert.include(body.html, 'data-cid="logo@cliente-a.es"')
    assert.match(body.inline['logo@cliente-a.es'], /^\/documents\/\d+\/download$/)

    const file = await client.get(attachments[0].href).loginAs(owner)
    file.assertStatus(200)
    const stranger = await reader(org)
    const refused = await client.get(attachments[0].href).loginAs(stranger)
    assert.oneOf(refused.status(), [403, 404])
  })

  test('the thread lists the other messages the reader may open', async ({ client, assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const [first, reply] = await capture(org, owner.id, [
      eml({ messageId: 'q1@cliente-a.es', subject: 'Presupuesto' }),
      eml({
        messageId: 'q2@cliente-a.es',
        subject: 'RE: Presupuesto',
        inReplyTo: 'q1@cliente-a.es',
        date: 'Wed, 02 Dec 2026 10:00:00 +0100',
      }),
    ])
    const page = await client.get(`/mail/messages/${reply}`).loginAs(owner).withInertia()
    page.assertStatus(200)
    assert.deepEqual(
      page.inertiaProps.message.thread.map((m: any) => [m.id, m.subject]),
      [[first, 'Presupuesto']]
    )
  })

  test('spam and unreadable mail say so (seen by whoever triages mail)', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await reader(org)
    const triage = await reader(org, ['mail.messages.manage'])
    const [spam, raw, huge] = await capture(org, owner.id, [
      eml({ messageId: 'sp@cliente-a.es', headers: { 'X-Spam-Flag': 'YES' } }),
      Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 7]),
      // A header past mailparser's 1 MB limit: it throws (EMAXLEN, in English).
      eml({ messageId: 'big@cliente-a.es', headers: { 'X-Relleno': 'a'.repeat(1100 * 1024) } }),
    ])
    const spamPage = await client.get(`/mail/messages/${spam}`).loginAs(triage).withInertia()
    spamPage.assertStatus(200)
    assert.isNotNull(spamPage.inertiaProps.message.spam)
    assert.deepEqual(spamPage.inertiaProps.message.links, [])
    const notMine = await client.get(`/mail/messages/${spam}`).loginAs(owner).withInertia()
    notMine.assertStatus(404)

    const rawPage = await client.get(`/mail/messages/${raw}`).loginAs(triage).withInertia()
    rawPage.assertStatus(200)
    // Why, as a code the page translates; no words of mailparser's to show for a headerless file.
    assert.deepEqual(rawPage.inertiaProps.message.unreadable, { code: 'no_headers', detail: null })
    assert.deepEqual(
      rawPage.inertiaProps.message.attachments.map((a: any) => a.filename),
      ['mensaje-original.eml']
    )
    const hugePage = await client.get(`/mail/messages/${huge}`).loginAs(triage).withInertia()
    assert.deepEqual(hugePage.inertiaProps.message.unreadable, {
      code: 'too_complex',
      detail: 'Max header size for a MIME node exceeded',
    })
    // Each code reads in both languages (the raw reason stays as the detail).
    for (const code of ['no_headers', 'too_complex', 'malformed']) {
      const key = `mail.message.parse_errors.${code}`
      const [es, en] = ['es', 'en'].map((l) => i18nManager.locale(l).t(key))
      assert.notInclude(es, 'translation missing', `${code} es`)
      assert.notInclude(en, 'translation missing', `${code} en`)
      assert.notEqual(es, en, code)
    }
  })
})
