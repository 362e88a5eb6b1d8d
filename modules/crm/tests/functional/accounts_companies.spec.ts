import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { companyPayload, crmUser, insertCompany } from '../helpers.js'
import { csvCells, importDir, importText } from '../accounts_helpers.js'

const industriesOf = async (companyId: number) =>
  (await db.from('crm_company_industries').where('company_id', companyId).orderBy('industry')).map(
    (r) => r.industry
  )

test.group('Accounts · companies: sectors, group, zone, status, size', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a company saves its extra sectors, group, zone, status and size, with history', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const parent = await insertCompany(org, { name: 'Grupo Pérez' })
    const response = await client
      .post('/crm/companies')
      .json(
        companyPayload({
          industries: ['tecnologia', 'construccion', 'comercio'],
          parentId: parent,
          zone: 'centro',
          status: 'activa',
          size: 'mediana',
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const company = await db
      .from('crm_companies')
      .where({ organization_id: org.id })
      .whereNot('id', parent)
      .firstOrFail()
    assert.deepInclude(company, {
      parent_id: parent,
      zone: 'centro',
      status: 'activa',
      size: 'mediana',
    })
    // The main sector (construccion) is not repeated among the extra ones.
    assert.deepEqual(await industriesOf(company.id), ['comercio', 'tecnologia'])

    const changed = await client
      .patch(`/crm/companies/${company.id}/field`)
      .header('accept', 'application/json')
      .json({ field: 'zone', value: 'sur' })
      .loginAs(user)
      .withCsrfToken()
    changed.assertStatus(200)
    assert.deepEqual(await industriesOf(company.id), ['comercio', 'tecnologia'], 'kept')
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'crm.company', field: 'zone' })
      .orderBy('id', 'desc')
      .first()
    assert.deepInclude(audit, { old_value: 'centro', new_value: 'sur' })

    const page = await client.get(`/crm/companies/${parent}`).loginAs(user).withInertia()
    assert.deepEqual(
      page.inertiaProps.subsidiaries.map((s: any) => s.id),
      [company.id],
      "the parent's page lists its subsidiary"
    )
  })

  test('a parent that closes a loop, or the company itself, is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const a = await insertCompany(org, { name: 'Alfa' })
    const b = await insertCompany(org, { name: 'B', parent_id: a })
    const c = await insertCompany(org, { name: 'C', parent_id: b })
    const field = (id: number, value: number) =>
      client
        .patch(`/crm/companies/${id}/field`)
        .header('accept', 'application/json')
        .json({ field: 'parentId', value })
        .loginAs(user)
        .withCsrfToken()

    const loop = await field(a, c)
    loop.assertStatus(422)
    assert.include(JSON.stringify(loop.body()), 'ciclo')
    ;(await field(b, b)).assertStatus(422)
    assert.isNull((await db.from('crm_companies').where('id', a).first()).parent_id)

    const form = await client
      .put(`/crm/companies/${a}`)
      .json(companyPayload({ name: 'Alfa', nif: '', parentId: c }))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    form.assertStatus(302)
    form.assertFlashMessage('inputErrorsBag', {
      parentId: [
        'Esa empresa matriz crearía un ciclo en el grupo (una empresa acabaría siendo matriz de sí misma).',
      ],
    })
    // Moving C up to the top of the group is fine.
    ;(await field(c, a)).assertStatus(200)
  })

  test("a parent out of the user's scope is refused as missing", async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const mine = await insertCompany(org, { name: 'Mía', owner_id: user.id })
    const theirs = await insertCompany(org, { name: 'Ajena' })
    const refused = await client
      .patch(`/crm/companies/${mine}/field`)
      .header('accept', 'application/json')
      .json({ field: 'parentId', value: theirs })
      .loginAs(user)
      .withCsrfToken()
    refused.assertStatus(422)
  })

  test('the sector filter finds main and extra sectors; zone, status and group filter', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const main = await insertCompany(org, { name: 'Principal', industry: 'tecnologia' })
    const extra = await insertCompany(org, { name: 'Extra', industry: 'comercio', zone: 'sur' })
    const other = await insertCompany(org, { name: 'Otra', industry: 'comercio', parent_id: main })
    await db
      .table('crm_company_industries')
      .insert({ organization_id: org.id, company_id: extra, industry: 'tecnologia' })
    const names = async (qs: string) =>
      (await client.get(`/crm/companies?${qs}`).loginAs(user).withInertia()).inertiaProps.companies
        .map((c: any) => c.name)
        .sort()

    assert.deepEqual(await names('industry=tecnologia'), ['Extra', 'Principal'])
    assert.deepEqual(await names('industry=comercio'), ['Extra', 'Otra'])
    assert.deepEqual(await names('zone=sur'), ['Extra'])
    assert.deepEqual(await names(`group=${main}`), ['Otra', 'Principal'])
    const row = (await client.get('/crm/companies?zone=sur').loginAs(user).withInertia())
      .inertiaProps.companies[0]
    assert.deepEqual(row.industries, ['tecnologia'])
    assert.isDefined(other)
  })

  test('"Competidores" and "Distribuidores" open the list at their type and columns', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const response = await client.get('/crm/companies/competitors').loginAs(user).redirects(0)
    response.assertStatus(302)
    const location = String(response.header('location'))
    assert.include(location, '/crm/companies?type=competidor')
    assert.include(location, 'strengths%2Cweaknesses')
    const nav = await client.get('/crm/companies').loginAs(user).withInertia()
    const quick = nav.inertiaProps.list.declaration.quickFilters.map((q: any) => q.key)
    assert.includeMembers(quick, ['competitors', 'distributors'])
  })

  test('a Spanish postcode must be of its province', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const address = {
      kind: 'fiscal',
      street: 'Calle Mayor 1',
      postalCode: '08001',
      city: 'Madrid',
      province: 'Madrid',
      country: 'ES',
    }
    const response = await client
      .post('/crm/companies')
      .json(companyPayload({ addresses: [address] }))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      'addresses.0.postalCode': ['El código postal no es de la provincia elegida'],
    })
    const foreign = await client
      .post('/crm/companies')
      .json(
        companyPayload({
          addresses: [
            { ...address, postalCode: '75001', city: 'Paris', province: 'IDF', country: 'FR' },
          ],
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(foreign.header('location')), /^\/crm\/companies\/\d+$/)
  })

  test('an export with the new columns imports back the same', async ({ client, assert }) => {
    const { dir, remove } = await importDir()
    try {
      const org = await createOrganization(['crm'])
      const user = await crmUser(org, 'all')
      const id = await insertCompany(org, {
        name: 'Rival S.L.',
        type: 'competidor',
        industry: 'tecnologia',
        zone: 'norte',
        status: 'activa',
        size: 'grande',
        strengths: 'Precio bajo',
        weaknesses: 'Servicio lento',
      })
      await db.table('crm_company_industries').multiInsert(
        ['comercio', 'energia'].map((industry) => ({
          organization_id: org.id,
          company_id: id,
          industry,
        }))
      )
      const csv = (await client.get('/crm/companies/export').loginAs(user)).text()
      const [header, row] = csvCells(csv)
      const cell = (name: string) => row[header.indexOf(name)]
      assert.equal(cell('Otros sectores'), 'Comercio, Energía')
      assert.equal(cell('Zona'), 'Norte')
      assert.equal(cell('Tamaño'), 'Grande (250+)')
      assert.equal(cell('Puntos fuertes'), 'Precio bajo')

      await db.from('crm_company_industries').where('organization_id', org.id).delete()
      await db.from('crm_companies').where('organization_id', org.id).delete()
      const started = await importText(dir, org, user, 'crm.companies', 'e.csv', csv)
      assert.includeMembers(started.mapping as string[], [
        'industries',
        'zone',
        'status',
        'size',
        'strengths',
        'weaknesses',
      ])
      const preview = await previewImport(started.id)
      assert.equal(preview.totals.created, 1)
      await commitImport(started.id)
      const back = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()
      assert.deepInclude(back, {
        zone: 'norte',
        status: 'activa',
        size: 'grande',
        strengths: 'Precio bajo',
        weaknesses: 'Servicio lento',
      })
      assert.deepEqual(await industriesOf(back.id), ['comercio', 'energia'])

      // The same file again changes nothing.
      const again = await importText(dir, org, user, 'crm.companies', 'f.csv', csv)
      assert.equal((await previewImport(again.id)).totals.updated, 0)
    } finally {
      await remove()
    }
  })
})
