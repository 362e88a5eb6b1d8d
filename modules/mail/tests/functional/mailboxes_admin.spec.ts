import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { insertCompanyRow } from '#modules/crm/contracts/index'
import { importArchive } from '../../archive/import.js'
import { openSecret } from '../../support/secrets.js'
import { eml, emlFolder, storedMessages } from '../mail_helpers.js'

/*
 * Correo › Buzones › Nuevo / Editar / Eliminar over HTTP: who may, validation, passwords
 * sealed and never sent to the page, and what deleting a mailbox removes.
 */

const SECRET = 'Contraseña-Muy-Secreta-42'

const admin = (org: any) =>
  createUser(org, { permissions: ['mail.mailboxes.view', 'mail.mailboxes.configure'] })

const write = (request: any, user: any, body: Record<string, unknown> = {}) =>
  request.loginAs(user).json(body).withCsrfToken().redirects(0)

const payload = (extra: Record<string, unknown> = {}) => ({
  name: 'ventas',
  address: 'ventas@cartera-demo.es',
  kind: 'shared',
  teamId: null,
  privacy: 'subject',
  enabled: true,
  imapHost: '127.0.0.1',
  imapPort: 993,
  imapSecurity: 'tls',
  imapUser: 'ventas',
  imapPassword: SECRET,
  folders: ['INBOX', 'Sent'],
  smtpHost: null,
  smtpPort: null,
  smtpSecurity: 'starttls',
  smtpUser: null,
  smtpPassword: null,
  ...extra,
})

const mailboxOf = (org: { id: number }, name = 'ventas') =>
  db.from('mail_mailboxes').where({ organization_id: org.id, name }).first()

