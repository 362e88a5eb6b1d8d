import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompanies, insertCompany, insertContact } from '../helpers.js'

/*
 * An export of an explicit selection sends its ids in a POST body (a query string breaks past
 * some 2,000 ids); scope and permission still apply row by row.
 */

const dataLines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(1)

test.group('Export of a large selection (POST)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('3,000 selected companies are exported; rows out of scope or elsewhere are not', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    await insertCompanies(org, 3000, (i) => ({
      name: `Seleccionada ${String(i).padStart(4, '0')}`,
      owner_id: user.id,
    }))
    const mine = (await db.from('crm_companies').where('organization_id', org.id).select('id')).map(
      (r) => Number(r.id)
    )
    assert.lengthOf(mine, 3000)
    const hidden = await insertCompany(org, { name: 'De Otro', owner_id: other.id })
    const elsewhere = await insertCompany(await createOrganization(['crm']), { name: 'Ajena' })
    const ids = [...mine, hidden, elsewhere]

    const response = await client
      .post('/crm/companies/bulk/export')
      .json({ ids, format: 'csv' })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(200)
    assert.include(String(response.header('content-disposition')), 'attachment')
    const lines = dataLines(response.text())
    assert.lengthOf(lines, 3000)
    assert.notInclude(response.text(), 'De Otro')
    assert.notInclude(response.text(), 'Ajena')
    assert.include(response.text(), 'Seleccionada 2999')

    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, action: 'export', field: 'rows' })
      .firstOrFail()
    assert.equal(audit.new_value, '3000')

    const xlsx = await client
      .post('/crm/companies/bulk/export')
      .json({ ids: ids.slice(0, 10), format: 'xlsx' })
      .loginAs(user)
      .withCsrfToken()
    xlsx.assertStatus(200)
    assert.include(String(xlsx.header('content-type')), 'spreadsheetml')
  })

  test('a POST without ids exports nothing; without the export permission or CSRF it is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompany(org, { name: 'No Pedida' })
    const contact = await insertContact(org, { first_name: 'Elegida' })
    await insertContact(org, { first_name: 'Olvidada' })

    const empty = await client
      .post('/crm/companies/bulk/export')
      .json({ format: 'csv' })
      .loginAs(user)
      .withCsrfToken()
    empty.assertStatus(200)
    assert.lengthOf(dataLines(empty.text()), 0)

    const contacts = await client
      .post('/crm/contacts/bulk/export')
      .json({ ids: [contact], format: 'csv' })
      .loginAs(user)
      .withCsrfToken()
    contacts.assertStatus(200)
    assert.include(contacts.text(), 'Elegida')
    assert.notInclude(contacts.text(), 'Olvidada')

    const noExport = await crmUser(org, 'all', {}, ['view', 'edit'])
    const forbidden = await client
      .post('/crm/contacts/bulk/export')
      .json({ ids: [contact] })
      .loginAs(noExport)
      .withCsrfToken()
    forbidden.assertStatus(403)
    const noToken = await client
      .post('/crm/contacts/bulk/export')
      .json({ ids: [contact] })
      .loginAs(user)
      .redirects(0)
    noToken.assertStatus(302)
    assert.notInclude(noToken.text(), 'Elegida')
  })
})
