import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { createOrganization } from '#tests/helpers/world'
import { eml } from '../mail_helpers.js'
import { capture, mailUser, write } from '../triage_helpers.js'
import { insertContactRow } from '#modules/crm/contracts/index'
import { messageActionsProps } from '../../triage/message_actions_props.js'

const json = (request: any, user: any) => request.loginAs(user).header('accept', 'application/json')

/* Personal folders (labels): own only, create/rename/delete, file/unfile, list a folder. */
test.group('Triage: personal folders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('create, rename, file and unfile, list and delete my folders', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'f1@x.es', from: 'a@x.es', subject: 'Uno' }),
      eml({
        messageId: 'f2@x.es',
        from: 'a@x.es',
        subject: 'Dos',
        date: 'Wed, 02 Dec 2026 09:00:00 +0000',
      }),
    ])
    const ana = await mailUser(org, ['view', 'edit', 'manage'])
    ;(await write(client.post('/mail/folders'), ana, { name: 'Pendientes' })).assertStatus(302)
    await write(client.post('/mail/folders'), ana, { name: 'Pendientes' })
    const [label] = await db.from('mail_labels').where('user_id', ana.id)
    assert.lengthOf(await db.from('mail_labels').where('user_id', ana.id), 1)
    await write(client.put(`/mail/folders/${label.id}`), ana, { name: 'Urgente' })
    for (const m of [m1, m2])
      await write(client.post(`/mail/folders/${label.id}/messages`), ana, {
        messageId: m.id,
        filed: true,
      })
    await write(client.post(`/mail/folders/${label.id}/messages`), ana, {
      messageId: m1.id,
      filed: true,
    })
    let body = (await json(client.get(`/mail/folders/${label.id}`), ana)).body()
    assert.equal(body.current.name, 'Urgente')
    assert.deepEqual(
      body.current.messages.map((m: any) => m.subject),
      ['Dos', 'Uno']
    )
    assert.deepEqual(body.labels, [{ id: label.id, name: 'Urgente', count: 2 }])
    await write(client.post(`/mail/folders/${label.id}/messages`), ana, {
      messageId: m2.id,
      filed: false,
    })
    body = (await json(client.get(`/mail/folders/${label.id}`), ana)).body()
    assert.deepEqual(
      body.current.messages.map((m: any) => m.subject),
      ['Uno']
    )
    const page = await client.get(`/mail/folders/${label.id}`).loginAs(ana).withInertia()
    page.assertInertiaComponent('mail/folders/index')
    await write(client.delete(`/mail/folders/${label.id}`), ana)
    assert.lengthOf(await db.from('mail_labels').where('user_id', ana.id), 0)
    assert.lengthOf(await db.from('mail_message_labels').where('label_id', label.id), 0)
  })

  test("another user's folder is not found; a message out of sight cannot be filed", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const [m1] = await capture(org.id, 'ventas', [eml({ messageId: 'g1@x.es', from: 'a@x.es' })])
    const ana = await mailUser(org, ['view', 'edit', 'manage'])
    const luis = await mailUser(org, ['view', 'edit'])
    await write(client.post('/mail/folders'), ana, { name: 'Mía' })
    await write(client.post('/mail/folders'), luis, { name: 'Suya' })
    const [mine] = await db.from('mail_labels').where('user_id', ana.id)
    const [his] = await db.from('mail_labels').where('user_id', luis.id)
    ;(await json(client.get(`/mail/folders/${mine.id}`), luis)).assertStatus(404)
    ;(await write(client.delete(`/mail/folders/${mine.id}`), luis)).assertStatus(404)
    ;(
      await write(client.post(`/mail/folders/${his.id}/messages`), luis, {
        messageId: m1.id,
        filed: true,
      })
    ).assertStatus(404)
    const reader = await mailUser(org, ['view'])
    ;(await write(client.post('/mail/folders'), reader, { name: 'X' })).assertStatus(403)
    assert.lengthOf(await db.from('mail_message_labels'), 0)
  })

  test('message actions props: labels with filed flags, assign only for manager or assignee', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const [m1] = await capture(org.id, 'ventas', [eml({ messageId: 'h1@x.es', from: 'a@x.es' })])
    const ana = await mailUser(org, ['view', 'edit', 'manage'])
    await write(client.post('/mail/folders'), ana, { name: 'A' })
    const [label] = await db.from('mail_labels').where('user_id', ana.id)
    await write(client.post(`/mail/folders/${label.id}/messages`), ana, {
      messageId: m1.id,
      filed: true,
    })
    const access = await AccessContext.forUser(ana)
    const props = await messageActionsProps(access, m1.id)
    assert.deepInclude(props, { messageId: m1.id, canEdit: true, canAssign: true, spam: false })
    assert.deepEqual(props.labels, [{ id: label.id, name: 'A', filed: true }])
    // «Crear contacto» while the sender is unknown, not once a contact has that address.
    assert.isTrue(props.canCreateContact)
    await insertContactRow(org.id, { firstName: 'A', lastName: 'X', email: 'a@x.es' })
    assert.isFalse((await messageActionsProps(access, m1.id)).canCreateContact)
  })
})
