import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'
import type User from '#models/user'
import { LOAD, multi, numbersOf } from '../client.js'

const PIPELINE = {
  measures: ['crm_pipeline.count', 'crm_pipeline.amount_minor', 'crm_pipeline.weighted_minor'],
}
const LEADS = { measures: ['crm_leads_overview.count'] }
const ACTIVITIES = { measures: ['crm_activities_overview.count'] }

/**
 * The same constraint as the CRM lists: every figure equals the sum of the records the user
 * can list (world.ts: rep owns 3 opportunities, rep2 2, outsider 1; the manager sees rep and
 * rep2 through the hierarchy). Another organization's rows never appear.
 */
test.group('Analytics · record scope in every query', (group) => {
  // The model compiles once (seconds on a busy machine), outside any test's timeout.
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  test('a rep with scope own sees only own numbers', async ({ client, assert }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { users } = await analyticsWorld()
    const pipeline = await loadAs(users.rep, PIPELINE)
    pipeline.assertStatus(200)
    assert.deepEqual(numbersOf(pipeline.body()), {
      'crm_pipeline.count': 3,
      'crm_pipeline.amount_minor': 700_000, // 1000 + 4000 + 2000 €
      'crm_pipeline.weighted_minor': 270_000, // 100 + 1600 + 1000 €
    })
    assert.equal(numbersOf((await loadAs(users.rep, LEADS)).body())['crm_leads_overview.count'], 2)
    assert.equal(
      numbersOf((await loadAs(users.rep, ACTIVITIES)).body())['crm_activities_overview.count'],
      2
    )
    // Grouped by owner: only the rep's own row comes back.
    const byOwner = await loadAs(users.rep, {
      measures: ['crm_pipeline.count'],
      dimensions: ['crm_pipeline.owner_name'],
    })
    assert.deepEqual(byOwner.body().results[0].data, [
      { 'crm_pipeline.owner_name': 'Rafa Comercial', 'crm_pipeline.count': '3' },
    ])
  })

  test('a manager sees the hierarchy, an administrator all; never another organization', async ({
    client,
    assert,
  }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { users } = await analyticsWorld()
    const manager = numbersOf((await loadAs(users.manager, PIPELINE)).body())
    assert.deepEqual(manager, {
      'crm_pipeline.count': 5,
      'crm_pipeline.amount_minor': 1_050_000, // rep 7000 + rep2 3500 €
      'crm_pipeline.weighted_minor': 310_000, // rep 2700 + rep2 400 €
    })
    assert.equal(
      numbersOf((await loadAs(users.manager, LEADS)).body())['crm_leads_overview.count'],
      3
    )
    const admin = numbersOf((await loadAs(users.admin, PIPELINE)).body())
    assert.equal(admin['crm_pipeline.count'], 6)
    assert.equal(admin['crm_pipeline.amount_minor'], 1_750_000)
    // The other organization's administrator-like user (scope all) sees only its own row.
    const stranger = numbersOf((await loadAs(users.stranger, PIPELINE)).body())
    assert.equal(stranger['crm_pipeline.count'], 1)
    assert.equal(stranger['crm_pipeline.amount_minor'], 9_999_900)
  })

  test('a filter or grouping cannot widen the scope', async ({ client, assert }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { users } = await analyticsWorld()
    // Asking explicitly for another owner's rows returns nothing.
    const response = await loadAs(users.rep, {
      measures: ['crm_pipeline.count'],
      filters: [
        { member: 'crm_pipeline.owner_id', operator: 'equals', values: [String(users.rep2.id)] },
      ],
    })
    response.assertStatus(200)
    assert.equal(numbersOf(response.body())['crm_pipeline.count'] || 0, 0)
    // An OR filter is ANDed with the scope, not the other way round.
    const widened = await loadAs(users.rep, {
      measures: ['crm_pipeline.count'],
      filters: [
        {
          or: [
            { member: 'crm_pipeline.owner_id', operator: 'set' },
            { member: 'crm_pipeline.owner_id', operator: 'notSet' },
          ],
        },
      ],
    })
    assert.equal(numbersOf(widened.body())['crm_pipeline.count'], 3)
  })

  test('without the view permission on a resource, its figures are empty', async ({
    client,
    assert,
  }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { org } = await analyticsWorld()
    const { createUser } = await import('#tests/helpers/world')
    const onlyAnalytics = await createUser(org, { permissions: ['analytics.view'] })
    const response = await loadAs(onlyAnalytics, PIPELINE)
    response.assertStatus(200)
    assert.equal(numbersOf(response.body())['crm_pipeline.count'], 0)
  })
})
