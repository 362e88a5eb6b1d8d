import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertLead, leadPayload, leadsUser } from '../leads_helpers.js'
import { pipelineUser } from '../pipeline_helpers.js'

test.group('Quotas · product family on opportunities', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form offers the families; a valid one is saved and shown, an unknown one refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const form = await client.get('/crm/opportunities/create').loginAs(rep).withInertia()
    form.assertStatus(200)
    assert.includeMembers(
      (form.inertiaProps as any).families.map((f: any) => f.value),
      ['crm', 'erp', 'tpv']
    )
    const post = (productFamily: string) =>
      client
        .post('/crm/opportunities')
        .json({ name: `Oportunidad ${productFamily}`, productFamily })
        .accept('json')
        .withCsrfToken()
        .loginAs(rep)
    ;(await post('inventada')).assertStatus(422)
    ;(await post('erp')).assertStatus(200)
    const row = await db
      .from('crm_opportunities')
      .where({ organization_id: org.id, name: 'Oportunidad erp' })
      .firstOrFail()
    assert.equal(row.product_family, 'erp')
    assert.lengthOf(
      await db.from('crm_opportunities').where({ organization_id: org.id, product_family: null }),
      0
    )
    const page = await client.get(`/crm/opportunities/${row.id}`).loginAs(rep).withInertia()
    const props = page.inertiaProps as any
    assert.equal(props.opportunity.productFamily, 'erp')
    assert.equal(props.families.erp, 'ERP')
  })

  test('converting a lead carries its product of interest when it is a family', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await leadsUser(org, 'all')
    const convert = async (productInterest: string) => {
      const id = await insertLead(org, leadPayload({ productInterest }), { owner_id: user.id })
      await client
        .post(`/crm/leads/${id}/convert`)
        .json({ company: 'none', contact: 'none', opportunity: true })
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
      const lead = await db.from('crm_leads').where('id', id).firstOrFail()
      const opportunity = await db
        .from('crm_opportunities')
        .where('id', lead.converted_opportunity_id)
        .firstOrFail()
      return opportunity.product_family
    }
    assert.equal(await convert('tpv'), 'tpv')
    // "otros" is a product of interest but not a family: the opportunity has none.
    assert.isNull(await convert('otros'))
  })
})
