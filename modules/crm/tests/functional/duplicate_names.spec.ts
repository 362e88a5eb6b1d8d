import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { companyPayload, crmUser, insertCompany } from '../helpers.js'

/** Companies named exactly `name` (compared here: MySQL/MariaDB collations ignore case and accents). */
const count = async (orgId: number, name: string) =>
  (await db.from('crm_companies').where('organization_id', orgId).select('name')).filter(
    (row) => row.name === name
  ).length

test.group('Companies: duplicate names are a warning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creating a company with a name another has is sent back with a link; confirmed, it is saved', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const existing = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const refused = await client
      .post('/crm/companies')
      .json(companyPayload({ name: 'TALLERES GOMEZ', nif: '' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .header('referer', '/crm/companies/create')
      .redirects(0)
    refused.assertStatus(302)
    refused.assertHeader('location', '/crm/companies/create')
    refused.assertFlashMessage('inputErrorsBag', {
      name: ['Ya existe una empresa con este nombre: «Talleres Gómez».'],
    })
    refused.assertFlashMessage('crmDuplicateName', { id: existing, name: 'Talleres Gómez' })
    assert.equal(await count(org.id, 'TALLERES GOMEZ'), 0)

    const confirmed = await client
      .post('/crm/companies')
      .json(companyPayload({ name: 'TALLERES GOMEZ', nif: '', confirmDuplicate: true }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    confirmed.assertStatus(302)
    assert.match(confirmed.header('location') ?? '', /^\/crm\/companies\/\d+$/)
    assert.equal(await count(org.id, 'TALLERES GOMEZ'), 1)
  })

  test('the form receives the warning after the redirect', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const existing = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const response = await client
      .post('/crm/companies')
      .json(companyPayload({ name: 'Talleres Gómez', nif: '' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .header('referer', '/crm/companies/create')
    response.assertInertiaComponent('crm/companies/form')
    assert.deepEqual(response.inertiaProps.duplicate, { id: existing, name: 'Talleres Gómez' })
  })

  test("a company out of the user's scope is reported without its name or link", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    await insertCompany(org, { name: 'Cliente Secreto S.L.', owner_id: colleague.id })
    const refused = await client
      .post('/crm/companies')
      .json(companyPayload({ name: 'Cliente secreto s.l.', nif: '' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      name: ['Ya existe una empresa con este nombre.'],
    })
    refused.assertFlashMessage('crmDuplicateName', { hidden: true })
    assert.notInclude(JSON.stringify(refused.flashMessages()), 'Secreto')
  })

  test("renaming to another company's name warns; saving an unchanged (already shared) name does not", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompany(org, { name: 'Ferretería López', owner_id: user.id })
    const twin = await insertCompany(org, { name: 'Ferreteria Lopez', owner_id: user.id })
    const other = await insertCompany(org, { name: 'Otra', owner_id: user.id })

    const renamed = await client
      .put(`/crm/companies/${other}`)
      .json(companyPayload({ name: 'ferretería lópez', nif: '' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    renamed.assertFlashMessage('inputErrorsBag', {
      name: ['Ya existe una empresa con este nombre: «Ferretería López».'],
    })
    assert.equal((await db.from('crm_companies').where('id', other).first()).name, 'Otra')

    const confirmed = await client
      .put(`/crm/companies/${other}`)
      .json(companyPayload({ name: 'ferretería lópez', nif: '', confirmDuplicate: true }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    confirmed.assertHeader('location', `/crm/companies/${other}`)
    assert.equal(
      (await db.from('crm_companies').where('id', other).first()).name,
      'ferretería lópez'
    )

    const unchanged = await client
      .put(`/crm/companies/${twin}`)
      .json(companyPayload({ name: 'Ferreteria Lopez', nif: '', type: 'proveedor' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    unchanged.assertHeader('location', `/crm/companies/${twin}`)
    assert.equal((await db.from('crm_companies').where('id', twin).first()).type, 'proveedor')
  })
})
