import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { installer } from '#app/registry/services'
import { dbTimestamp } from '#app/support/dates'
import { reindexResource } from '#app/search/indexer'
import { createOrganization, createUser } from '#tests/helpers/world'
import type Organization from '#models/organization'
import { companyPayload, crmUser, insertCompany } from '../helpers.js'
import { removeOrganizations } from '../cleanup.js'

/*
 * The command palette's search (GET /search) reads the kernel's search index, which the CRM's
 * writes keep current. These tests write over HTTP WITHOUT a global transaction: MariaDB's
 * FULLTEXT index only sees committed rows (as every other user does), so a rolled-back test
 * transaction would hide everything. Each test makes its own organizations, removed at the end.
 */

type Group = {
  resource: string
  label: string
  icon: string | null
  results: { id: number; title: string; subtitle: string | null; href: string }[]
}
type Body = { groups: Group[] }

const created: number[] = []
async function organization(): Promise<Organization> {
  const org = await createOrganization(['crm'])
  created.push(org.id)
  return org
}

const group = (body: Body, resource: string) => body.groups.find((g) => g.resource === resource)
const titles = (body: Body, resource: string) =>
  (group(body, resource)?.results ?? []).map((r) => r.title).sort()
const send = (request: any, user: any) =>
  request.loginAs(user).withCsrfToken().withInertia().redirects(0)

async function companyId(org: Organization, name: string): Promise<number> {
  const row = await db.from('crm_companies').where({ organization_id: org.id, name }).firstOrFail()
  return Number(row.id)
}

