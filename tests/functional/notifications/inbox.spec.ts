import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { notify } from '#app/notifications/notify'
import { UnregisteredNotificationKindError } from '#app/notifications/kinds'

const message = (title: string) => ({
  key: 'ejemplo.notifications.nota_creada_message',
  params: { author: 'Ana', title },
})

test.group('Notifications: the bell, the page, marking read', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('notify → listed newest first with the unread count, in the reader language', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org, {}, { locale: 'es' })
    const bob = await createUser(org, {}, { locale: 'en' })
    const ids = await notify({
      organizationId: org.id,
      recipients: [ana.id, bob.id, ana.id],
      kind: 'ejemplo.nota_creada',
      message: message('Oferta'),
      link: '/sonda/items',
    })
    assert.lengthOf(ids, 2, 'one per recipient, duplicates dropped')
    await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: message('Segunda'),
    })

    const summary = await client.get('/notifications/summary').loginAs(ana)
    summary.assertStatus(200)
    assert.equal(summary.body().unread, 2)
    assert.deepEqual(
      summary.body().items.map((i: any) => i.message),
      ['Ana ha creado la nota «Segunda»', 'Ana ha creado la nota «Oferta»']
    )
    const english = await client.get('/notifications/summary').loginAs(bob)
    assert.equal(english.body().unread, 1)
    assert.equal(english.body().items[0].message, 'Ana created the note “Oferta”')

    const page = await client.get('/notifications').loginAs(ana).withInertia()
    page.assertInertiaComponent('notifications/index')
    assert.lengthOf(page.inertiaProps.page.items, 2)
    assert.equal(page.inertiaProps.unread, 2)
  })

  test('the page pages 20 at a time with ?before=, and filters unread', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org)
    for (let i = 1; i <= 23; i++)
      await notify({
        organizationId: org.id,
        recipients: [ana.id],
        kind: 'ejemplo.nota_creada',
        message: message(`N${i}`),
      })
    const first = await client.get('/notifications').loginAs(ana).withInertia()
    const props = first.inertiaProps.page
    assert.lengthOf(props.items, 20)
    assert.isNumber(props.next)
    const second = await client
      .get(`/notifications?before=${props.next}`)
      .loginAs(ana)
      .withInertia()
    assert.deepEqual(
      second.inertiaProps.page.items.map((i: any) => i.message.match(/N\d+/)[0]),
      ['N3', 'N2', 'N1']
    )
    assert.isNull(second.inertiaProps.page.next)

    await client.post(`/notifications/${props.items[0].id}/read`).loginAs(ana).withCsrfToken()
    const unread = await client.get('/notifications?unread=1').loginAs(ana).withInertia()
    assert.equal(unread.inertiaProps.unread, 22)
    assert.notInclude(
      unread.inertiaProps.page.items.map((i: any) => i.id),
      props.items[0].id
    )
  })

  test('mark one read, open one (marks it read and follows its link), mark all read', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org)
    const [first] = await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: message('A'),
      link: '/profile',
    })
    const [second] = await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: message('B'),
    })
    await notify({
      organizationId: org.id,
      recipients: [ana.id],
      kind: 'ejemplo.nota_creada',
      message: message('C'),
    })

    const read = await client.post(`/notifications/${second}/read`).loginAs(ana).withCsrfToken()
    read.assertStatus(200)
    assert.equal(read.body().unread, 2)

    const open = await client.get(`/notifications/${first}/open`).loginAs(ana).redirects(0)
    open.assertStatus(302)
    open.assertHeader('location', '/profile')
    const row = await db.from('notifications').where('id', first).first()
    assert.isNotNull(row.read_at)

    const all = await client.post('/notifications/read-all').loginAs(ana).withCsrfToken()
    assert.equal(all.body().unread, 0)
    const summary = await client.get('/notifications/summary').loginAs(ana)
    assert.equal(summary.body().unread, 0)
    assert.isTrue(summary.body().items.every((i: any) => i.read))
  })

  test('nobody reads, opens or marks another user notifications', async ({ client, assert }) => {
    const org = await createOrganization()
    const other = await createOrganization()
    const ana = await createUser(org)
    const eva = await createUser(org)
    const outsider = await createUser(other)
    const [id] = await notify({
      organizationId: org.id,
      recipients: [ana.id, outsider.id],
      kind: 'ejemplo.nota_creada',
      message: message('Privada'),
      link: '/profile',
    })
    assert.equal(
      await db
        .from('notifications')
        .where('user_id', outsider.id)
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      0,
      'a user of another organization is not a recipient'
    )

    const summary = await client.get('/notifications/summary').loginAs(eva)
    assert.equal(summary.body().unread, 0)
    assert.lengthOf(summary.body().items, 0)
    ;(await client.post(`/notifications/${id}/read`).loginAs(eva).withCsrfToken()).assertStatus(404)
    ;(await client.get(`/notifications/${id}/open`).loginAs(eva).redirects(0)).assertStatus(404)
    await client.post('/notifications/read-all').loginAs(eva).withCsrfToken()
    const row = await db.from('notifications').where('id', id).first()
    assert.isNull(row.read_at, 'still unread for its owner')

    ;(await client.get('/notifications/summary').redirects(0)).assertStatus(302)
  })

  test('an unregistered kind throws; a link must be a path of this site', async ({ assert }) => {
    const org = await createOrganization()
    const ana = await createUser(org)
    await assert.rejects(
      () =>
        notify({
          organizationId: org.id,
          recipients: [ana.id],
          kind: 'ejemplo.no_existe',
          message: message('X'),
        }),
      UnregisteredNotificationKindError as any
    )
    await assert.rejects(
      () =>
        notify({
          organizationId: org.id,
          recipients: [ana.id],
          kind: 'ejemplo.nota_creada',
          message: message('X'),
          link: 'https://evil.example/',
        }),
      /path of this site/
    )
  })

  test('with the caller transaction: written inside it, nothing left when it rolls back', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(org)
    await db
      .transaction(async (trx) => {
        await notify(
          {
            organizationId: org.id,
            recipients: [ana.id],
            kind: 'ejemplo.nota_creada',
            message: message('Perdida'),
          },
          { trx }
        )
        throw new Error('rolled back')
      })
      .catch(() => {})
    const rows = await db.from('notifications').where('user_id', ana.id)
    assert.lengthOf(rows, 0)

    await db.transaction(async (trx) => {
      await notify(
        {
          organizationId: org.id,
          recipients: [ana.id],
          kind: 'ejemplo.nota_creada',
          message: message('Guardada'),
        },
        { trx }
      )
    })
    assert.lengthOf(await db.from('notifications').where('user_id', ana.id), 1)
  })
})
