import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { cubeEngine, setRollups } from '../../engine/engine.js'
import { refreshRollups } from '../../engine/rollups.js'
import { removeOrganizations } from '#tests/helpers/cleanup'
import { analyticsWorld } from '../world.js'
import { LOAD, multi } from '../client.js'

/*
 * Rollups on MariaDB: built by the refresh into <database>_rollups and then used by the gateway,
 * with the same answer as the source. No global transaction: building a rollup is DDL (CREATE
 * DATABASE / CREATE TABLE … AS SELECT), which MySQL commits. On SQLite rollups are off.
 */
test.group('Analytics · rollups (pre-aggregations)', (group) => {
  // Committed rows (no global transaction): the organizations go when the group ends.
  const orgs: number[] = []
  group.teardown(() => removeOrganizations(orgs))
  group.setup(async () => {
    await setRollups(true)
    await cubeEngine()
    return async () => {
      const { rollupsSchema } = await cubeEngine()
      if (rollupsSchema) await db.rawQuery(`DROP DATABASE IF EXISTS \`${rollupsSchema}\``)
      await setRollups(undefined)
    }
  })

  test('a rollup-backed answer equals the source answer, and the query used the rollup', async ({
    client,
    assert,
  }) => {
    const { users, org, other } = await analyticsWorld()
    orgs.push(org.id, other.id)
    const { rollupsSchema } = await cubeEngine()
    const queries = [
      {
        measures: ['crm_pipeline.won_amount_minor', 'crm_pipeline.lost_count'],
        timeDimensions: [{ dimension: 'crm_pipeline.closed_at', granularity: 'month' }],
        order: { 'crm_pipeline.closed_at': 'asc' },
      },
      {
        measures: ['crm_pipeline.open_weighted_minor', 'crm_pipeline.count'],
        dimensions: ['crm_pipeline.stage'],
        order: { 'crm_pipeline.stage': 'asc' },
      },
      {
        measures: ['crm_leads_overview.count', 'crm_leads_overview.converted_count'],
        dimensions: ['crm_leads_overview.source'],
        timeDimensions: [{ dimension: 'crm_leads_overview.created_at', granularity: 'month' }],
      },
      {
        measures: ['crm_activities_overview.done_count', 'crm_activities_overview.open_count'],
        dimensions: ['crm_activities_overview.status'],
        order: { 'crm_activities_overview.status': 'asc' },
      },
    ]
    const ask = async (query: unknown, user = users.manager, extra = {}) => {
      const response = await client.get(LOAD).qs(multi(query, extra)).loginAs(user)
      response.assertStatus(200)
      const result = response.body().results[0]
      return { data: result.data, used: Object.keys(result.usedPreAggregations) }
    }
    // Before a refresh: no rollup is built, the source answers.
    const before = []
    for (const query of queries) before.push(await ask(query))
    for (const answer of before) assert.deepEqual(answer.used, [])
    const repBefore = await ask(queries[0], users.rep)

    const refreshed = await refreshRollups()
    if (!rollupsSchema) {
      // SQLite: no rollups; nothing to build.
      assert.deepEqual(refreshed, [])
      return
    }
    assert.includeMembers(
      refreshed.map((r) => r.id),
      [
        'crm_opportunities.closed_by_month',
        'crm_opportunities.pipeline_by_stage',
        'crm_leads.by_month_source',
        'crm_activities.by_status',
      ]
    )
    for (const r of refreshed) assert.match(String(r.table), new RegExp(`^${rollupsSchema}\\.`))

    for (const [i, query] of queries.entries()) {
      const after = await ask(query)
      assert.lengthOf(after.used, 1, JSON.stringify(query))
      assert.match(after.used[0], new RegExp(`^${rollupsSchema}\\.`))
      assert.deepEqual(after.data, before[i].data, JSON.stringify(query))
    }
    // The record scope still applies to a rollup (owner_id is one of its dimensions).
    const repAfter = await ask(queries[0], users.rep)
    assert.lengthOf(repAfter.used, 1)
    assert.deepEqual(repAfter.data, repBefore.data)
    // The rep's open opportunities have no close month; the won one closed in February 2026.
    assert.deepEqual(
      repAfter.data.map((r: any) => [
        r['crm_pipeline.closed_at.month'],
        r['crm_pipeline.won_amount_minor'],
      ]),
      [
        [null, null],
        ['2026-02-01T00:00:00.000', '200000'],
      ]
    )

    // Another process built a newer version and dropped this one while our table list was
    // cached: the source answers.
    for (const r of refreshed) await db.rawQuery(`DROP TABLE ${r.table}`)
    const dropped = await ask(queries[0], users.rep, { cache: 'no-cache' })
    assert.deepEqual(dropped.used, [])
    assert.deepEqual(dropped.data, repBefore.data)
  }).timeout(120_000)
})
