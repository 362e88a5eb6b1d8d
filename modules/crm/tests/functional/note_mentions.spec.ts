import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { crmUser, insertCompany } from '../helpers.js'

const mention = (user: { id: number; fullName: string }) => `@[${user.fullName}](user:${user.id})`

async function post(client: any, user: any, path: string, body: string) {
  await client.post(`${path}/notes`).json({ body }).loginAs(user).withCsrfToken().redirects(0)
  const row = await db
    .from('timeline_events')
    .where({ kind: 'note', actor_id: user.id })
    .orderBy('id', 'desc')
    .firstOrFail()
  return Number(row.id)
}

const mentionsOf = (userId: number) =>
  db.from('notifications').where({ user_id: userId, kind: 'crm.mention' }).select('link')

test.group('Notes: mentions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a mention notifies the mentioned user once, never the author nor a user who cannot see the record', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const author = await crmUser(org, 'own', { fullName: 'Ana Pérez' } as any)
    const manager = await crmUser(org, 'all', { fullName: 'Marta Ruiz' } as any)
    const otherRep = await crmUser(org, 'own', { fullName: 'Luis Gómez' } as any)
    const noCrm = await createUser(org, {}, { fullName: 'Sin Permisos' } as any)
    const company = await insertCompany(org, { owner_id: author.id, name: 'Ferretería Sol' })
    const path = `/crm/companies/${company}`

    const body = `Hola ${mention(manager)}, ${mention(otherRep)} y ${mention(noCrm)}; yo ${mention(author)} ${mention(manager)}`
    const note = await post(client, author, path, body)

    const got = await mentionsOf(manager.id)
    assert.deepEqual(
      got.map((n) => n.link),
      [path]
    )
    const message = await db.from('notifications').where({ user_id: manager.id }).firstOrFail()
    assert.include(message.message_params, 'Ana Pérez')
    assert.include(message.message_params, 'Ferretería Sol')
    assert.lengthOf(await mentionsOf(author.id), 0, 'never the author')
    assert.lengthOf(await mentionsOf(otherRep.id), 0, 'out of scope: not told')
    assert.lengthOf(await mentionsOf(noCrm.id), 0, 'no view permission: not told')
    const stored = await db.from('timeline_events').where('id', note).firstOrFail()
    assert.equal(JSON.parse(stored.data).body, body, 'the note keeps its mentions')

    // Editing keeps the mention: no second notification; a newly mentioned user is told.
    const support = await crmUser(org, 'all', { fullName: 'Sara Soporte' } as any)
    const edit = await client
      .put(`${path}/notes/${note}`)
      .json({ body: `${body} y ${mention(support)}` })
      .loginAs(author)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    edit.assertStatus(303)
    assert.lengthOf(await mentionsOf(manager.id), 1, 'not notified twice on edit')
    assert.lengthOf(await mentionsOf(support.id), 1)
  })

  test('users of the organization are suggested for mentions, by any part of the name', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const me = await crmUser(org, 'own', { fullName: 'Ana Pérez' } as any)
    await crmUser(org, 'own', { fullName: 'José Núñez' } as any)
    await crmUser(other, 'own', { fullName: 'José Extraño' } as any)
    const response = await client.get('/users/mentionable?q=nunez').loginAs(me)
    response.assertStatus(200)
    assert.deepEqual(
      response.body().map((u: any) => u.name),
      ['José Núñez']
    )
    const all = await client.get('/users/mentionable?q=jos').loginAs(me)
    assert.notInclude(JSON.stringify(all.body()), 'Extraño')
  })
})
