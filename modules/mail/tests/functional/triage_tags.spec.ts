import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { eml } from '../mail_helpers.js'
import { capture, mailUser } from '../triage_helpers.js'

const json = (request: any, user: any) => request.loginAs(user).header('accept', 'application/json')

async function tag(organizationId: number, messageId: number, tags: string[]) {
  await db
    .table('mail_message_tags')
    .multiInsert(
      tags.map((t) => ({ organization_id: organizationId, message_id: messageId, tag: t }))
    )
}

/*
 * Rule tags in the triage inbox and on the message page, the tag filter, and the list's
 * visibility and content level computed in its one query (the rules of access/visibility.ts).
 */
test.group('Triage: tags and visibility', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('tags show as stored on triage rows and the message page; the list filters by tag', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const [m1, m2, m3] = await capture(org.id, 'ventas', [
      eml({
        messageId: 'tg1@x.es',
        from: 'a@x.es',
        subject: 'Factura 1',
        date: 'Tue, 01 Dec 2026 10:00:00 +0000',
      }),
      eml({
        messageId: 'tg2@x.es',
        from: 'b@x.es',
        subject: 'Boletín',
        date: 'Tue, 01 Dec 2026 11:00:00 +0000',
      }),
      eml({
        messageId: 'tg3@x.es',
        from: 'c@x.es',
        subject: 'Otro',
        date: 'Tue, 01 Dec 2026 12:00:00 +0000',
      }),
    ])
    await tag(org.id, m1.id, ['factura', 'urgente'])
    await tag(org.id, m2.id, ['boletín'])
    const boss = await mailUser(org, ['view', 'edit', 'manage'])

    const all = (await json(client.get('/mail/triage'), boss)).body()
    assert.deepEqual(all.tags, ['boletín', 'factura', 'urgente'])
    assert.isNull(all.tag)
    assert.deepEqual(
      all.messages.map((m: any) => [m.subject, m.tags]),
      [
        ['Otro', []],
        ['Boletín', ['boletín']],
        ['Factura 1', ['factura', 'urgente']],
      ]
    )
    const filtered = (await json(client.get('/mail/triage?tag=factura'), boss)).body()
    assert.equal(filtered.tag, 'factura')
    assert.deepEqual(
      filtered.messages.map((m: any) => m.id),
      [m1.id]
    )
    const none = (await json(client.get('/mail/triage?tag=nada'), boss)).body()
    assert.lengthOf(none.messages, 0)

    const page = await client.get(`/mail/messages/${m1.id}`).loginAs(boss).withInertia()
    page.assertStatus(200)
    assert.deepEqual(page.inertiaProps.message.tags, ['factura', 'urgente'])
    const plain = await client.get(`/mail/messages/${m3.id}`).loginAs(boss).withInertia()
    assert.deepEqual(plain.inertiaProps.message.tags, [])
    const rendered = await client.get('/mail/triage?tag=boletín').loginAs(boss).withInertia()
    rendered.assertInertiaComponent('mail/triage/index')
    assert.deepEqual(
      rendered.inertiaProps.messages.map((m: any) => m.tags),
      [['boletín']]
    )
  })

  test('one query decides what each reader sees: private mailboxes stay private, levels hold', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const ana = await mailUser(org, ['view'])
    const luis = await mailUser(org, ['view'])
    const team = await createTeam(org, null, [ana])
    await capture(org.id, 'ventas', [
      eml({ messageId: 'lv1@x.es', from: 'a@x.es', subject: 'Ventas', body: 'Cuerpo ventas' }),
    ])
    await capture(org.id, 'ana', [
      eml({ messageId: 'lv2@x.es', from: 'a@x.es', subject: 'Mío', body: 'Cuerpo mío' }),
    ])
    await capture(org.id, 'luis', [
      eml({ messageId: 'lv3@x.es', from: 'a@x.es', subject: 'Privado de Luis' }),
      eml({ messageId: 'lv4@x.es', from: 'a@x.es', subject: 'Para Ana' }),
    ])
    const mailbox = (name: string) =>
      db.from('mail_mailboxes').where({ organization_id: org.id, name })
    await mailbox('ventas').update({ kind: 'shared', team_id: team.id, privacy: 'subject' })
    await mailbox('ana').update({ kind: 'personal', owner_user_id: ana.id, privacy: 'metadata' })
    await mailbox('luis').update({ kind: 'personal', owner_user_id: luis.id, privacy: 'metadata' })
    // Luis hands one of his mails to Ana: she sees it (metadata only, his mailbox's privacy).
    await db
      .from('mail_messages')
      .where({ organization_id: org.id, message_id: 'lv4@x.es' })
      .update({ assigned_user_id: ana.id })

    const body = (await json(client.get('/mail/triage'), ana)).body()
    const seen = Object.fromEntries(
      body.messages.map((m: any) => [m.fromAddress + ':' + (m.subject ?? '-'), m.snippet])
    )
    assert.sameMembers(Object.keys(seen), ['a@x.es:Ventas', 'a@x.es:Mío', 'a@x.es:-'])
    assert.isNull(seen['a@x.es:Ventas'])
    assert.include(seen['a@x.es:Mío'], 'Cuerpo mío')
    assert.notInclude(JSON.stringify(body), 'Privado de Luis')

    // The list's levels agree with the message page's (access/visibility.ts).
    for (const m of body.messages) {
      const page = await client.get(`/mail/messages/${m.id}`).loginAs(ana).withInertia()
      page.assertStatus(200)
      assert.equal(page.inertiaProps.message.subject, m.subject)
    }
    const theirs = (await json(client.get('/mail/triage'), luis)).body()
    assert.sameMembers(
      theirs.messages.map((m: any) => m.subject),
      ['Privado de Luis', 'Para Ana']
    )
  })

  test('the list costs the same few queries for 3 rows or 25 (no check per row)', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const ana = await mailUser(org, ['view'])
    const team = await createTeam(org, null, [ana])
    const mails = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) =>
        eml({ messageId: `${prefix}${i}@x.es`, from: `p${i}@x.es`, subject: `${prefix} ${i}` })
      )
    await capture(org.id, 'ventas', mails(3, 'a'))
    await db
      .from('mail_mailboxes')
      .where({ organization_id: org.id, name: 'ventas' })
      .update({ kind: 'shared', team_id: team.id })
    const knex = db.connection().getWriteClient()
    const count = async () => {
      let queries = 0
      const listener = (q: { sql: string }) => {
        if (/mail_/.test(q.sql)) queries++
      }
      knex.on('query', listener)
      try {
        const body = (await json(client.get('/mail/triage'), ana)).body()
        return { queries, rows: body.messages.length }
      } finally {
        knex.off('query', listener)
      }
    }
    const few = await count()
    assert.equal(few.rows, 3)
    await capture(org.id, 'ventas', mails(30, 'b'))
    const many = await count()
    assert.equal(many.rows, 25)
    assert.isAbove(few.queries, 0)
    assert.equal(many.queries, few.queries)
  })
})
