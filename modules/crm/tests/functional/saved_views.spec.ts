import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { crmUser, insertCompany } from '../helpers.js'

const RESOURCE = 'crm.companies'

async function roleOf(user: User): Promise<number> {
  return Number((await db.from('user_roles').where('user_id', user.id).firstOrFail()).role_id)
}

function save(client: ApiClient, user: User, body: Record<string, unknown>) {
  return client
    .post('/views')
    .json({ resource: RESOURCE, ...body })
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()
}

async function seen(client: ApiClient, user: User, resource = RESOURCE): Promise<string[]> {
  const response = await client
    .get(`/views?resource=${resource}`)
    .header('accept', 'application/json')
    .loginAs(user)
  response.assertStatus(200)
  return response.body().views.map((v: any) => v.name)
}

test.group('Saved views', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("private views are their owner's; shared ones reach the roles and teams chosen", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const bea = await crmUser(org, 'own')
    const carlos = await crmUser(org, 'own')
    const dora = await crmUser(org, 'own')
    const team = await createTeam(org, null, [dora])

    ;(await save(client, ana, { name: 'Mías', state: 'type=cliente' })).assertStatus(201)
    const toRole = await save(client, ana, {
      name: 'Para Bea',
      state: 'province=Madrid',
      visibility: 'shared',
      roles: [await roleOf(bea)],
    })
    toRole.assertStatus(201)
    assert.equal(toRole.body().view.visibility, 'shared')
    assert.deepEqual(toRole.body().view.roles, [await roleOf(bea)])
    ;(
      await save(client, ana, {
        name: 'Para el equipo',
        visibility: 'shared',
        teams: [team.id],
      })
    ).assertStatus(201)
    ;(await save(client, ana, { name: 'Para todos', visibility: 'shared' })).assertStatus(201)

    assert.deepEqual(await seen(client, ana), ['Mías', 'Para Bea', 'Para el equipo', 'Para todos'])
    assert.deepEqual(await seen(client, bea), ['Para Bea', 'Para todos'])
    assert.deepEqual(await seen(client, carlos), ['Para todos'])
    assert.deepEqual(await seen(client, dora), ['Para el equipo', 'Para todos'])

    // Made private again: Bea no longer sees it.
    const id = toRole.body().view.id
    const unshare = await client
      .put(`/views/${id}`)
      .json({ visibility: 'private' })
      .header('accept', 'application/json')
      .loginAs(ana)
      .withCsrfToken()
    unshare.assertStatus(200)
    assert.deepEqual(await seen(client, bea), ['Para todos'])
    assert.equal(
      await db
        .from('saved_view_shares')
        .where('view_id', id)
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      0
    )
  })

  test('only the owner changes or deletes a view; an administrator manages shared ones', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const bea = await crmUser(org, 'all')
    const admin = await createUser(org, { isAdmin: true })
    const shared = (await save(client, ana, { name: 'Compartida', visibility: 'shared' })).body()
      .view.id
    const mine = (await save(client, ana, { name: 'Privada' })).body().view.id

    const put = (user: User, id: number, body: object) =>
      client
        .put(`/views/${id}`)
        .json(body)
        .header('accept', 'application/json')
        .loginAs(user)
        .withCsrfToken()
    const del = (user: User, id: number) =>
      client
        .delete(`/views/${id}`)
        .header('accept', 'application/json')
        .loginAs(user)
        .withCsrfToken()

    ;(await put(bea, shared, { name: 'Robada' })).assertStatus(403)
    ;(await del(bea, shared)).assertStatus(403)
    // A private view of someone else looks missing.
    ;(await put(bea, mine, { name: 'Robada' })).assertStatus(404)
    ;(await del(bea, mine)).assertStatus(404)
    ;(await put(admin, mine, { name: 'Robada' })).assertStatus(404)

    const renamed = await put(ana, mine, { name: 'Renombrada', state: 'q=ferret&type=cliente' })
    renamed.assertStatus(200)
    assert.equal(renamed.body().view.name, 'Renombrada')
    assert.equal(renamed.body().view.state, 'q=ferret&type=cliente')

    ;(await put(admin, shared, { name: 'Del administrador' })).assertStatus(200)
    // Bea made it her default: deleting the view clears it.
    const setDefault = await client
      .put('/views/default')
      .json({ resource: RESOURCE, view: shared })
      .header('accept', 'application/json')
      .loginAs(bea)
      .withCsrfToken()
    setDefault.assertStatus(200)
    ;(await del(admin, shared)).assertStatus(200)
    assert.deepEqual(await seen(client, bea), [])
    assert.isNull(await db.from('saved_view_defaults').where('user_id', bea.id).first())
    ;(await del(ana, mine)).assertStatus(200)
    assert.deepEqual(await seen(client, ana), [])
  })

  test('a default per user opens the bare list at the view, and its URL reproduces the filters', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const bea = await crmUser(org, 'all')
    await insertCompany(org, { name: 'Cliente Madrid', type: 'cliente', industry: 'salud' })
    await insertCompany(org, { name: 'Proveedor Madrid', type: 'proveedor', industry: 'salud' })
    await insertCompany(org, { name: 'Cliente Sevilla', type: 'cliente', industry: 'energia' })

    // Saved from the list's query string: paging left out, keys in one order.
    const created = await save(client, ana, {
      name: 'Clientes de Madrid',
      state: '?type=cliente&industry=salud&cursor=abc&view=9',
      visibility: 'shared',
      default: true,
    })
    created.assertStatus(201)
    const view = created.body().view
    assert.equal(view.state, 'industry=salud&type=cliente')

    // `?view=<id>` alone: sent to the address that holds the whole state.
    const alone = await client.get(`/crm/companies?view=${view.id}`).loginAs(bea).redirects(0)
    alone.assertStatus(302)
    assert.equal(
      alone.header('location'),
      `/crm/companies?view=${view.id}&industry=salud&type=cliente`
    )
    const page = await client.get(alone.header('location')!).loginAs(bea).withInertia()
    const props = page.inertiaProps as any
    assert.equal(props.filters.type, 'cliente')
    assert.equal(props.filters.industry, 'salud')
    assert.deepEqual(
      props.companies.map((c: any) => c.name),
      ['Cliente Madrid']
    )
    assert.equal(props.currentViewId, view.id)
    // Bea has no default; Ana's default is hers alone.
    assert.isNull(props.defaultViewId)
    const bare = await client.get('/crm/companies').loginAs(bea).withInertia()
    assert.lengthOf((bare.inertiaProps as any).companies, 3)

    const fresh = await client.get('/crm/companies').loginAs(ana).redirects(0)
    fresh.assertStatus(302)
    assert.equal(
      fresh.header('location'),
      `/crm/companies?view=${view.id}&industry=salud&type=cliente`
    )
    // From the list itself ("quitar filtros"), the bare list stays bare; `?view=all` too.
    const cleared = await client
      .get('/crm/companies')
      .header('referer', 'http://localhost/crm/companies?view=1&type=cliente')
      .loginAs(ana)
      .withInertia()
    assert.lengthOf((cleared.inertiaProps as any).companies, 3)
    const all = await client.get('/crm/companies?view=all').loginAs(ana).withInertia()
    assert.isNull((all.inertiaProps as any).currentViewId)
    assert.equal((all.inertiaProps as any).defaultViewId, view.id)

    // Views belong to one list: a contacts view is a tab of the contacts list only.
    const contactsView = (
      await save(client, ana, { resource: 'crm.contacts', name: 'Contactos', state: 'q=ana' })
    ).body().view
    const contacts = await client.get('/crm/contacts?view=all').loginAs(ana).withInertia()
    assert.deepEqual(
      (contacts.inertiaProps as any).views.map((v: any) => v.id),
      [contactsView.id]
    )
    assert.notInclude(
      (all.inertiaProps as any).views.map((v: any) => v.id),
      contactsView.id
    )

    // Cleared: the bare list is the whole list again.
    ;(
      await client
        .put('/views/default')
        .json({ resource: RESOURCE, view: null })
        .header('accept', 'application/json')
        .loginAs(ana)
        .withCsrfToken()
    ).assertStatus(200)
    ;(await client.get('/crm/companies').loginAs(ana).redirects(0)).assertStatus(200)
  })

  test('views of another organization, or not shared with the user, are ignored, never a 500', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const outsider = await crmUser(other, 'all')
    const theirs = (
      await save(client, outsider, { name: 'Ajena', state: 'type=cliente', visibility: 'shared' })
    ).body().view.id
    assert.deepEqual(await seen(client, ana), [])
    const page = await client.get(`/crm/companies?view=${theirs}`).loginAs(ana).withInertia()
    page.assertStatus(200)
    assert.isNull((page.inertiaProps as any).currentViewId)
    assert.equal((page.inertiaProps as any).filters.type, '')
    ;(await client.get('/crm/companies?view=nope').loginAs(ana).withInertia()).assertStatus(200)
    const defaultTheirs = await client
      .put('/views/default')
      .json({ resource: RESOURCE, view: theirs })
      .header('accept', 'application/json')
      .loginAs(ana)
      .withCsrfToken()
    defaultTheirs.assertStatus(404)
    const rename = await client
      .put(`/views/${theirs}`)
      .json({ name: 'Mía' })
      .header('accept', 'application/json')
      .loginAs(ana)
      .withCsrfToken()
    rename.assertStatus(404)
  })

  test('the resource must be a registered list the user may view', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const noCrm = await createUser(org, {})
    ;(await save(client, ana, { resource: 'crm.nothing', name: 'X' })).assertStatus(403)
    ;(await save(client, noCrm, { name: 'X' })).assertStatus(403)
    ;(
      await client
        .get('/views?resource=crm.companies')
        .header('accept', 'application/json')
        .loginAs(noCrm)
    ).assertStatus(403)
    const disabled = await createOrganization([])
    const elsewhere = await crmUser(disabled, 'all')
    ;(await save(client, elsewhere, { name: 'X' })).assertStatus(403)
  })

  test('validation errors are translated: empty name, duplicate name, unknown role or team, state too long', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all', { locale: 'es' } as any)
    const foreignRole = await roleOf(await createUser(other, {}))
    const foreignTeam = await createTeam(other, null, [])
    const message = async (body: Record<string, unknown>, user: User = ana) => {
      const response = await save(client, user, body)
      response.assertStatus(422)
      return response.body().errors.map((e: any) => `${e.field}: ${e.message}`)
    }

    assert.deepEqual(await message({ name: '   ' }), ['name: Escriba un nombre para la vista'])
    ;(await save(client, ana, { name: 'Clientes' })).assertStatus(201)
    assert.deepEqual(await message({ name: 'CLIENTES ' }), [
      'name: Ya tiene una vista llamada «CLIENTES» en esta lista',
    ])
    assert.deepEqual(await message({ name: 'Otra', visibility: 'shared', roles: [foreignRole] }), [
      'roles: Alguno de los roles elegidos no existe',
    ])
    assert.deepEqual(
      await message({ name: 'Otra', visibility: 'shared', teams: [foreignTeam.id] }),
      ['teams: Alguno de los equipos elegidos no existe']
    )
    assert.deepEqual(await message({ name: 'Larga', state: `q=${'x'.repeat(2000)}` }), [
      'state: La vista guarda demasiados filtros y columnas (máximo 2000 caracteres)',
    ])
    const bea = await crmUser(org, 'all', { locale: 'en' } as any)
    assert.deepEqual(await message({ name: '' }, bea), ['name: Type a name for the view'])
    // Another user may use the same name.
    ;(await save(client, bea, { name: 'Clientes' })).assertStatus(201)
  })

  test("a team's leader sees its views; deleting the team leaves them private, not everyone's", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const lidia = await crmUser(org, 'own')
    const carlos = await crmUser(org, 'own')
    const team = await createTeam(org, lidia, [])
    const shared = await save(client, ana, {
      name: 'Del equipo',
      visibility: 'shared',
      teams: [team.id],
    })
    shared.assertStatus(201)
    // The leader is not a member, yet the team's views reach her (as its records do).
    assert.deepEqual(await seen(client, lidia), ['Del equipo'])
    assert.deepEqual(await seen(client, carlos), [])

    const admin = await createUser(org, { isAdmin: true })
    const removal = await client.delete(`/admin/teams/${team.id}`).loginAs(admin).withCsrfToken()
    assert.notEqual(removal.status(), 500)
    assert.isNull(await db.from('teams').where('id', team.id).first())
    const row = await db.from('saved_views').where('id', shared.body().view.id).firstOrFail()
    assert.equal(row.visibility, 'private')
    assert.deepEqual(await seen(client, carlos), [], 'not widened to the whole organization')
    assert.deepEqual(await seen(client, ana), ['Del equipo'])
  })
})
