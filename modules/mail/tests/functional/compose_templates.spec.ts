import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/world'
import { composeWorld } from '../compose_helpers.js'

test.group('Compose: templates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an administrator of mailboxes creates, edits and deletes templates; the compose page offers them', async ({
    client,
    assert,
  }) => {
    const w = await composeWorld('tpl')
    const admin = await createUser(w.org, { permissions: ['mail.mailboxes.configure'] })
    const created = await client
      .post('/mail/templates')
      .json({ name: 'Seguimiento', subject: 'Hola {{contacto.nombre}}', body: 'Un saludo' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    created.assertFlashMessage('success', 'Plantilla guardada')
    const row = await db.from('mail_templates').where('organization_id', w.org.id).firstOrFail()
    const taken = await client
      .post('/mail/templates')
      .json({ name: 'Seguimiento', subject: 'x', body: 'y' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    taken.assertFlashMessage('inputErrorsBag', { name: ['Ya hay una plantilla con ese nombre'] })
    await client
      .put(`/mail/templates/${row.id}`)
      .json({ name: 'Seguimiento', subject: 'Hola {{contact.first_name}}', body: 'Saludos' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const page = await client
      .get(`/mail/compose?record=crm.contact:${w.contact}`)
      .loginAs(w.rep)
      .withInertia()
    assert.deepEqual(
      page.inertiaProps.templates.map((tpl: any) => [tpl.name, tpl.subject]),
      [['Seguimiento', 'Hola {{contact.first_name}}']]
    )
    const list = await client.get('/mail/templates').loginAs(admin).withInertia()
    list.assertStatus(200)
    assert.lengthOf(list.inertiaProps.templates, 1)
    const rep = await client.get('/mail/templates').loginAs(w.rep)
    rep.assertStatus(403)
    await client.delete(`/mail/templates/${row.id}`).loginAs(admin).withCsrfToken().redirects(0)
    assert.lengthOf(await db.from('mail_templates').where('organization_id', w.org.id), 0)
  })
})