test.group('CRM · search index (GET /search, command palette)', (g) => {
  g.teardown(() => removeOrganizations(created.splice(0)))

  test('finds companies and contacts by every key, accent- and case-insensitive, with typos', async ({
    client,
    assert,
  }) => {
    const org = await organization()
    const admin = await createUser(org, { isAdmin: true })
    const stored = await send(
      client.post('/crm/companies').json(
        companyPayload({
          name: 'Ferretería Andalucía Sur',
          legalName: 'Suministros Béticos, S.L.',
          nif: 'b-1234567-4',
          website: 'https://www.ferreteria-sur.es',
          phones: [{ label: 'Oficina', number: '912 345 678', primary: true }],
          emails: [{ label: 'General', address: 'Pedidos@Ferreteria-Sur.es' }],
        })
      ),
      admin
    )
    assert.oneOf(stored.status(), [302, 303])
    const company = await companyId(org, 'Ferretería Andalucía Sur')
    await send(
      client.post('/crm/contacts').json({
        firstName: 'Ana',
        lastName: 'García Núñez',
        companyId: company,
        position: 'Compras',
        phones: [{ number: '+34 600 11 22 33' }],
        emails: [{ address: 'ana.garcia@ferreteria-sur.es' }],
      }),
      admin
    )
    await send(client.post('/crm/contacts').json({ firstName: 'Luis', lastName: 'Pardo' }), admin)

    const search = async (q: string): Promise<Body> => {
      const response = await client.get('/search').qs({ q }).loginAs(admin)
      response.assertStatus(200)
      return response.body()
    }
    const companies = ['Ferretería Andalucía Sur']
    for (const q of [
      'andalucia', // a word in the middle, without its accent
      'ANDALUCÍA',
      'ferret sur', // word prefixes, any order
      'sur andal',
      'béticos', // legal name
      'B12345674', // NIF in any form
      'b-12345674',
      'B 1234567 4',
      '12345674',
      '912 345 678', // phone, with or without the country code
      '912345678',
      '+34 912 34 56 78',
      'pedidos@ferreteria-sur.es', // e-mail
      'ferreteria-sur.es', // web
      'ferreteira', // a typo in the word's tail
    ])
      assert.deepEqual(titles(await search(q), 'crm.companies'), companies, q)

    const hit = group(await search('andalucia'), 'crm.companies')!
    assert.equal(hit.label, 'Empresas')
    assert.equal(hit.icon, 'building')
    assert.equal(hit.results[0].href, `/crm/companies/${company}`)
    assert.equal(hit.results[0].subtitle, 'Suministros Béticos, S.L. · B12345674')

    const ana = ['Ana García Núñez']
    for (const q of [
      'garcia',
      'nunez',
      'ana garc',
      'andalucia',
      'ana.garcia@ferreteria-sur.es',
      '600 11 22 33',
      '600112233',
    ])
      assert.deepEqual(titles(await search(q), 'crm.contacts'), ana, q)
    const contact = group(await search('nunez'), 'crm.contacts')!.results[0]
    assert.equal(contact.subtitle, 'Ferretería Andalucía Sur · ana.garcia@ferreteria-sur.es')
    assert.deepEqual(titles(await search('pardo'), 'crm.contacts'), ['Luis Pardo'])
    assert.deepEqual((await search('zzzz')).groups, [], 'no hits, no groups')
  }).timeout(120_000)

  test('kept current on create, update, delete (bin) and restore; scope own applied inside the query', async ({
    client,
    assert,
  }) => {
    const org = await organization()
    const rep = await crmUser(org, 'own')
    const otherRep = await crmUser(org, 'own')
    const search = async (user: any, q: string) => {
      const response = await client.get('/search').qs({ q, limit: 5 }).loginAs(user)
      response.assertStatus(200)
      return titles(response.body(), 'crm.companies')
    }
    // Another rep's companies first: were scope applied after the limit, they would crowd hers out.
    for (let i = 0; i < 6; i++)
      await send(
        client.post('/crm/companies').json({ name: `Acme Ajena ${i}`, type: 'cliente' }),
        otherRep
      )
    await send(client.post('/crm/companies').json({ name: 'Acme Propia', type: 'cliente' }), rep)
    const own = await companyId(org, 'Acme Propia')
    assert.deepEqual(await search(rep, 'acme'), ['Acme Propia'], 'created, and only hers')
    assert.lengthOf(await search(otherRep, 'acme'), 5)

    const updated = await send(
      client.put(`/crm/companies/${own}`).json({ name: 'Acme Renombrada', type: 'cliente' }),
      rep
    )
    assert.oneOf(updated.status(), [302, 303])
    assert.deepEqual(await search(rep, 'renombrada'), ['Acme Renombrada'], 'updated')
    assert.deepEqual(await search(rep, 'propia'), [], 'the old name is gone')

    await send(client.delete(`/crm/companies/${own}`), rep)
    assert.deepEqual(await search(rep, 'renombrada'), [], 'binned records never match')
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.companies', record_id: own })
      .firstOrFail()
    await send(client.post(`/bin/${entry.id}/restore`), rep)
    assert.deepEqual(await search(rep, 'renombrada'), ['Acme Renombrada'], 'restored')

    const other = await organization()
    await insertCompany(other, { name: 'Acme Renombrada de otra organización' })
    await reindexResource('crm.companies', { organizationId: other.id })
    const admin = await createUser(org, { isAdmin: true })
    assert.lengthOf(await search(admin, 'acme'), 5, 'capped by the limit')
    assert.deepEqual(
      await search(admin, 'renombrada'),
      ['Acme Renombrada'],
      'own organization only'
    )
  }).timeout(120_000)

  test('the reindex rebuilds from the records; a disabled module or unviewable resource is not searched', async ({
    client,
    assert,
  }) => {
    const org = await organization()
    const admin = await createUser(org, { isAdmin: true })
    const contactsOnly = await createUser(org, {
      permissions: ['crm.contacts.view'],
      scopes: { 'crm.contacts': 'all' },
    })
    // Written behind the index's back (raw SQL), then found once the resource is reindexed.
    await insertCompany(org, { name: 'Acme Directa', nif: 'A58818501' })
    await db.table('crm_contacts').insert({
      organization_id: org.id,
      first_name: 'Acme',
      last_name: 'Persona',
      name_normalized: 'acme persona',
      last_name_normalized: 'persona',
      created_at: dbTimestamp(),
      updated_at: dbTimestamp(),
    })
    const find = async (user: any, q: string): Promise<Body> =>
      (await client.get('/search').qs({ q }).loginAs(user)).body()
    assert.deepEqual((await find(admin, 'acme')).groups, [])
    await reindexResource('crm.companies', { organizationId: org.id })
    await reindexResource('crm.contacts', { organizationId: org.id })
    assert.deepEqual(titles(await find(admin, 'a58818501'), 'crm.companies'), ['Acme Directa'])

    const limited = await find(contactsOnly, 'acme')
    assert.deepEqual(
      limited.groups.map((x) => x.resource),
      ['crm.contacts']
    )
    await (await installer()).uninstall(org.id, 'crm')
    assert.deepEqual((await find(admin, 'acme')).groups, [])
    const anonymous = await client.get('/search').qs({ q: 'acme' }).redirects(0)
    assert.notEqual(anonymous.status(), 200, 'signed in only')
  }).timeout(120_000)
})
