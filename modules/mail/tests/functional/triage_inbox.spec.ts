import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { insertCompanyRow } from '#modules/crm/contracts/index'
import { eml, linksOf } from '../mail_helpers.js'
import { capture, mailEntries, mailUser, write } from '../triage_helpers.js'

const json = (request: any, user: any) => request.loginAs(user).header('accept', 'application/json')

/*
 * The triage inbox (GET /mail/triage): unlinked, non-spam mail from the mailboxes the user may
 * see, newest first, keyset paged; and its actions: spam, contact from the sender.
 */
test.group('Triage: inbox', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists unlinked mail newest first, without spam or linked mail, paged by keyset', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
    const mails = Array.from({ length: 27 }, (_, i) =>
      eml({
        messageId: `tr${i}@desconocido.es`,
        from: `p${i}@desconocido.es`,
        subject: `Hola ${i}`,
        date: `Tue, 01 Dec 2026 ${String(10 + Math.floor(i / 4)).padStart(2, '0')}:00:00 +0000`,
      })
    )
    mails.push(eml({ messageId: 'linked@cliente-a.es', from: 'x@cliente-a.es' }))
    mails.push(eml({ messageId: 'spam@s.es', from: 'y@s.es', headers: { 'X-Spam-Flag': 'YES' } }))
    await capture(org.id, 'ventas', mails)
    const boss = await mailUser(org, ['view', 'manage'])
    const first = await json(client.get('/mail/triage'), boss)
    first.assertStatus(200)
    const page1 = first.body()
    assert.lengthOf(page1.messages, 25)
    assert.equal(page1.messages[0].subject, 'Hola 26')
    assert.isNotNull(page1.nextBefore)
    const page2 = (await json(client.get(`/mail/triage?before=${page1.nextBefore}`), boss)).body()
    assert.deepEqual(
      page2.messages.map((m: any) => m.subject),
      ['Hola 1', 'Hola 0']
    )
    assert.isNull(page2.nextBefore)
    const subjects = [...page1.messages, ...page2.messages].map((m: any) => m.subject)
    assert.notInclude(subjects, 'Consulta de precios')
  })

  test('without manage: the shared mailboxes of my teams and my own personal one', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const ana = await mailUser(org, ['view'])
    const team = await createTeam(org, null, [ana])
    await capture(org.id, 'ventas', [
      eml({ messageId: 'v@x.es', from: 'a@x.es', subject: 'Ventas' }),
    ])
    await capture(org.id, 'soporte', [
      eml({ messageId: 's@x.es', from: 'a@x.es', subject: 'Soporte' }),
    ])
    await capture(org.id, 'ana', [eml({ messageId: 'p@x.es', from: 'a@x.es', subject: 'Mío' })])
    await db.from('mail_mailboxes').where({ organization_id: org.id, name: 'ventas' }).update({
      kind: 'shared',
      team_id: team.id,
    })
    await db.from('mail_mailboxes').where({ organization_id: org.id, name: 'ana' }).update({
      kind: 'personal',
      owner_user_id: ana.id,
    })
    const body = (await json(client.get('/mail/triage'), ana)).body()
    assert.deepEqual(body.messages.map((m: any) => m.subject).sort(), ['Mío', 'Ventas'])
    const outsider = await createOrganization(['crm', 'mail'])
    const stranger = await mailUser(outsider, ['view', 'manage'])
    assert.lengthOf((await json(client.get('/mail/triage'), stranger)).body().messages, 0)
    const nobody = await mailUser(org, [])
    ;(await client.get('/mail/triage').loginAs(nobody)).assertStatus(403)
  })

  test('the page renders with its actions for a manager', async ({ client }) => {
    const org = await createOrganization(['crm', 'mail'])
    await capture(org.id, 'ventas', [eml({ messageId: 'pg@x.es', from: 'a@x.es' })])
    const boss = await mailUser(org, ['view', 'edit', 'manage'])
    const page = await client.get('/mail/triage').loginAs(boss).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('mail/triage/index')
  })

  test('spam takes a message out of triage and off timelines; a contact from the sender links it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
    const [m1, m2] = await capture(org.id, 'ventas', [
      eml({ messageId: 'sp@cliente-a.es', from: 'x@cliente-a.es' }),
      eml({ messageId: 'nc@nuevo.es', from: 'Marta Ruiz <marta@nuevo.es>' }),
    ])
    const user = await mailUser(org, ['view', 'edit', 'manage'])
    await write(client.post(`/mail/messages/${m1.id}/spam`), user, { spam: true })
    assert.deepEqual(await linksOf(m1.id), [])
    assert.notInclude(await mailEntries(org.id), `crm.company:${company}:${m1.id}`)
    const created = await write(client.post(`/mail/messages/${m2.id}/contact`), user, {
      firstName: 'Marta',
      lastName: 'Ruiz',
    })
    created.assertStatus(302)
    const [link] = await db.from('mail_message_links').where('message_id', m2.id)
    assert.equal(link.record_type, 'crm.contact')
    assert.equal(link.reason, 'manual')
    const body = (await json(client.get('/mail/triage'), user)).body()
    assert.lengthOf(body.messages, 0)
  })
})
