import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { seededRandom } from '#app/kernel/demo'
import { createOrganization } from '#tests/helpers/world'
import { companyExists, contactsOfCompany, findByEmail, findCompanySummary, findContactSummary, visibleCompanyNames } from '../../contracts/index.js'
import { isValidNif } from '../../support/nif.js'
import seedCrmDemo from '../../database/seeders/demo.js'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

test.group('Public contracts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('summaries and look-ups stay inside the organization; visibleCompanyNames applies the scope', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const mine = await insertCompany(org, { name: 'Mía', nif: 'B12345674', owner_id: rep.id })
    const theirs = await insertCompany(org, { name: 'Suya', owner_id: colleague.id })
    const foreign = await insertCompany(other, { name: 'Ajena' })
    const contact = await insertContact(org, { company_id: mine, first_name: 'Eva', last_name: 'Sanz', position: 'Gerente', owner_id: rep.id })
    await db.table('crm_emails').insert({ organization_id: org.id, contact_id: contact, value: 'eva@mia.es', value_normalized: 'eva@mia.es', is_primary: true, position: 0 })

    assert.deepEqual(await findCompanySummary(org.id, mine), { id: mine, name: 'Mía', nif: 'B12345674', type: 'cliente', ownerId: rep.id })
    assert.isNull(await findCompanySummary(org.id, foreign))
    assert.isTrue(await companyExists(org.id, theirs))
    assert.isFalse(await companyExists(org.id, foreign))
    assert.deepEqual(await contactsOfCompany(org.id, mine), [{ id: contact, companyId: mine, name: 'Eva Sanz', position: 'Gerente', email: 'eva@mia.es', ownerId: rep.id }])
    assert.equal((await findContactSummary(org.id, contact))?.email, 'eva@mia.es')
    assert.deepEqual(await findByEmail(org.id, ' EVA@mia.es'), { companyIds: [], contactIds: [contact] })
    assert.deepEqual(await findByEmail(other.id, 'eva@mia.es'), { companyIds: [], contactIds: [] })
    const names = await visibleCompanyNames(await AccessContext.forUser(rep), [mine, theirs, foreign])
    assert.deepEqual([...names.entries()], [[mine, 'Mía']])
  })
})

test.group('Demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the demo seeder writes ~300 companies and ~700 contacts, the same every time, with valid CIFs and a sound org chart', async ({ assert }) => {
    const users: Record<string, number> = {}
    const seed = async () => {
      const org = await createOrganization(['crm'])
      for (const key of ['admin', 'manager', 'leader', 'rep1', 'rep2', 'support', 'former']) users[key] = (await crmUser(org, 'own')).id
      const started = performance.now()
      await seedCrmDemo({ organizationId: org.id, users: { ...users }, random: seededRandom() })
      return { org, ms: performance.now() - started }
    }
    const first = await seed()
    const companies = await db.from('crm_companies').where('organization_id', first.org.id).orderBy('id').select('name', 'nif', 'owner_id')
    const contacts = await db.from('crm_contacts as ct').leftJoin('crm_contacts as m', 'm.id', 'ct.reports_to_id')
      .where('ct.organization_id', first.org.id).select('ct.company_id', 'ct.reports_to_id', 'm.company_id as manager_company')
    assert.lengthOf(companies, 300)
    assert.isAbove(contacts.length, 650)
    assert.isBelow(contacts.length, 760)
    assert.isTrue(companies.filter((c) => c.nif).every((c) => isValidNif(c.nif)), 'every CIF has its check digit')
    assert.equal(new Set(companies.map((c) => c.nif).filter(Boolean)).size, companies.filter((c) => c.nif).length, 'no NIF twice')
    assert.isTrue(contacts.filter((c) => c.reports_to_id).every((c) => c.manager_company === c.company_id), 'managers work at the same company')
    assert.isAbove(contacts.filter((c) => c.reports_to_id).length, 200)
    const owners = new Set(companies.map((c) => Number(c.owner_id)))
    for (const key of ['rep1', 'rep2', 'leader', 'manager']) assert.isTrue(owners.has(users[key]), `${key} owns companies`)
    const notes = await db.from('timeline_events').where({ organization_id: first.org.id, kind: 'note' }).count('* as n').first()
    assert.isAbove(Number(notes?.n), 20)
    assert.isBelow(first.ms, 10_000, 'seeding takes seconds, not minutes')

    const second = await seed()
    const again = await db.from('crm_companies').where('organization_id', second.org.id).orderBy('id').select('name', 'nif')
    assert.deepEqual(again.map((c) => [c.name, c.nif]), companies.map((c) => [c.name, c.nif]), 'deterministic')
  })
})
