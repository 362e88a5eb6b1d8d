import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { pipelineUser, stagesByName, insertOpportunity } from '../pipeline_helpers.js'

async function world() {
  const org = await createOrganization(['crm'])
  const rep = await pipelineUser(org, 'own')
  const s = await stagesByName(org)
  const id = await insertOpportunity(org, {
    name: 'Mudanza',
    stage_id: s['En análisis'].id,
    owner_id: rep.id,
    amount_minor: 1000000,
    probability: 10,
  })
  return { org, rep, s, id }
}

const row = (id: number) => db.from('crm_opportunities').where('id', id).first()

test.group('Pipeline · stage moves, lost and reopen', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a move takes the stage probability, recomputes the weighted amount and writes history', async ({
    client,
    assert,
  }) => {
    const { rep, s, id } = await world()
    const target = s['En negociación']
    const response = await client
      .patch(`/crm/opportunities/${id}/stage`)
      .json({ stageId: target.id })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
    response.assertStatus(200)
    assert.equal(response.body().probability, 70)
    const after = await row(id)
    assert.equal(Number(after.stage_id), target.id)
    assert.equal(Number(after.probability), 70)
    assert.equal(String(after.weighted_org_minor), '700000')
    assert.equal(after.status, 'open')
    const entries = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.opportunity', subject_id: id, kind: 'updated' })
      .select('data')
    assert.lengthOf(entries, 1)
    const data = typeof entries[0].data === 'string' ? JSON.parse(entries[0].data) : entries[0].data
    assert.deepInclude(data.changes, { field: 'stage', from: 'En análisis', to: 'En negociación' })
    assert.deepInclude(data.changes, { field: 'probability', from: 10, to: 70 })
  })

  test('a stage of another pipeline is refused with 422', async ({ client, assert }) => {
    const { rep, id } = await world()
    const other = await createOrganization(['crm'])
    const foreign = (await stagesByName(other))['Ganada'].id
    const response = await client
      .patch(`/crm/opportunities/${id}/stage`)
      .json({ stageId: foreign })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
    response.assertStatus(422)
    assert.equal(response.body().field, 'stageId')
  })

  test('lost needs a reason; won sets the date; reopen goes back to an open stage', async ({
    client,
    assert,
  }) => {
    const { rep, s, id } = await world()
    const lost = s['Cancelada/Perdida'].id
    const refused = await client
      .patch(`/crm/opportunities/${id}/stage`)
      .json({ stageId: lost })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
    refused.assertStatus(422)
    assert.equal(refused.body().field, 'lostReason')
    assert.equal((await row(id)).status, 'open')

    const ok = await client
      .patch(`/crm/opportunities/${id}/stage`)
      .json({ stageId: lost, lostReason: 'precio' })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
    ok.assertStatus(200)
    const closed = await row(id)
    assert.equal(closed.status, 'lost')
    assert.equal(closed.lost_reason, 'precio')
    assert.isNotNull(closed.lost_at)
    assert.equal(String(closed.weighted_org_minor), '0')

    const reopened = await client
      .post(`/crm/opportunities/${id}/reopen`)
      .json({})
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
      .redirects(0)
    reopened.assertStatus(302)
    const open = await row(id)
    assert.equal(open.status, 'open')
    assert.isNull(open.lost_reason)
    assert.isNull(open.lost_at)
    assert.equal(Number(open.stage_id), s['En análisis'].id)

    await client
      .patch(`/crm/opportunities/${id}/stage`)
      .json({ stageId: s['Ganada'].id })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(rep)
    const won = await row(id)
    assert.equal(won.status, 'won')
    assert.isNotNull(won.won_at)
    assert.equal(Number(won.probability), 100)
  })

  test('an unknown lost reason is a validation error', async ({ client }) => {
    const { rep, s, id } = await world()
    const response = await client
      .patch(`/crm/opportunities/${id}/stage`)
      .json({ stageId: s['Cancelada/Perdida'].id, lostReason: 'nope' })
      .header('accept', 'application/json')
      .withCsrfToken()
      .header('accept', 'application/json')
      .loginAs(rep)
    response.assertStatus(422)
  })
})
