import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import {
  companyPayload,
  crmUser,
  insertCompanies,
  insertCompany,
  insertContact,
} from '../helpers.js'

async function walk(client: any, user: any, url: string) {
  const seen: string[] = []
  const ids: number[] = []
  let next: string | null = null
  let pages = 0
  do {
    const sep = url.includes('?') ? '&' : '?'
    const response: any = await client
      .get(next ? `${url}${sep}cursor=${encodeURIComponent(next)}` : url)
      .loginAs(user)
      .withInertia()
    seen.push(...response.inertiaProps.companies.map((c: any) => c.name))
    ids.push(...response.inertiaProps.companies.map((c: any) => c.id))
    next = response.inertiaProps.next
    pages++
  } while (next && pages < 20)
  return { seen, ids, pages }
}

test.group('Company list: keyset pages, search, filters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const sort of ['name', '-name', '-created']) {
    test(`every visible row appears exactly once across pages (sort ${sort})`, async ({
      client,
      assert,
    }) => {
      const org = await createOrganization(['crm'])
      const user = await crmUser(org, 'own')
      const colleague = await crmUser(org, 'own')
      // Duplicate names and timestamps on purpose: the id breaks ties.
      await insertCompanies(org, 60, (i) => ({
        name: `Talleres ${String(i % 9).padStart(2, '0')}`,
        owner_id: user.id,
        created_at: `2025-0${1 + (i % 3)}-01 10:00:00`,
      }))
      await insertCompanies(org, 20, (i) => ({ name: `Ajena ${i}`, owner_id: colleague.id }))
      const { seen, ids, pages } = await walk(client, user, `/crm/companies?sort=${sort}`)
      assert.equal(pages, 3)
      const expected = await db.from('crm_companies').where('owner_id', user.id).select('id')
      assert.sameMembers(
        ids,
        expected.map((r) => Number(r.id))
      )
      assert.lengthOf(new Set(ids), 60, 'no row twice')
      if (sort !== '-created') {
        const sorted = [...seen].sort()
        assert.deepEqual(seen, sort === 'name' ? sorted : sorted.reverse())
      }
      assert.notInclude(seen.join(), 'Ajena')
    })
  }

  test('"Anterior" goes back a page (before cursor) and each page says where it sits: 26–50 of 60', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await insertCompanies(org, 60, (i) => ({
      name: `Talleres ${String(i).padStart(2, '0')}`,
      owner_id: user.id,
    }))
    const get = async (qs: string) =>
      (await client.get(`/crm/companies?${qs}`).loginAs(user).withInertia()).inertiaProps
    const first = await get('')
    assert.equal(first.offset, 0)
    assert.isNull(first.prev)
    assert.deepEqual(first.count, { value: 60, capped: false })
    const second = await get(`cursor=${encodeURIComponent(first.next)}`)
    assert.equal(second.offset, 25)
    assert.equal(second.companies[0].name, 'Talleres 25')
    const third = await get(`cursor=${encodeURIComponent(second.next)}`)
    assert.equal(third.offset, 50)
    assert.lengthOf(third.companies, 10)
    assert.isNull(third.next)
    const back = await get(`before=${encodeURIComponent(third.prev)}`)
    assert.deepEqual(
      back.companies.map((c: any) => c.id),
      second.companies.map((c: any) => c.id)
    )
    assert.equal(back.offset, 25)
    assert.equal(back.filters.before, third.prev)
    const start = await get(`before=${encodeURIComponent(back.prev)}`)
    assert.deepEqual(
      start.companies.map((c: any) => c.id),
      first.companies.map((c: any) => c.id)
    )
    assert.equal(start.offset, 0)
    assert.isNull(start.prev)
    // The contacts list pages back the same way.
    for (let i = 0; i < 30; i++)
      await insertContact(org, { first_name: `P${String(i).padStart(2, '0')}`, owner_id: user.id })
    const contacts = async (qs: string) =>
      (await client.get(`/crm/contacts?${qs}`).loginAs(user).withInertia()).inertiaProps
    const c1 = await contacts('')
    const c2 = await contacts(`cursor=${encodeURIComponent(c1.next)}`)
    assert.equal(c2.offset, 25)
    const c1again = await contacts(`before=${encodeURIComponent(c2.prev)}`)
    assert.deepEqual(
      c1again.contacts.map((c: any) => c.id),
      c1.contacts.map((c: any) => c.id)
    )
  })

  test('pages keep their filters: a filtered walk returns each matching row once', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompanies(org, 40, (i) => ({
      name: `Cliente ${i}`,
      type: i % 2 ? 'cliente' : 'prospecto',
      owner_id: user.id,
    }))
    const { seen } = await walk(client, user, '/crm/companies?type=cliente')
    assert.lengthOf(seen, 20)
    assert.lengthOf(new Set(seen), 20)
  })

  test('search: words anywhere in the name or legal name, accents and case ignored', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await insertCompany(org, { name: 'Suministros Ferretería López', owner_id: user.id })
    await insertCompany(org, {
      name: 'Talleres Gómez',
      legal_name: 'Mecanizados del Henares, S.L.',
      legal_name_normalized: 'mecanizados del henares, s.l.',
      owner_id: user.id,
    })
    await insertCompany(org, { name: 'Grupo Ferre', owner_id: user.id })
    const search = async (q: string) =>
      (
        await client
          .get(`/crm/companies?q=${encodeURIComponent(q)}`)
          .loginAs(user)
          .withInertia()
      ).inertiaProps.companies.map((c: any) => c.name)
    assert.deepEqual(await search('Ferreter'), ['Suministros Ferretería López'])
    assert.deepEqual(
      await search('FERRETERIA lóp'),
      ['Suministros Ferretería López'],
      'every word, in any order of columns'
    )
    assert.deepEqual(await search('ferre'), ['Grupo Ferre', 'Suministros Ferretería López'])
    assert.deepEqual(await search('henares'), ['Talleres Gómez'], 'a word of the legal name')
    assert.deepEqual(await search('mecanizados gomez'), ['Talleres Gómez'], 'words from both names')
    assert.deepEqual(await search('erreteria'), [], 'words match from their start')
    // A legal name saved through the form is searchable too.
    await client
      .post('/crm/companies')
      .json(
        companyPayload({
          name: 'Conservas Norte',
          legalName: 'Distribuciones Álvarez, S.A.',
          nif: '',
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.deepEqual(await search('alvarez'), ['Conservas Norte'])
  })

  test('search: name words (accents and case ignored), exact NIF, exact e-mail, exact phone', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const perez = await insertCompany(org, {
      name: 'Construcciones Pérez',
      owner_id: user.id,
      nif: 'B12345674',
    })
    const gomez = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    await insertCompany(org, { name: 'Grupo Construcciones', owner_id: user.id })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      company_id: gomez,
      value: 'Info@Gomez.es',
      value_normalized: 'info@gomez.es',
      is_primary: true,
      position: 0,
    })
    await db.table('crm_phones').insert({
      organization_id: org.id,
      company_id: perez,
      value: '912 345 678',
      value_normalized: '+34912345678',
      is_primary: true,
      position: 0,
    })
    // A contact's e-mail must not make its company match.
    const contact = await insertContact(org, { company_id: perez, owner_id: user.id })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: contact,
      value: 'x@y.es',
      value_normalized: 'x@y.es',
      is_primary: true,
      position: 0,
    })

    const search = async (q: string) => {
      const response = await client
        .get(`/crm/companies?q=${encodeURIComponent(q)}`)
        .loginAs(user)
        .withInertia()
      return response.inertiaProps.companies.map((c: any) => c.name)
    }
    assert.deepEqual(await search('CONSTRUCCIONES pe'), ['Construcciones Pérez'])
    assert.deepEqual(await search('construcciones'), [
      'Construcciones Pérez',
      'Grupo Construcciones',
    ])
    assert.deepEqual(await search('b-12345674'), ['Construcciones Pérez'])
    assert.deepEqual(await search('INFO@gomez.es'), ['Talleres Gómez'])
    assert.deepEqual(await search('+34 912 34 56 78'), ['Construcciones Pérez'])
    assert.deepEqual(await search('x@y.es'), [])
    assert.deepEqual(await search('50%_!'), [], 'LIKE wildcards are taken literally')
  })

  test('search: an e-mail matches by its start, literally, and only the record that owns it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const gomez = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const ruiz = await insertCompany(org, { name: 'Infografías Ruiz', owner_id: user.id })
    await db.table('crm_emails').multiInsert([
      {
        organization_id: org.id,
        company_id: gomez,
        value: 'Info@Gomez.es',
        value_normalized: 'info@gomez.es',
        is_primary: true,
        position: 0,
      },
      {
        organization_id: org.id,
        company_id: ruiz,
        value: 'info_ruiz@ruiz.es',
        value_normalized: 'info_ruiz@ruiz.es',
        is_primary: true,
        position: 0,
      },
    ])
    const ana = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'Martín',
      owner_id: user.id,
    })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: ana,
      value: 'ana.martin@talleres.es',
      value_normalized: 'ana.martin@talleres.es',
      is_primary: true,
      position: 0,
    })

    const companies = async (q: string) =>
      (
        await client
          .get(`/crm/companies?q=${encodeURIComponent(q)}`)
          .loginAs(user)
          .withInertia()
      ).inertiaProps.companies.map((c: any) => c.name)
    const contacts = async (q: string) =>
      (
        await client
          .get(`/crm/contacts?q=${encodeURIComponent(q)}`)
          .loginAs(user)
          .withInertia()
      ).inertiaProps.contacts.map((c: any) => c.name)
    assert.deepEqual(
      await companies('INFO@gom'),
      ['Talleres Gómez'],
      'the start of the address is enough'
    )
    assert.deepEqual(await companies('info@'), ['Talleres Gómez'])
    assert.deepEqual(await companies('info_ruiz@'), ['Infografías Ruiz'])
    assert.deepEqual(await companies('in%o@'), [], '% and _ are characters, not wildcards')
    assert.deepEqual(
      await companies('info'),
      ['Infografías Ruiz'],
      'a bare word is a name prefix only'
    )
    assert.deepEqual(
      await companies('ana.martin@'),
      [],
      "a contact's address does not find a company"
    )
    assert.deepEqual(await contacts('ana.mar'), ['Ana Martín'])
    assert.deepEqual(await contacts('ana.martin@talleres.es'), ['Ana Martín'])
    assert.deepEqual(await contacts('ana.x'), [])
  })

  test('filters: type, industry, owner (incl. "mine"), province and city', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const other = await crmUser(org, 'own')
    const a = await insertCompany(org, {
      name: 'A',
      type: 'cliente',
      industry: 'salud',
      owner_id: user.id,
    })
    const b = await insertCompany(org, {
      name: 'B',
      type: 'proveedor',
      industry: 'salud',
      owner_id: other.id,
    })
    await insertCompany(org, {
      name: 'C',
      type: 'cliente',
      industry: 'energia',
      owner_id: other.id,
    })
    await db.table('crm_addresses').multiInsert([
      {
        organization_id: org.id,
        company_id: a,
        kind: 'fiscal',
        city: 'Móstoles',
        city_normalized: 'mostoles',
        province: 'Madrid',
        country: 'ES',
        position: 0,
      },
      {
        organization_id: org.id,
        company_id: b,
        kind: 'fiscal',
        city: 'Sevilla',
        city_normalized: 'sevilla',
        province: 'Sevilla',
        country: 'ES',
        position: 0,
      },
    ])
    const list = async (qs: string) =>
      (
        await client.get(`/crm/companies?${qs}`).loginAs(user).withInertia()
      ).inertiaProps.companies.map((c: any) => c.name)
    assert.deepEqual(await list('type=cliente'), ['A', 'C'])
    assert.deepEqual(await list('industry=salud'), ['A', 'B'])
    assert.deepEqual(await list('owner=mine'), ['A'])
    assert.deepEqual(await list(`owner=${other.id}`), ['B', 'C'])
    assert.deepEqual(await list('province=Sevilla'), ['B'])
    assert.deepEqual(await list('city=MOSTOLES'), ['A'])
    assert.deepEqual(await list('type=cliente&industry=salud'), ['A'])
    assert.deepEqual(
      await list('type=no-existe'),
      ['A', 'B', 'C'],
      'a malformed filter shows the whole list'
    )
  })

  test('the contact list filters by company and searches by name, e-mail and phone', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id })
    const ana = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'Martín',
      company_id: company,
      owner_id: user.id,
    })
    await insertContact(org, { first_name: 'Ángel', last_name: 'Ruiz', owner_id: user.id })
    await db.table('crm_phones').insert({
      organization_id: org.id,
      contact_id: ana,
      value: '600 11 22 33',
      value_normalized: '+34600112233',
      is_primary: true,
      position: 0,
    })
    const list = async (qs: string) =>
      (
        await client.get(`/crm/contacts?${qs}`).loginAs(user).withInertia()
      ).inertiaProps.contacts.map((c: any) => c.name)
    assert.deepEqual(await list(''), ['Ana Martín', 'Ángel Ruiz'])
    assert.deepEqual(await list(`company=${company}`), ['Ana Martín'])
    assert.deepEqual(await list('q=angel'), ['Ángel Ruiz'])
    assert.deepEqual(await list('q=MARTIN'), ['Ana Martín'], 'by surname too')
    assert.deepEqual(await list('q=ru'), ['Ángel Ruiz'])
    assert.deepEqual(await list('q=600112233'), ['Ana Martín'])
    assert.deepEqual(await list('sort=-name'), ['Ángel Ruiz', 'Ana Martín'])
  })
})
