import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization } from '#tests/helpers/world'
import { saveCurrency } from '#app/settings/currencies'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

test.group('Pipeline · form options', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the currencies of the form carry their decimals (the amount box's minor units)", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    await saveCurrency(org.id, { code: 'JPY', symbol: '¥', decimals: 0 })
    await saveCurrency(org.id, { code: 'KWD', symbol: 'KD', decimals: 3 })
    const s = await stagesByName(org)
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    for (const url of ['/crm/opportunities/create', `/crm/opportunities/${id}/edit`]) {
      const response = await client.get(url).loginAs(rep).withInertia()
      response.assertStatus(200)
      const currencies = (response.inertiaProps as any).currencies
      assert.deepInclude(currencies, { value: 'EUR', label: 'EUR', decimals: 2 })
      assert.deepInclude(currencies, { value: 'JPY', label: 'JPY', decimals: 0 })
      assert.deepInclude(currencies, { value: 'KWD', label: 'KWD', decimals: 3 })
    }
  })
})
