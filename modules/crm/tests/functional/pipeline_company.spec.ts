import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization } from '#tests/helpers/world'
import { timeline } from '#app/history/timeline'
import { insertCompany } from '../helpers.js'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

test.group('Pipeline · company page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the company opportunities the reader may see, with stage, amount and owner', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own', { fullName: 'Rep' })
    const other = await pipelineUser(org, 'own', { fullName: 'Otro' })
    const company = await insertCompany(org, { name: 'Talleres Mixtos', owner_id: rep.id })
    const s = await stagesByName(org)
    await insertOpportunity(org, {
      name: 'Mía',
      company_id: company,
      stage_id: s['Oferta presentada'].id,
      owner_id: rep.id,
      amount_minor: 450000,
    })
    await insertOpportunity(org, {
      name: 'Ajena',
      company_id: company,
      stage_id: s['En análisis'].id,
      owner_id: other.id,
    })
    const response = await client.get(`/crm/companies/${company}`).loginAs(rep).withInertia()
    response.assertStatus(200)
    const items = (response.inertiaProps as any).opportunities
    assert.deepEqual(
      items.map((o: any) => [o.name, o.stageName, o.amountMinor, o.ownerName]),
      [['Mía', 'Oferta presentada', '450000', 'Rep']]
    )
  })

  test("the company's timeline holds its visible opportunities' entries, named, and not the others'", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own', { fullName: 'Rep' })
    const other = await pipelineUser(org, 'own', { fullName: 'Otro' })
    const company = await insertCompany(org, { name: 'Talleres Historia', owner_id: rep.id })
    const s = await stagesByName(org)
    const mine = await insertOpportunity(org, {
      name: 'Renovación visible',
      company_id: company,
      stage_id: s['En análisis'].id,
      owner_id: rep.id,
    })
    const theirs = await insertOpportunity(org, {
      name: 'Secreta',
      company_id: company,
      stage_id: s['En análisis'].id,
      owner_id: other.id,
    })
    const note = (subjectId: number, body: string) =>
      timeline.record({
        organizationId: org.id,
        subjectType: 'crm.opportunity',
        subjectId,
        kind: 'note',
        actorId: rep.id,
        data: { body },
      })
    await note(mine, 'Nota de la mía')
    await note(theirs, 'Nota de la ajena')
    const response = await client.get(`/crm/companies/${company}`).loginAs(rep).withInertia()
    response.assertStatus(200)
    const entries = (response.inertiaProps as any).timeline.entries
    const notes = entries.filter((e: any) => e.kind === 'note')
    assert.deepEqual(
      notes.map((e: any) => [e.data.body, e.about?.name, e.about?.href]),
      [['Nota de la mía', 'Renovación visible', `/crm/opportunities/${mine}`]]
    )
  })

  test('a user without opportunity permissions gets no section', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const { crmUser } = await import('../helpers.js')
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Sin Oportunidades' })
    const response = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    response.assertStatus(200)
    assert.isNull((response.inertiaProps as any).opportunities)
  })
})
