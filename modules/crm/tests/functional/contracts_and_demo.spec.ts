import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { AccessContext } from '#app/access/access_context'
import { DEMO_PASSWORD, seedDemo, seededRandom } from '#app/kernel/demo'
import { moduleRegistry } from '#app/registry/main'
import User from '#models/user'
import { createOrganization } from '#tests/helpers/world'
import {
  companyExists,
  contactsOfCompany,
  findByEmail,
  findCompanySummary,
  findContactSummary,
  visibleCompanyNames,
} from '../../contracts/index.js'
import { isValidNif } from '../../support/nif.js'
import seedCrmDemo from '../../database/seeders/demo.js'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

test.group('Public contracts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('summaries and look-ups stay inside the organization; visibleCompanyNames applies the scope', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const mine = await insertCompany(org, { name: 'Mía', nif: 'B12345674', owner_id: rep.id })
    const theirs = await insertCompany(org, { name: 'Suya', owner_id: colleague.id })
    const foreign = await insertCompany(other, { name: 'Ajena' })
    const contact = await insertContact(org, {
      company_id: mine,
      first_name: 'Eva',
      last_name: 'Sanz',
      position: 'Gerente',
      owner_id: rep.id,
    })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: contact,
      value: 'eva@mia.es',
      value_normalized: 'eva@mia.es',
      is_primary: true,
      position: 0,
    })

    assert.deepEqual(await findCompanySummary(org.id, mine), {
      id: mine,
      name: 'Mía',
      nif: 'B12345674',
      type: 'cliente',
      ownerId: rep.id,
    })
    assert.isNull(await findCompanySummary(org.id, foreign))
    assert.isTrue(await companyExists(org.id, theirs))
    assert.isFalse(await companyExists(org.id, foreign))
    assert.deepEqual(await contactsOfCompany(org.id, mine), [
      {
        id: contact,
        companyId: mine,
        name: 'Eva Sanz',
        position: 'Gerente',
        email: 'eva@mia.es',
        ownerId: rep.id,
      },
    ])
    assert.equal((await findContactSummary(org.id, contact))?.email, 'eva@mia.es')
    assert.deepEqual(await findByEmail(org.id, ' EVA@mia.es'), {
      companyIds: [],
      contactIds: [contact],
    })
    assert.deepEqual(await findByEmail(other.id, 'eva@mia.es'), { companyIds: [], contactIds: [] })
    const names = await visibleCompanyNames(await AccessContext.forUser(rep), [
      mine,
      theirs,
      foreign,
    ])
    assert.deepEqual([...names.entries()], [[mine, 'Mía']])
  })
})

