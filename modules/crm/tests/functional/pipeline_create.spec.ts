import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { setRate } from '#app/settings/exchange_rates'
import { saveCurrency } from '#app/settings/currencies'
import { insertCompany, insertContact } from '../helpers.js'
import { accessOf, pipelineUser, stagesByName } from '../pipeline_helpers.js'
import { createOpportunity } from '../../actions/opportunities/create_opportunity.js'

test.group('Pipeline · createOpportunity', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('defaults: first open stage of the default pipeline, its probability, the owner team', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const leader = await pipelineUser(org, 'team')
    const team = await createTeam(org, leader, [rep], 'Norte')
    const companyId = await insertCompany(org, { name: 'Talleres Sur', owner_id: rep.id })
    const contactId = await insertContact(org, { company_id: companyId, owner_id: rep.id })
    const access = await accessOf(rep)
    const created = await createOpportunity({
      organizationId: org.id,
      actorId: rep.id,
      access,
      data: {
        name: 'Renovación flota',
        companyId,
        contactIds: [contactId],
        amountMinor: '1250000',
        leadId: 77,
        source: 'web',
        expectedCloseOn: '2027-03-31',
      },
    })
    const stages = await stagesByName(org)
    assert.equal(created.stageId, stages['En análisis'].id)
    assert.equal(created.probability, 10)
    assert.equal(created.teamId, team.id)
    assert.equal(created.ownerId, rep.id)
    assert.equal(created.status, 'open')
    assert.equal(created.amountOrgMinor, '1250000')
    assert.equal(created.weightedOrgMinor, '125000')
    assert.equal(created.exchangeRate, '1')
    assert.equal(created.leadId, 77)
    assert.equal(created.expectedCloseOn, '2027-03-31')
    assert.deepEqual(
      created.contacts.map((c) => c.contactId),
      [contactId]
    )
    const entries = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.opportunity', subject_id: created.id })
      .select('kind')
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['created']
    )
    assert.lengthOf(Object.keys(stages), 5)
  })

  test('a foreign currency is converted at the stored rate; no rate is refused', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await pipelineUser(org, 'all')
    await saveCurrency(org.id, { code: 'USD', symbol: '$', decimals: 2 } as any)
    const access = await accessOf(admin)
    const params = { organizationId: org.id, actorId: admin.id, access }
    await assert.rejects(() =>
      createOpportunity({
        ...params,
        data: { name: 'Sin tipo', amountMinor: 1000, currency: 'USD' },
      })
    )
    await setRate(org.id, { code: 'USD', rate: '0.9215', effectiveOn: '2020-01-01' })
    const created = await createOpportunity({
      ...params,
      data: { name: 'En dólares', amountMinor: '1000000', currency: 'USD', probability: 50 },
    })
    assert.equal(created.exchangeRate, '0.9215')
    assert.equal(created.amountOrgMinor, '921500')
    assert.equal(created.weightedOrgMinor, '460750')
    assert.equal(created.amountMinor, '1000000')
    assert.equal(created.currency, 'USD')
  })

  test('a lost stage needs a reason; in a caller transaction a rollback leaves nothing', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await pipelineUser(org, 'all')
    const access = await accessOf(admin)
    const stages = await stagesByName(org)
    const params = { organizationId: org.id, actorId: admin.id, access }
    const lost = stages['Cancelada/Perdida'].id
    await assert.rejects(() => createOpportunity({ ...params, data: { name: 'X', stageId: lost } }))
    const ok = await createOpportunity({
      ...params,
      data: { name: 'Perdida', stageId: lost, lostReason: 'precio' },
    })
    assert.equal(ok.status, 'lost')
    assert.isNotNull(ok.lostAt)
    const trx = await db.transaction()
    await createOpportunity({ ...params, data: { name: 'Revertida' }, trx })
    await trx.rollback()
    const names = await db.from('crm_opportunities').where('organization_id', org.id).select('name')
    assert.deepEqual(
      names.map((n) => n.name),
      ['Perdida']
    )
  })
})
