import { test } from '@japa/runner'
import { createOrganization, createUser } from '#tests/helpers/world'
import type Organization from '#models/organization'
import { insertRule } from '../assignment_helpers.js'
import { insertLead, leadsUser } from '../leads_helpers.js'
import { removeOrganizations } from '../cleanup.js'
import { indexLeads } from '../../search/leads.js'
import db from '@adonisjs/lucid/services/db'

/*
 * An owner changed by the assignment rules ("Reasignar" here; create, import and web form go
 * through the same writer) keeps the search index current: with scope `own`, the new owner finds
 * the lead and the old one no longer does. No global transaction: MariaDB's FULLTEXT index only
 * sees committed rows.
 */
type Body = { groups: { resource: string; results: { title: string }[] }[] }

const created: number[] = []
async function organization(): Promise<Organization> {
  const org = await createOrganization(['crm'])
  created.push(org.id)
  return org
}

test.group('Assignment · search index follows the new owner', (g) => {
  g.teardown(() => removeOrganizations(created.splice(0)))

  test('after Reasignar the new owner finds the lead, the old one does not', async ({
    client,
    assert,
  }) => {
    const org = await organization()
    const [ana, luis] = [await leadsUser(org, 'own'), await leadsUser(org, 'own')]
    const boss = await createUser(org, { isAdmin: true })
    await insertRule(org, { strategy: 'fixed', fixedUserId: luis.id })
    const lead = await insertLead(org, { title: 'Zapatería Quetzal' }, { owner_id: ana.id })
    await indexLeads(db.connection(), org.id, [lead])
    const hits = async (user: any) => {
      const body = (await client.get('/search').qs({ q: 'quetzal' }).loginAs(user)).body() as Body
      return (body.groups.find((x) => x.resource === 'crm.leads')?.results ?? []).length
    }
    assert.equal(await hits(ana), 1)
    const response = await client
      .post(`/crm/assignment/leads/${lead}/reassign`)
      .loginAs(boss)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const row = await db.from('crm_leads').where('id', lead).firstOrFail()
    assert.equal(Number(row.owner_id), luis.id)
    assert.equal(await hits(luis), 1)
    assert.equal(await hits(ana), 0)
  })

  test('a converted or disqualified lead keeps its owner: Reasignar answers 404', async ({
    client,
    assert,
  }) => {
    const org = await organization()
    const [ana, luis] = [await leadsUser(org, 'own'), await leadsUser(org, 'own')]
    const boss = await createUser(org, { isAdmin: true })
    await insertRule(org, { strategy: 'fixed', fixedUserId: luis.id })
    for (const status of ['converted', 'disqualified']) {
      const lead = await insertLead(
        org,
        { title: `Cerrada ${status}` },
        { owner_id: ana.id, status }
      )
      const response = await client
        .post(`/crm/assignment/leads/${lead}/reassign`)
        .loginAs(boss)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(404)
      const row = await db.from('crm_leads').where('id', lead).firstOrFail()
      assert.equal(Number(row.owner_id), ana.id, status)
    }
  })
})
