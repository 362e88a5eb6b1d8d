import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'
import { deleteStage } from '../../actions/opportunities/team_pipeline.js'

const opportunity = (id: number) => db.from('crm_opportunities').where('id', id).first()
const stage = (id: number) => db.from('crm_pipeline_stages').where('id', id).first()

test.group('Pipeline · editing stages keeps their opportunities consistent', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a stage holding opportunities cannot become won or lost; an empty one can', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const rep = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const busy = s['En negociación']
    const id = await insertOpportunity(org, { stage_id: busy.id, owner_id: rep.id })
    const put = (stageId: number, body: object) =>
      client
        .put(`/crm/opportunities/teams/stages/${stageId}`)
        .json({ name: 'Cerrada', probability: 100, ...body })
        .header('referer', '/crm/opportunities/teams')
        .withCsrfToken()
        .loginAs(admin)
        .redirects(0)
    const refused = await put(busy.id, { isWon: true })
    refused.assertStatus(302)
    refused.assertFlashMessage(
      'error',
      'La etapa tiene oportunidades: muévelas antes de marcarla (o desmarcarla) como ganada o perdida'
    )
    assert.include(await stage(busy.id), { name: 'En negociación', probability: 70 })
    assert.isFalse(Boolean((await stage(busy.id)).is_won))
    assert.equal((await opportunity(id)).status, 'open')
    // A closed stage with opportunities cannot be reopened either.
    await insertOpportunity(org, { stage_id: s['Ganada'].id, status: 'won', won_at: dbTimestamp() })
    await put(s['Ganada'].id, { isWon: false })
    assert.isTrue(Boolean((await stage(s['Ganada'].id)).is_won))
    // Nothing in it: the flag changes.
    const empty = s['Oferta presentada']
    ;(await put(empty.id, { isLost: true, probability: 0 })).assertStatus(302)
    assert.isTrue(Boolean((await stage(empty.id)).is_lost))
  })

  test("a new probability is carried to the stage's open opportunities and their weighted amount", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const s = await stagesByName(org)
    const target = s['Oferta presentada']
    const open = await insertOpportunity(org, {
      stage_id: target.id,
      amount_minor: 123457,
      probability: 40,
    })
    const other = await insertOpportunity(org, {
      stage_id: s['En análisis'].id,
      amount_minor: 100000,
      probability: 10,
    })
    const response = await client
      .put(`/crm/opportunities/teams/stages/${target.id}`)
      .json({ name: 'Oferta enviada', probability: 55 })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    const row = await opportunity(open)
    assert.equal(Number(row.probability), 55)
    // 1,234.57 € × 55 % = 679.0135 €: rounded half up to the cent.
    assert.equal(String(row.weighted_org_minor), '67901')
    const untouched = await opportunity(other)
    assert.equal(Number(untouched.probability), 10)
    assert.equal(String(untouched.weighted_org_minor), '10000')
  })

  test('deleting a stage is all or nothing: its steps stay when the stage cannot go', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const stranger = await createOrganization(['crm'])
    const s = await stagesByName(org)
    const target = s['En negociación']
    await db.table('crm_pipeline_steps').insert({
      organization_id: org.id,
      stage_id: target.id,
      name: 'Enviar propuesta',
      position: 0,
      created_at: dbTimestamp(),
    })
    // A row the organization's check cannot see still holds the stage (its foreign key):
    // the last delete fails after the steps' one ran.
    await stagesByName(stranger)
    await insertOpportunity(stranger, { stage_id: target.id })
    await assert.rejects(() => deleteStage(org.id, target.id))
    assert.exists(await stage(target.id))
    const steps = await db.from('crm_pipeline_steps').where('stage_id', target.id)
    assert.lengthOf(steps, 1)
  })
})
