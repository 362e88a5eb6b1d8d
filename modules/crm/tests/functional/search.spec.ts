import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { installer } from '#app/registry/services'
import { createOrganization, createUser } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

type Group = {
  resource: string
  label: string
  results: { id: number; title: string; subtitle: string | null; href: string }[]
}

const group = (body: { groups: Group[] }, resource: string) =>
  body.groups.find((g) => g.resource === resource)
const titles = (body: { groups: Group[] }, resource: string) =>
  (group(body, resource)?.results ?? []).map((r) => r.title).sort()

test.group('CRM · search providers (GET /search)', (g) => {
  g.each.setup(() => testUtils.db().withGlobalTransaction())

  test('companies by name, legal name, NIF, web; contacts by name and company: grouped, labelled, linked', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const acme = await insertCompany(org, {
      name: 'Talleres Acme',
      legal_name: 'Talleres Acme Sociedad Limitada',
      legal_name_normalized: 'talleres acme sociedad limitada',
      nif: 'B12345674',
      website: 'https://www.acme-talleres.es',
      website_domain: 'acme-talleres.es',
    })
    await insertCompany(org, { name: 'Ferretería Norte' })
    const ana = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'García',
      company_id: acme,
    })
    await insertContact(org, { first_name: 'Luis', last_name: 'Pardo' })

    const search = async (q: string) => {
      const response = await client.get('/search').qs({ q }).loginAs(admin)
      response.assertStatus(200)
      return response.body()
    }
    const byName = await search('acme')
    assert.deepEqual(titles(byName, 'crm.companies'), ['Talleres Acme'])
    assert.equal(group(byName, 'crm.companies')!.label, 'Empresas')
    assert.equal(group(byName, 'crm.companies')!.results[0].href, `/crm/companies/${acme}`)
    assert.deepEqual(titles(byName, 'crm.contacts'), ['Ana García'], 'by her company')
    assert.equal(group(byName, 'crm.contacts')!.results[0].href, `/crm/contacts/${ana}`)
    assert.include(group(byName, 'crm.contacts')!.results[0].subtitle!, 'Talleres Acme')

    assert.deepEqual(titles(await search('sociedad limitada'), 'crm.companies'), ['Talleres Acme'])
    assert.deepEqual(titles(await search('B12345674'), 'crm.companies'), ['Talleres Acme'])
    assert.deepEqual(titles(await search('acme-talleres.es'), 'crm.companies'), ['Talleres Acme'])
    assert.deepEqual(titles(await search('garcia'), 'crm.contacts'), ['Ana García'])
    assert.deepEqual((await search('zzz')).groups, [], 'no hits, no groups')
  }).timeout(120_000)

  test('a rep with own scope never gets another rep’s company; binned records never match', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const otherRep = await crmUser(org, 'own')
    await insertCompany(org, { name: 'Acme Propia', owner_id: rep.id })
    await insertCompany(org, { name: 'Acme Ajena', owner_id: otherRep.id })
    const binned = await insertCompany(org, { name: 'Acme Borrada', owner_id: rep.id })
    await db
      .from('crm_companies')
      .where('id', binned)
      .update({ deleted_at: dbTimestamp(), deleted_by: rep.id })
    await insertContact(org, { first_name: 'Acme', last_name: 'Ajeno', owner_id: otherRep.id })

    const response = await client.get('/search').qs({ q: 'acme' }).loginAs(rep)
    response.assertStatus(200)
    assert.deepEqual(titles(response.body(), 'crm.companies'), ['Acme Propia'])
    assert.isUndefined(
      group(response.body(), 'crm.contacts'),
      'the other rep’s contact is not found'
    )

    const other = await createOrganization(['crm'])
    await insertCompany(other, { name: 'Acme de otra organización' })
    const admin = await createUser(org, { isAdmin: true })
    const all = await client.get('/search').qs({ q: 'acme' }).loginAs(admin)
    assert.deepEqual(titles(all.body(), 'crm.companies'), ['Acme Ajena', 'Acme Propia'])
  }).timeout(60_000)

  test('a disabled module and a resource the user may not view are not searched', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const contactsOnly = await createUser(org, {
      permissions: ['crm.contacts.view'],
      scopes: { 'crm.contacts': 'all' },
    })
    await insertCompany(org, { name: 'Acme' })
    await insertContact(org, { first_name: 'Acme', last_name: 'Persona' })

    const limited = await client.get('/search').qs({ q: 'acme' }).loginAs(contactsOnly)
    assert.deepEqual(
      limited.body().groups.map((x: Group) => x.resource),
      ['crm.contacts']
    )

    await (await installer()).uninstall(org.id, 'crm')
    const disabled = await client.get('/search').qs({ q: 'acme' }).loginAs(admin)
    disabled.assertStatus(200)
    assert.deepEqual(disabled.body().groups, [])

    const anonymous = await client.get('/search').qs({ q: 'acme' }).redirects(0)
    assert.notEqual(anonymous.status(), 200, 'signed in only')
  }).timeout(60_000)
})
