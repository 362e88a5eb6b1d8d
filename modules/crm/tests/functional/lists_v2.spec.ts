import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { crmUser, insertCompanies, insertContact } from '../helpers.js'

const get = async (client: any, user: any, url: string) =>
  (await client.get(url).loginAs(user).withInertia()).inertiaProps

test.group('Lists: declaration, rows per page, date range, every offered sort', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list declaration and the user scope reach both list pages', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const director = await crmUser(org, 'all')
    const props = await get(client, rep, '/crm/companies')
    const { declaration, scope } = props.list
    assert.equal(scope, 'own')
    assert.deepEqual(declaration.sorts, ['name', '-name', 'created', '-created'])
    const name = declaration.columns.find((c: any) => c.key === 'name')
    assert.deepEqual(name.sort, { asc: 'name', desc: '-name' })
    assert.isTrue(name.primary)
    assert.equal(declaration.columns.find((c: any) => c.key === 'phone').type, 'phone')
    const month = declaration.quickFilters.find((q: any) => q.key === 'this_month')
    assert.equal(month.params.created_from, `${new Date().toISOString().slice(0, 7)}-01`)
    assert.deepEqual(declaration.quickFilters.find((q: any) => q.key === 'mine').params, {
      owner: 'mine',
    })
    assert.equal((await get(client, director, '/crm/companies')).list.scope, 'all')
    const leader = await crmUser(org, 'team')
    await createTeam(org, leader, [rep], 'Norte')
    assert.equal((await get(client, leader, '/crm/companies')).list.scope, 'team')
    // A manager whose scope follows reporting lines is not told she sees "her team".
    const manager = await crmUser(org, 'hierarchy')
    await db.from('users').where('id', rep.id).update({ reports_to_id: manager.id })
    assert.equal((await get(client, manager, '/crm/companies')).list.scope, 'hierarchy')
    const contacts = await get(client, rep, '/crm/contacts')
    assert.equal(contacts.list.scope, 'own')
    assert.include(
      contacts.list.declaration.columns.map((c: any) => c.key),
      'company'
    )
  })

  test('rows per page: 25, 50 or 100; anything else is refused (default 25)', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompanies(org, 120, (i) => ({ name: `Empresa ${i}`, owner_id: user.id }))
    for (const [per, rows] of [
      ['', 25],
      ['50', 50],
      ['100', 100],
      ['30', 25],
      ['1000', 25],
      ['abc', 25],
    ] as const) {
      const props = await get(client, user, `/crm/companies${per ? `?per=${per}` : ''}`)
      assert.lengthOf(props.companies, rows, `per=${per}`)
      assert.equal(props.filters.per, rows)
    }
    for (let i = 0; i < 60; i++) await insertContact(org, { owner_id: user.id })
    assert.lengthOf((await get(client, user, '/crm/contacts?per=50')).contacts, 50)
  })

  test('created date range: from and to, days included, on both lists', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompanies(org, 5, (i) => ({
      name: `Empresa ${i}`,
      owner_id: user.id,
      created_at: `2025-03-0${i + 1} 23:30:00`,
    }))
    const names = async (qs: string) =>
      (await get(client, user, `/crm/companies?${qs}`)).companies.map((c: any) => c.name)
    assert.deepEqual(await names('created_from=2025-03-02&created_to=2025-03-04'), [
      'Empresa 1',
      'Empresa 2',
      'Empresa 3',
    ])
    assert.deepEqual(await names('created_from=2025-03-05'), ['Empresa 4'])
    assert.deepEqual(await names('created_to=2025-03-01'), ['Empresa 0'])
    const props = await get(client, user, '/crm/companies?created_from=2025-03-05')
    assert.equal(props.filters.created_from, '2025-03-05')
    assert.deepEqual(props.count, { value: 1, capped: false })
    await insertContact(org, {
      first_name: 'Antigua',
      owner_id: user.id,
      created_at: '2024-01-01 10:00:00',
    })
    await insertContact(org, {
      first_name: 'Nueva',
      owner_id: user.id,
      created_at: '2025-06-01 10:00:00',
    })
    const contacts = await get(client, user, '/crm/contacts?created_from=2025-01-01')
    assert.deepEqual(
      contacts.contacts.map((c: any) => c.name.split(' ')[0]),
      ['Nueva']
    )
  })

  for (const list of ['companies', 'contacts'] as const) {
    test(`every offered sort of ${list} pages forwards and back over 3 pages, each row once`, async ({
      client,
      assert,
    }) => {
      const org = await createOrganization(['crm'])
      const user = await crmUser(org, 'own')
      const colleague = await crmUser(org, 'own')
      // Duplicate names and timestamps on purpose: the id breaks ties.
      if (list === 'companies') {
        await insertCompanies(org, 60, (i) => ({
          name: `Talleres ${String(i % 9).padStart(2, '0')}`,
          owner_id: user.id,
          created_at: `2025-0${1 + (i % 3)}-01 10:00:00`,
        }))
        await insertCompanies(org, 10, (i) => ({ name: `Ajena ${i}`, owner_id: colleague.id }))
      } else {
        for (let i = 0; i < 60; i++)
          await insertContact(org, {
            first_name: `Persona ${String(i % 9).padStart(2, '0')}`,
            owner_id: user.id,
            created_at: `2025-0${1 + (i % 3)}-01 10:00:00`,
          })
        await insertContact(org, { first_name: 'Ajena', owner_id: colleague.id })
      }
      const sorts: string[] = (await get(client, user, `/crm/${list}`)).list.declaration.sorts
      assert.isAtLeast(sorts.length, 4)
      for (const sort of sorts) {
        const pages: number[][] = []
        let props = await get(client, user, `/crm/${list}?sort=${sort}`)
        pages.push(props[list].map((r: any) => r.id))
        while (props.next) {
          props = await get(
            client,
            user,
            `/crm/${list}?sort=${sort}&cursor=${encodeURIComponent(props.next)}`
          )
          pages.push(props[list].map((r: any) => r.id))
        }
        assert.lengthOf(pages, 3, sort)
        const ids = pages.flat()
        assert.lengthOf(ids, 60, sort)
        assert.lengthOf(new Set(ids), 60, `${sort}: no row twice`)
        // And back: each previous page is the one seen going forwards.
        for (let i = pages.length - 2; i >= 0; i--) {
          props = await get(
            client,
            user,
            `/crm/${list}?sort=${sort}&before=${encodeURIComponent(props.prev)}`
          )
          assert.deepEqual(
            props[list].map((r: any) => r.id),
            pages[i],
            `${sort}: page ${i + 1} backwards`
          )
        }
        assert.isNull(props.prev, sort)
        // The order is the sort's: ascending sorts are the reverse of their descending twins.
        if (sort.startsWith('-')) {
          const p = await get(client, user, `/crm/${list}?sort=${sort.slice(1)}&per=100`)
          const asc: number[] = p[list].map((r: any) => r.id)
          assert.deepEqual(ids, asc.reverse(), `${sort} is the reverse of ${sort.slice(1)}`)
        }
      }
    })
  }
})
