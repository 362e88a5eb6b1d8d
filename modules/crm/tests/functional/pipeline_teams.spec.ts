import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

const DAY = 86_400_000
const at = (daysAgo: number) => dbTimestamp(new Date(Date.now() - daysAgo * DAY))

test.group('Pipeline · sales teams page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('rep ratios: win rate, average cycle and average won amount, in scope', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own', { fullName: 'Rep' })
    const other = await pipelineUser(org, 'own', { fullName: 'Otro' })
    const s = await stagesByName(org)
    const won = s['Ganada'].id
    const lost = s['Cancelada/Perdida'].id
    // Won after 10 and 20 days (1,000 € and 3,000 €), one lost: 66.7 %, 15 days, 2,000 €.
    for (const [days, euros] of [
      [10, 1000],
      [20, 3000],
    ])
      await insertOpportunity(org, {
        stage_id: won,
        owner_id: rep.id,
        status: 'won',
        amount_minor: euros * 100,
        created_at: at(days + 5),
        won_at: at(5),
      })
    await insertOpportunity(org, { stage_id: lost, owner_id: rep.id, status: 'lost' })
    await insertOpportunity(org, {
      stage_id: won,
      owner_id: other.id,
      status: 'won',
      won_at: at(1),
    })
    const response = await client.get('/crm/opportunities/teams').loginAs(rep).withInertia()
    response.assertStatus(200)
    const ratios = (response.inertiaProps as any).ratios
    assert.lengthOf(ratios, 1)
    assert.include(ratios[0], {
      ownerName: 'Rep',
      won: 2,
      lost: 1,
      winRate: 66.7,
      avgCycleDays: 15,
      avgWonMinor: '200000',
    })
  })

  test('a team copies the default pipeline, adds, renames and reorders stages; a used stage stays', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const rep = await pipelineUser(org, 'own')
    const team = await createTeam(org, admin, [rep], 'Norte')
    await stagesByName(org)
    const send = (method: 'post' | 'put' | 'delete', url: string, body: object = {}) =>
      client[method](url).json(body).withCsrfToken().loginAs(admin).redirects(0)
    ;(await send('post', `/crm/opportunities/teams/${team.id}/copy`)).assertStatus(302)
    const own = () =>
      db
        .from('crm_pipeline_stages')
        .where({ organization_id: org.id, team_id: team.id })
        .orderBy('position')
        .select('id', 'name', 'probability')
    assert.lengthOf(await own(), 5)
    await send('post', '/crm/opportunities/teams/stages', {
      teamId: team.id,
      name: 'Demostración',
      probability: 30,
    })
    const added = (await own()).at(-1)!
    assert.equal(added.name, 'Demostración')
    await send('put', `/crm/opportunities/teams/stages/${added.id}`, {
      name: 'Demo',
      probability: 35,
    })
    await send('post', `/crm/opportunities/teams/stages/${added.id}/move`, { direction: 'up' })
    const names = (await own()).map((r) => r.name)
    assert.deepEqual(names.slice(-2), ['Demo', 'Cancelada/Perdida'])
    await insertOpportunity(org, { stage_id: added.id, owner_id: rep.id, team_id: team.id })
    await send('delete', `/crm/opportunities/teams/stages/${added.id}`)
    assert.lengthOf(await own(), 6)
    // Configuring needs the permission.
    const denied = await client
      .post(`/crm/opportunities/teams/stages`)
      .json({ teamId: team.id, name: 'X', probability: 1 })
      .withCsrfToken()
      .loginAs(rep)
    denied.assertStatus(403)
  })
})
