import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { moveOpportunity } from '../../actions/opportunities/move_opportunity.js'
import { accessOf, insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

/*
 * A move reads the opportunity and the stages before its write transaction; the UPDATE is
 * guarded by what was read, so a write landing in between sends the move through the reads
 * again inside the transaction. Here that write is made right after the first read.
 */

const row = (id: number) => db.from('crm_opportunities').where('id', id).first()

/** The user's access, with `meanwhile` run once, just after the move's first read of the row. */
async function accessWithWriteBetween(user: any, meanwhile: () => Promise<unknown>) {
  const access = await accessOf(user)
  const scope = access.scope.bind(access)
  let pending = true
  access.scope = async (query: any, resource: string, options?: any) => {
    await scope(query, resource, options)
    if (!pending) return
    pending = false
    const exec = query.exec.bind(query)
    query.exec = async () => {
      const found = await exec()
      await meanwhile()
      return found
    }
  }
  return access
}

const changesOf = async (id: number) => {
  const entries = await db
    .from('timeline_events')
    .where({ subject_type: 'crm.opportunity', subject_id: id, kind: 'updated' })
    .select('data')
  return entries.map((e) => (typeof e.data === 'string' ? JSON.parse(e.data) : e.data).changes)
}

test.group('Pipeline · a stage move reads before it writes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('reassigned to another rep meanwhile: 404 and the stage stays', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const other = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    const access = await accessWithWriteBetween(rep, () =>
      db.from('crm_opportunities').where('id', id).update({ owner_id: other.id })
    )
    await assert.rejects(() =>
      moveOpportunity({
        organizationId: org.id,
        actorId: rep.id,
        access,
        id,
        stageId: s['En negociación'].id,
      })
    )
    const after = await row(id)
    assert.equal(Number(after.stage_id), s['En análisis'].id)
    assert.deepEqual(await changesOf(id), [])
  })

  test('moved by someone else meanwhile: the history starts from that stage', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const id = await insertOpportunity(org, {
      stage_id: s['En análisis'].id,
      owner_id: rep.id,
      amount_minor: 1000000,
    })
    const access = await accessWithWriteBetween(rep, () =>
      db
        .from('crm_opportunities')
        .where('id', id)
        .update({ stage_id: s['Oferta presentada'].id, probability: 40 })
    )
    const moved = await moveOpportunity({
      organizationId: org.id,
      actorId: rep.id,
      access,
      id,
      stageId: s['En negociación'].id,
    })
    assert.isTrue(moved.changed)
    const after = await row(id)
    assert.equal(Number(after.stage_id), s['En negociación'].id)
    assert.equal(String(after.weighted_org_minor), '700000')
    const [changes] = await changesOf(id)
    assert.deepInclude(changes, {
      field: 'stage',
      from: 'Oferta presentada',
      to: 'En negociación',
    })
    assert.deepInclude(changes, { field: 'probability', from: 40, to: 70 })
  })

  test('a team with stages of its own moves within them only', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const rep = await pipelineUser(org, 'own')
    const team = await createTeam(org, admin, [rep], 'Norte')
    const s = await stagesByName(org)
    ;(
      await client
        .post(`/crm/opportunities/teams/${team.id}/copy`)
        .withCsrfToken()
        .loginAs(admin)
        .redirects(0)
    ).assertStatus(302)
    const own = await db
      .from('crm_pipeline_stages')
      .where({ organization_id: org.id, team_id: team.id })
      .orderBy('position')
      .select('id', 'name')
    const id = await insertOpportunity(org, {
      stage_id: own[0].id,
      owner_id: rep.id,
      team_id: team.id,
    })
    const move = (stageId: number) =>
      client
        .patch(`/crm/opportunities/${id}/stage`)
        .json({ stageId })
        .header('accept', 'application/json')
        .withCsrfToken()
        .loginAs(rep)
    const refused = await move(s['En negociación'].id)
    refused.assertStatus(422)
    assert.equal(refused.body().field, 'stageId')
    assert.equal(Number((await row(id)).stage_id), own[0].id)
    ;(await move(own[2].id)).assertStatus(200)
    assert.equal(Number((await row(id)).stage_id), own[2].id)
  })

  test('an opportunity without team moves within the default stages', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const rep = await pipelineUser(org, 'own')
    const team = await createTeam(org, admin, [rep], 'Norte')
    const s = await stagesByName(org)
    await client
      .post(`/crm/opportunities/teams/${team.id}/copy`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    const teamStage = await db
      .from('crm_pipeline_stages')
      .where({ organization_id: org.id, team_id: team.id })
      .orderBy('position')
      .first()
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    const move = (stageId: number) =>
      client
        .patch(`/crm/opportunities/${id}/stage`)
        .json({ stageId })
        .header('accept', 'application/json')
        .withCsrfToken()
        .loginAs(rep)
    ;(await move(teamStage.id)).assertStatus(422)
    ;(await move(s['Ganada'].id)).assertStatus(200)
    const after = await row(id)
    assert.equal(after.status, 'won')
    assert.isNotNull(after.won_at)
  })
})
