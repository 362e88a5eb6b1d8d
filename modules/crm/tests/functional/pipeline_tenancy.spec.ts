import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { RuleError } from '#app/support/rule_error'
import { insertCompany } from '../helpers.js'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'
import { updateOpportunity } from '../../actions/opportunities/update_opportunity.js'
import { loadOpportunity } from '../../actions/opportunities/load_opportunity.js'
import { AccessContext } from '#app/access/access_context'

const competitorsOf = (opportunityId: number) =>
  db.from('crm_opportunity_competitors').where('opportunity_id', opportunityId).select('company_id')

test.group('Pipeline · competitors stay inside the tenant and the scope', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('editing refuses a competitor of another organization or out of scope', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const foreignOrg = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const colleague = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const rival = { type: 'competidor' }
    const mine = await insertCompany(org, { ...rival, name: 'Rival Propio', owner_id: rep.id })
    const hidden = await insertCompany(org, {
      ...rival,
      name: 'Rival Ajeno',
      owner_id: colleague.id,
    })
    const foreign = await insertCompany(foreignOrg, { ...rival, name: 'Secreto de Otro Tenant' })
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    const access = await AccessContext.forUser(rep)
    const edit = (companyId: number) =>
      updateOpportunity({
        organizationId: org.id,
        actorId: rep.id,
        access,
        id,
        data: { name: 'Con rivales', competitors: [{ companyId: mine }, { companyId }] },
      })
    for (const companyId of [foreign, hidden]) {
      const error = await edit(companyId).catch((e) => e)
      assert.instanceOf(error, RuleError)
      assert.equal(error.field, 'competitors')
      assert.lengthOf(await competitorsOf(id), 0)
    }
    await edit(mine)
    assert.deepEqual(
      (await competitorsOf(id)).map((r) => Number(r.company_id)),
      [mine]
    )
  })

  test("a foreign company id stored by mistake never shows the other tenant's name", async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const foreignOrg = await createOrganization(['crm'])
    const s = await stagesByName(org)
    const foreign = await insertCompany(foreignOrg, { name: 'Secreto de Otro Tenant' })
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, company_id: foreign })
    await db.table('crm_opportunity_competitors').insert({
      organization_id: org.id,
      opportunity_id: id,
      company_id: foreign,
    })
    const record = (await loadOpportunity(db.connection(), org.id, id))!
    assert.isNull(record.companyName)
    assert.deepEqual(record.competitors, [])
    assert.notInclude(JSON.stringify(record), 'Secreto')
  })
})