test.group('Mailboxes admin: create, edit, delete', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only mail.mailboxes.configure may open the forms, save, delete and test', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const viewer = await createUser(org, { permissions: ['mail.mailboxes.view'] })
    ;(await client.get('/mail/mailboxes/create').loginAs(viewer)).assertStatus(403)
    ;(await write(client.post('/mail/mailboxes'), viewer, payload())).assertStatus(403)
    const boss = await admin(org)
    ;(await write(client.post('/mail/mailboxes'), boss, payload())).assertStatus(302)
    const box = await mailboxOf(org)
    ;(await client.get(`/mail/mailboxes/${box.id}/edit`).loginAs(viewer)).assertStatus(403)
    ;(await write(client.put(`/mail/mailboxes/${box.id}`), viewer, payload())).assertStatus(403)
    ;(await write(client.delete(`/mail/mailboxes/${box.id}`), viewer)).assertStatus(403)
    const probe = { target: 'imap', host: '127.0.0.1', port: 1, security: 'none' }
    ;(await write(client.post('/mail/mailboxes/test'), viewer, probe)).assertStatus(403)
    // Another organization's configurer: the mailbox does not exist for them.
    const stranger = await admin(await createOrganization(['crm', 'mail']))
    ;(await client.get(`/mail/mailboxes/${box.id}/edit`).loginAs(stranger)).assertStatus(404)
    ;(await write(client.put(`/mail/mailboxes/${box.id}`), stranger, payload())).assertStatus(404)
    ;(await write(client.delete(`/mail/mailboxes/${box.id}`), stranger)).assertStatus(404)
    const withStored = { ...probe, mailboxId: box.id, target: 'imap' }
    ;(await write(client.post('/mail/mailboxes/test'), stranger, withStored)).assertStatus(404)
    assert.isOk(await mailboxOf(org))
  })

  test('creates a mailbox with its password sealed, and the page never receives it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const created = await write(
      client.post('/mail/mailboxes'),
      boss,
      payload({
        smtpHost: '127.0.0.1',
        smtpPort: 587,
        smtpUser: 'ventas',
        smtpPassword: 'smtp-clave',
      })
    )
    created.assertStatus(302)
    created.assertHeader('location', '/mail/mailboxes')
    const box = await mailboxOf(org)
    assert.deepInclude(box, { kind: 'shared', privacy: 'subject', imap_host: '127.0.0.1' })
    assert.deepEqual(JSON.parse(box.folders), ['INBOX', 'Sent'])
    assert.notInclude(box.imap_secret, SECRET)
    assert.notInclude(box.smtp_secret, 'smtp-clave')
    assert.equal(openSecret(box.imap_secret), SECRET)
    assert.equal(openSecret(box.smtp_secret), 'smtp-clave')
    const page = await client.get(`/mail/mailboxes/${box.id}/edit`).loginAs(boss).withInertia()
    page.assertStatus(200)
    const props = JSON.stringify(page.inertiaProps)
    assert.notInclude(props, SECRET)
    assert.notInclude(props, 'smtp-clave')
    assert.notInclude(props, box.imap_secret)
    assert.deepInclude(page.inertiaProps.mailbox, {
      name: 'ventas',
      imapPasswordStored: true,
      smtpPasswordStored: true,
      folders: ['INBOX', 'Sent'],
    })
    ;(await client.get('/mail/mailboxes/create').loginAs(boss).withInertia()).assertStatus(200)
  })

  test('a blank password keeps the stored one; a new one replaces it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    await write(client.post('/mail/mailboxes'), boss, payload())
    const box = await mailboxOf(org)
    const kept = await write(
      client.put(`/mail/mailboxes/${box.id}`),
      boss,
      payload({ imapPassword: null, privacy: 'metadata', folders: [] })
    )
    kept.assertStatus(302)
    let row = await mailboxOf(org)
    assert.equal(row.privacy, 'metadata')
    assert.equal(openSecret(row.imap_secret), SECRET)
    assert.deepEqual(JSON.parse(row.folders), ['INBOX'])
    await write(client.put(`/mail/mailboxes/${box.id}`), boss, payload({ imapPassword: 'nueva' }))
    row = await mailboxOf(org)
    assert.equal(openSecret(row.imap_secret), 'nueva')
  })

  test('validation: required fields, owner of a personal mailbox, password, unique name', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const json = (body: Record<string, unknown>) =>
      write(client.post('/mail/mailboxes'), boss, body).header('accept', 'application/json')
    const bad = await json(payload({ name: '', imapHost: 'imap://x/y', imapPort: 70000 }))
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['name', 'imapHost', 'imapPort'])
    const hostError = bad.body().errors.find((e: any) => e.field === 'imapHost')
    assert.equal(hostError.message, 'Escribe solo el nombre del servidor, como imap.midominio.es')
    const personal = await json(payload({ kind: 'personal', ownerUserId: null }))
    personal.assertStatus(422)
    assert.deepEqual(
      personal.body().errors.map((e: any) => e.field),
      ['ownerUserId']
    )
    const noPassword = await write(
      client.post('/mail/mailboxes'),
      boss,
      payload({ imapPassword: null })
    )
    noPassword.assertStatus(302)
    noPassword.assertFlashMessage('inputErrorsBag', {
      imapPassword: ['Escribe la contraseña del buzón'],
    })
    assert.isNull(await mailboxOf(org))
    // Another organization's user as owner: 404, nothing saved.
    const stranger = await createUser(await createOrganization(['crm', 'mail']))
    const foreign = await write(
      client.post('/mail/mailboxes'),
      boss,
      payload({ kind: 'personal', ownerUserId: stranger.id })
    )
    foreign.assertStatus(404)
    await write(client.post('/mail/mailboxes'), boss, payload())
    const twice = await write(client.post('/mail/mailboxes'), boss, payload())
    twice.assertFlashMessage('inputErrorsBag', { name: ['Ya hay un buzón con ese nombre'] })
    // An archive mailbox needs no server.
    const archive = await write(
      client.post('/mail/mailboxes'),
      boss,
      payload({
        name: 'histórico',
        kind: 'archive',
        imapHost: null,
        imapUser: null,
        imapPassword: null,
      })
    )
    archive.assertStatus(302)
    const row = await mailboxOf(org, 'histórico')
    assert.deepInclude(row, { kind: 'archive', imap_host: null, imap_secret: null })
  })

  test('deleting removes folders and ledger; mail another mailbox holds stays', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const boss = await admin(org)
    const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
    const shared = eml({ messageId: 'both@cliente-a.es' })
    const only = eml({ messageId: 'only@cliente-a.es', subject: 'Solo aquí' })
    await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([shared, only]),
    })
    await importArchive({ organizationId: org.id, mailbox: 'ana', path: await emlFolder([shared]) })
    const box = await mailboxOf(org)
    const removed = await write(client.delete(`/mail/mailboxes/${box.id}`), boss)
    removed.assertStatus(302)
    removed.assertHeader('location', '/mail/mailboxes')
    assert.isNull(await mailboxOf(org))
    assert.lengthOf(await db.from('mail_folders').where('mailbox_id', box.id), 0)
    assert.lengthOf(await db.from('mail_intake').where('mailbox_id', box.id), 0)
    const left = await storedMessages(org.id)
    assert.deepEqual(
      left.map((m) => m.message_id),
      ['both@cliente-a.es']
    )
    assert.isOk(await mailboxOf(org, 'ana'))
    // The company's history keeps the mail that stays, and forgets the one removed.
    const entries = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.company', subject_id: company })
      .where('kind', 'mail.received')
    assert.deepEqual(
      entries.map((e) => JSON.parse(e.data).messageId),
      [left[0].id]
    )
  })
})
