import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { setRate } from '#app/settings/exchange_rates'
import { saveCurrency } from '#app/settings/currencies'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

const changesOf = async (id: number) => {
  const rows = await db
    .from('timeline_events')
    .where({ subject_type: 'crm.opportunity', subject_id: id, kind: 'updated' })
    .orderBy('id')
    .select('data')
  return rows.flatMap((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data).changes)
}

test.group('Pipeline · edit form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('amount, currency, close date and owner changes go to the timeline; the rate is stored', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const leader = await pipelineUser(org, 'team', { fullName: 'Líder' })
    const rep = await pipelineUser(org, 'own', { fullName: 'Comercial' })
    await createTeam(org, leader, [rep], 'Sur')
    await saveCurrency(org.id, { code: 'USD', symbol: '$', decimals: 2 })
    await setRate(org.id, { code: 'USD', rate: '0.9000', effectiveOn: '2020-01-01' })
    const s = await stagesByName(org)
    const id = await insertOpportunity(org, {
      name: 'Cambio',
      stage_id: s['Oferta presentada'].id,
      owner_id: leader.id,
      amount_minor: 100000,
      probability: 40,
      expected_close_on: '2027-01-31',
    })
    const response = await client
      .put(`/crm/opportunities/${id}`)
      .json({
        name: 'Cambio',
        amountMinor: '200000',
        currency: 'USD',
        expectedCloseOn: '2027-02-28',
        ownerId: rep.id,
      })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(leader)
      .redirects(0)
    response.assertStatus(302)
    const row = await db.from('crm_opportunities').where('id', id).first()
    assert.equal(String(row.amount_minor), '200000')
    assert.equal(row.currency, 'USD')
    assert.equal(row.exchange_rate, '0.9000')
    assert.equal(String(row.amount_org_minor), '180000')
    assert.equal(String(row.weighted_org_minor), '72000')
    assert.equal(Number(row.owner_id), rep.id)
    const changes = await changesOf(id)
    const fields = changes.map((c: any) => c.field).sort()
    assert.includeMembers(fields, ['amount', 'expectedCloseOn', 'owner'])
    assert.deepInclude(changes, { field: 'amount', from: '1000.00 EUR', to: '2000.00 USD' })
  })

  test('out of the edit scope is 404', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const other = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: other.id })
    const response = await client
      .put(`/crm/opportunities/${id}`)
      .json({ name: 'No' })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
    response.assertStatus(404)
    const edit = await client.get(`/crm/opportunities/${id}/edit`).loginAs(rep)
    edit.assertStatus(404)
  })
})
