import { test } from '@japa/runner'
import { createOrganization } from '#tests/helpers/world'
import { AccessContext } from '#app/access/access_context'
import type Organization from '#models/organization'
import { insertCompany } from '../helpers.js'
import { removeOrganizations } from '../cleanup.js'
import { pipelineUser } from '../pipeline_helpers.js'
import { createOpportunity } from '../../actions/opportunities/create_opportunity.js'
import { updateOpportunity } from '../../actions/opportunities/update_opportunity.js'

type Body = {
  groups: {
    resource: string
    results: { title: string; subtitle: string | null; href: string }[]
  }[]
}

const created: number[] = []
async function organization(): Promise<Organization> {
  const org = await createOrganization(['crm'])
  created.push(org.id)
  return org
}
const hits = (body: Body) =>
  (body.groups.find((g) => g.resource === 'crm.opportunities')?.results ?? []).map((r) => r.title)

test.group('Pipeline · search index', (g) => {
  g.teardown(() => removeOrganizations(created.splice(0)))

  test('found by name and company, kept current on edit, within the owner scope', async ({
    client,
    assert,
  }) => {
    const org = await organization()
    const rep = await pipelineUser(org, 'own')
    const other = await pipelineUser(org, 'own')
    const companyId = await insertCompany(org, { name: 'Bodegas Ribera', owner_id: rep.id })
    const params = {
      organizationId: org.id,
      actorId: rep.id,
      access: await AccessContext.forUser(rep),
    }
    const mine = await createOpportunity({
      ...params,
      data: { name: 'Barricas nuevas', companyId },
    })
    await createOpportunity({
      organizationId: org.id,
      actorId: other.id,
      access: await AccessContext.forUser(other),
      data: { name: 'Barricas ajenas' },
    })
    const search = async (q: string) =>
      (await client.get('/search').qs({ q }).loginAs(rep)).body() as Body
    assert.deepEqual(hits(await search('barricas')), ['Barricas nuevas'])
    assert.deepEqual(hits(await search('ribera')), ['Barricas nuevas'])
    const group = (await search('barricas')).groups.find((x) => x.resource === 'crm.opportunities')!
    assert.equal(group.results[0].href, `/crm/opportunities/${mine.id}`)
    await updateOpportunity({ ...params, id: mine.id, data: { name: 'Toneles nuevos' } })
    assert.deepEqual(hits(await search('toneles')), ['Toneles nuevos'])
    assert.deepEqual(hits(await search('barricas')), [])
  })
})
