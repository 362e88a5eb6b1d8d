import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertCompanyRow, insertContactRow } from '#modules/crm/contracts/index'
import { eml, linksOf, storedMessages } from '../mail_helpers.js'
import { capture, mailEntries, mailUser, write } from '../triage_helpers.js'

/*
 * Moving a captured message or its thread to another record (POST /mail/messages/:id/move) and
 * handing it to another user (POST /mail/messages/:id/assign).
 */
test.group('Triage: move and assign', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a thread moves to a contact, its timeline entries follow, and a later reply lands there', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
    const luis = await insertContactRow(org.id, { firstName: 'Luis', lastName: 'Pérez' })
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'mv1@cliente-a.es', from: 'otro@cliente-a.es' }),
      eml({
        messageId: 'mv2@cliente-a.es',
        from: 'otro@cliente-a.es',
        inReplyTo: 'mv1@cliente-a.es',
      }),
    ])
    assert.deepEqual(await linksOf(m1.id), [`crm.company:${company}:domain`])
    const user = await mailUser(org, ['view', 'edit', 'manage'])
    const response = await write(client.post(`/mail/messages/${m1.id}/move`), user, {
      record: `crm.contact:${luis}`,
      scope: 'thread',
    })
    response.assertStatus(302)
    assert.deepEqual(await linksOf(m1.id), [`crm.contact:${luis}:manual`])
    assert.deepEqual(await linksOf(m2.id), [`crm.contact:${luis}:manual`])
    const [link] = await db.from('mail_message_links').where('message_id', m1.id)
    assert.equal(Number(link.linked_by), user.id)
    assert.deepEqual(await mailEntries(org.id), [
      `crm.contact:${luis}:${m1.id}`,
      `crm.contact:${luis}:${m2.id}`,
    ])
    const [thread] = await db.from('mail_threads').where('id', m1.thread_id)
    assert.deepInclude(thread, { record_type: 'crm.contact', moved_by: user.id })
    const all = await capture(org.id, 'ventas', [
      eml({
        messageId: 'mv3@cliente-a.es',
        from: 'otro@cliente-a.es',
        subject: 'Otro asunto',
        references: '<mv1@cliente-a.es> <mv2@cliente-a.es>',
      }),
    ])
    const reply = all[all.length - 1]
    assert.include(await linksOf(reply.id), `crm.contact:${luis}:thread`)
  })

  test('scope message moves one message only', async ({ client, assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const luis = await insertContactRow(org.id, { firstName: 'Luis', lastName: 'Pérez' })
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'o1@x.es', from: 'a@desconocido.es' }),
      eml({ messageId: 'o2@x.es', from: 'a@desconocido.es', inReplyTo: 'o1@x.es' }),
    ])
    const user = await mailUser(org, ['view', 'edit', 'manage'])
    await write(client.post(`/mail/messages/${m2.id}/move`), user, {
      record: `crm.contact:${luis}`,
      scope: 'message',
    })
    assert.deepEqual(await linksOf(m2.id), [`crm.contact:${luis}:manual`])
    assert.deepEqual(await linksOf(m1.id), [])
  })

  test('refused: without edit, a message out of sight, a record out of scope', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const luis = await insertContactRow(org.id, { firstName: 'Luis', lastName: 'Pérez' })
    const [m1] = await capture(org.id, 'ventas', [eml({ messageId: 'r1@x.es', from: 'a@b.es' })])
    const body = { record: `crm.contact:${luis}` }
    const reader = await mailUser(org, ['view'])
    ;(await write(client.post(`/mail/messages/${m1.id}/move`), reader, body)).assertStatus(403)
    const outsider = await mailUser(org, ['view', 'edit'])
    ;(await write(client.post(`/mail/messages/${m1.id}/move`), outsider, body)).assertStatus(404)
    const narrow = await mailUser(org, ['view', 'edit', 'manage'], 'own')
    const refused = await write(client.post(`/mail/messages/${m1.id}/move`), narrow, body)
    refused.assertStatus(302)
    ;(
      await write(client.post(`/mail/messages/${m1.id}/move`), narrow, { record: 'x:1' })
    ).assertStatus(302)
    assert.deepEqual(await linksOf(m1.id), [])
    const other = await createOrganization(['crm', 'mail'])
    const stranger = await mailUser(other, ['view', 'edit', 'manage'])
    ;(await write(client.post(`/mail/messages/${m1.id}/move`), stranger, body)).assertStatus(404)
  })

  test('assign: a manager or the current assignee hands it over; the new one is notified', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const [m1] = await capture(org.id, 'ventas', [eml({ messageId: 'as1@x.es', from: 'a@b.es' })])
    const boss = await mailUser(org, ['view', 'manage'])
    const ana = await mailUser(org, ['view'])
    const luis = await mailUser(org, ['view'])
    ;(
      await write(client.post(`/mail/messages/${m1.id}/assign`), ana, { userId: ana.id })
    ).assertStatus(404)
    ;(
      await write(client.post(`/mail/messages/${m1.id}/assign`), boss, { userId: ana.id })
    ).assertStatus(302)
    let [row] = await storedMessages(org.id)
    assert.equal(Number(row.assigned_user_id), ana.id)
    const [note] = await db.from('notifications').where({ user_id: ana.id, kind: 'mail.assigned' })
    assert.equal(note.link, `/mail/messages/${m1.id}`)
    ;(
      await write(client.post(`/mail/messages/${m1.id}/assign`), ana, { userId: luis.id })
    ).assertStatus(302)
    ;[row] = await storedMessages(org.id)
    assert.equal(Number(row.assigned_user_id), luis.id)
    ;(
      await write(client.post(`/mail/messages/${m1.id}/assign`), ana, { userId: ana.id })
    ).assertStatus(404)
    const other = await createOrganization(['crm'])
    const stranger = await mailUser(other, [])
    await write(client.post(`/mail/messages/${m1.id}/assign`), boss, { userId: stranger.id })
    ;[row] = await storedMessages(org.id)
    assert.equal(Number(row.assigned_user_id), luis.id)
  })
})
