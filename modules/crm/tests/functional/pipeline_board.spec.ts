import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { accessOf, insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'
import { columnSums } from '../../actions/opportunities/board.js'
import { pipelineStages } from '../../support/opportunities_stages.js'

/**
 * manager ─┬─ leader ── rep2     team "Norte": leader (lead), rep2, teammate
 *          ├─ rep
 *          └─ teammate           outsider: nobody's report, no team
 * Each owns opportunities with round amounts, so every sum below is computed by hand.
 */
async function world() {
  const org = await createOrganization(['crm'])
  const manager = await pipelineUser(org, 'hierarchy', { fullName: 'Manager' })
  const leader = await pipelineUser(org, 'team', { fullName: 'Leader', reportsToId: manager.id })
  const rep = await pipelineUser(org, 'own', { fullName: 'Rep', reportsToId: manager.id })
  const rep2 = await pipelineUser(org, 'own', { fullName: 'Rep2', reportsToId: leader.id })
  const teammate = await pipelineUser(org, 'own', { fullName: 'Teammate', reportsToId: manager.id })
  const outsider = await pipelineUser(org, 'own', { fullName: 'Outsider' })
  const admin = await pipelineUser(org, 'all', { fullName: 'Admin' })
  await createTeam(org, leader, [rep2, teammate], 'Norte')
  const s = await stagesByName(org)
  const analysis = s['En análisis'].id
  const offer = s['Oferta presentada'].id
  // owner → [stage, amount in euros, probability]
  const plan: [string, number, number, number][] = [
    ['manager', analysis, 1000, 10],
    ['leader', analysis, 2000, 10],
    ['leader', offer, 4000, 40],
    ['rep', analysis, 3000, 10],
    ['rep2', offer, 5000, 40],
    ['teammate', offer, 6000, 50],
    ['outsider', analysis, 7000, 10],
  ]
  const users = { manager, leader, rep, rep2, teammate, outsider, admin }
  const ids: Record<string, number> = {}
  for (const [who, stage, euros, probability] of plan) {
    ids[`${who}:${stage}`] = await insertOpportunity(org, {
      name: `Opp ${who}`,
      stage_id: stage,
      owner_id: users[who as keyof typeof users].id,
      amount_minor: euros * 100,
      probability,
    })
  }
  return { org, users, s, ids, analysis, offer }
}

const sumsOf = async (org: Organization, user: any) => {
  const stages = await pipelineStages(org.id, null)
  const sums = await columnSums(await accessOf(user), stages, {})
  return Object.fromEntries(
    sums.filter((x) => x.count).map((x) => [x.stageId, [x.count, x.totalMinor, x.weightedMinor]])
  )
}

test.group('Pipeline · board sums under scopes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('count, total and weighted per column for own, team, hierarchy and all', async ({
    assert,
  }) => {
    const { org, users, analysis, offer } = await world()
    // own: rep has 3000 € at 10 %.
    assert.deepEqual(await sumsOf(org, users.rep), { [analysis]: [1, '300000', '30000'] })
    // team: leader (2000 + 4000) + rep2 5000 + teammate 6000.
    assert.deepEqual(await sumsOf(org, users.leader), {
      [analysis]: [1, '200000', '20000'],
      [offer]: [3, '1500000', '660000'],
    })
    // hierarchy: manager + leader + rep + rep2 + teammate (not outsider).
    assert.deepEqual(await sumsOf(org, users.manager), {
      [analysis]: [3, '600000', '60000'],
      [offer]: [3, '1500000', '660000'],
    })
    // all: everyone.
    assert.deepEqual(await sumsOf(org, users.admin), {
      [analysis]: [4, '1300000', '130000'],
      [offer]: [3, '1500000', '660000'],
    })
  })

  test('the board page carries columns and sums; an out-of-scope card is absent', async ({
    client,
    assert,
  }) => {
    const { users, analysis } = await world()
    const response = await client.get('/crm/opportunities/board').loginAs(users.rep).withInertia()
    response.assertStatus(200)
    const props = response.inertiaProps as any
    assert.lengthOf(props.stages, 5)
    const column = props.columns.find((c: any) => c.stageId === analysis)
    assert.deepEqual(
      column.cards.map((c: any) => c.name),
      ['Opp rep']
    )
    // Folded "Cancelada/Perdida" is not loaded until opened.
    const folded = props.stages.find((s: any) => s.folded)
    assert.isFalse(props.columns.find((c: any) => c.stageId === folded.id).loaded)
  })

  test('out of scope: page and move answer 404 and change nothing', async ({ client, assert }) => {
    const { users, ids, analysis, offer } = await world()
    const theirs = ids[`outsider:${analysis}`]
    const page = await client.get(`/crm/opportunities/${theirs}`).loginAs(users.rep)
    page.assertStatus(404)
    const move = await client
      .patch(`/crm/opportunities/${theirs}/stage`)
      .json({ stageId: offer })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(users.rep)
    move.assertStatus(404)
    const row = await db.from('crm_opportunities').where('id', theirs).first()
    assert.equal(Number(row.stage_id), analysis)
    const own = await client.get(`/crm/opportunities/${ids[`rep:${analysis}`]}`).loginAs(users.rep)
    own.assertStatus(200)
  })

  test('a big column pages by 50 with a keyset cursor', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const admin = await pipelineUser(org, 'all')
    const s = await stagesByName(org)
    const stage = s['En negociación'].id
    for (let i = 0; i < 120; i++)
      await insertOpportunity(org, { name: `N${i}`, stage_id: stage, owner_id: admin.id })
    const board = await client.get('/crm/opportunities/board').loginAs(admin).withInertia()
    const column = (board.inertiaProps as any).columns.find((c: any) => c.stageId === stage)
    assert.lengthOf(column.cards, 50)
    const seen = new Set(column.cards.map((c: any) => c.id))
    let next = column.next
    let pages = 1
    while (next) {
      const more = await client
        .get(`/crm/opportunities/column?stage=${stage}&before=${next}`)
        .loginAs(admin)
      more.assertStatus(200)
      for (const c of more.body().cards) seen.add(c.id)
      next = more.body().next
      pages++
    }
    assert.equal(pages, 3)
    assert.equal(seen.size, 120)
    const sums = (board.inertiaProps as any).sums.find((x: any) => x.stageId === stage)
    assert.equal(sums.count, 120)
  })
})