test.group('Demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test(
    'the demo seeder writes ~300 companies and ~700 contacts, ' +
      'the same every time, with valid CIFs and a sound org chart',
    async ({ assert }) => {
      const users: Record<string, number> = {}
      const seed = async () => {
        const org = await createOrganization(['crm'])
        for (const key of [
          'admin',
          'manager',
          'leader',
          'zoneLead',
          'rep1',
          'rep2',
          'support',
          'former',
        ])
          users[key] = (await crmUser(org, 'own')).id
        await seedCrmDemo({ organizationId: org.id, users: { ...users }, random: seededRandom() })
        return { org }
      }
      const first = await seed()
      const companies = await db
        .from('crm_companies')
        .where('organization_id', first.org.id)
        .orderBy('id')
        .select('name', 'nif', 'owner_id')
      const contacts = await db
        .from('crm_contacts as ct')
        .leftJoin('crm_contacts as m', 'm.id', 'ct.reports_to_id')
        .where('ct.organization_id', first.org.id)
        .select('ct.company_id', 'ct.reports_to_id', 'm.company_id as manager_company')
      assert.lengthOf(companies, 300)
      // The import's and lead matching's duplicate keys are set like the form sets them.
      const keyless = await db
        .from('crm_companies')
        .where('organization_id', first.org.id)
        .whereNull('name_key')
        .count('* as n')
        .first()
      assert.equal(Number(keyless.n), 0, 'every demo company has its name key')
      const tagged = await db
        .from('taggings')
        .where('organization_id', first.org.id)
        .where('resource', 'crm.companies')
        .countDistinct('record_id as n')
      assert.isAbove(Number(tagged[0].n), 60, 'about a third of the companies carry tags')
      assert.isBelow(Number(tagged[0].n), 150)
      assert.isAbove(contacts.length, 650)
      assert.isBelow(contacts.length, 760)
      assert.isTrue(
        companies.filter((c) => c.nif).every((c) => isValidNif(c.nif)),
        'every CIF has its check digit'
      )
      assert.equal(
        new Set(companies.map((c) => c.nif).filter(Boolean)).size,
        companies.filter((c) => c.nif).length,
        'no NIF twice'
      )
      assert.isTrue(
        contacts.filter((c) => c.reports_to_id).every((c) => c.manager_company === c.company_id),
        'managers work at the same company'
      )
      assert.isAbove(contacts.filter((c) => c.reports_to_id).length, 200)
      const owners = new Set(companies.map((c) => Number(c.owner_id)))
      for (const key of ['rep1', 'rep2', 'zoneLead', 'leader', 'manager'])
        assert.isTrue(owners.has(users[key]), `${key} owns companies`)
      const notes = await db
        .from('timeline_events')
        .where({ organization_id: first.org.id, kind: 'note' })
        .count('* as n')
        .first()
      assert.isAbove(Number(notes?.n), 20)
      const indexed = await db
        .from('search_documents')
        .where('organization_id', first.org.id)
        .whereIn('resource', ['crm.companies', 'crm.contacts'])
        .select('resource')
        .count('* as n')
        .groupBy('resource')
        .orderBy('resource')
      assert.deepEqual(
        indexed.map((r) => [r.resource, Number(r.n)]),
        [
          ['crm.companies', companies.length],
          ['crm.contacts', contacts.length],
        ],
        'the search index holds every demo company and contact'
      )

      const second = await seed()
      const again = await db
        .from('crm_companies')
        .where('organization_id', second.org.id)
        .orderBy('id')
        .select('name', 'nif')
      assert.deepEqual(
        again.map((c) => [c.name, c.nif]),
        companies.map((c) => [c.name, c.nif]),
        'deterministic'
      )
    }
  )

  test(
    'the demo organization: jefa.sur (hierarchy scope) sees her companies ' +
      'and those of ventas2, who reports to her, not those of ventas1',
    async ({ assert }) => {
      assert.isTrue(await seedDemo(await moduleRegistry()))
      assert.isFalse(
        await seedDemo(await moduleRegistry()),
        'idempotent: a second run does nothing'
      )
      const org = (await db.from('organizations').where('slug', 'demo').first())!
      const user = (email: string) =>
        User.query().where({ organization_id: org.id, email }).firstOrFail()
      const [zoneLead, rep1, rep2, leader] = await Promise.all(
        ['jefa.sur', 'ventas1', 'ventas2', 'jefe.norte'].map((n) => user(`${n}@demo.cartera.es`))
      )
      assert.equal(zoneLead.fullName, 'Rocío Jiménez Morales')
      assert.equal(zoneLead.locale, 'es')
      assert.isTrue(await hash.verify(zoneLead.password, DEMO_PASSWORD))
      assert.equal(rep2.reportsToId, zoneLead.id)
      const active = await db
        .from('users')
        .where({ organization_id: org.id, is_active: true })
        .count('* as n')
        .first()
      assert.equal(Number(active?.n), 7, 'within the 10 active users of evaluation mode')

      const role = await db
        .from('roles')
        .join('user_roles', 'user_roles.role_id', 'roles.id')
        .where('user_roles.user_id', zoneLead.id)
        .select('roles.id', 'roles.name')
        .first()
      assert.equal(role.name, 'Jefa de zona')
      const scopes = await db
        .from('role_scopes')
        .where('role_id', role.id)
        // The CRM's grants (the test run also registers the kernel tests' probe module).
        .whereIn('resource', ['crm.companies', 'crm.contacts'])
        .orderBy('resource')
        .select('resource', 'scope')
      assert.deepEqual(
        scopes.map((s) => [s.resource, s.scope]),
        [
          ['crm.companies', 'hierarchy'],
          ['crm.contacts', 'hierarchy'],
        ]
      )
      const permissions = (
        await db
          .from('role_permissions')
          .where('role_id', role.id)
          .where((q) =>
            q
              .where('permission', 'like', 'crm.companies.%')
              .orWhere('permission', 'like', 'crm.contacts.%')
          )
          .select('permission')
      ).map((p) => p.permission)
      assert.sameMembers(
        permissions,
        ['view', 'create', 'edit', 'export'].flatMap((a) => [
          `crm.companies.${a}`,
          `crm.contacts.${a}`,
        ])
      )

      const visible = async (
        who: User,
        table: 'crm_companies' | 'crm_contacts',
        resource: string
      ) => {
        const query = db.from(table)
        await (await AccessContext.forUser(who)).scope(query, resource)
        return (await query.orderBy('id').select('id')).map((r) => Number(r.id))
      }
      const ownedBy = async (table: string, owners: number[]) =>
        (
          await db
            .from(table)
            .where('organization_id', org.id)
            .whereIn('owner_id', owners)
            .orderBy('id')
            .select('id')
        ).map((r) => Number(r.id))
      const companies = await visible(zoneLead, 'crm_companies', 'crm.companies')
      assert.deepEqual(companies, await ownedBy('crm_companies', [zoneLead.id, rep2.id]))
      assert.deepEqual(
        await visible(zoneLead, 'crm_contacts', 'crm.contacts'),
        await ownedBy('crm_contacts', [zoneLead.id, rep2.id])
      )
      const ofRep1 = await ownedBy('crm_companies', [rep1.id])
      assert.isNotEmpty(ofRep1)
      assert.isEmpty(
        companies.filter((id) => ofRep1.includes(id)),
        'nothing of ventas1'
      )
      assert.isNotEmpty(await ownedBy('crm_companies', [zoneLead.id]), 'she owns companies herself')
      assert.isNotEmpty(await ownedBy('crm_companies', [rep2.id]))
      // ventas2 stays in Equipo Norte: jefe.norte still sees his companies through the team.
      assert.includeMembers(
        await visible(leader, 'crm_companies', 'crm.companies'),
        await ownedBy('crm_companies', [rep2.id])
      )
    }
    // The whole demo is seeded: 11–23 s under CI beside five other test runs, once over 30 s.
  ).timeout(90_000)
})
