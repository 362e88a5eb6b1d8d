import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { defaultStages, DEFAULT_STAGES } from '../../support/opportunities_stages.js'
import { removeOrganizations } from '../cleanup.js'

/*
 * The default pipeline is created on first read. Several first reads at once (the board, the
 * form and an import opening together on a fresh organization) must create it once: the claim
 * row of crm_pipeline_defaults (migration 0037) is the unique key. Real transactions (no global
 * test transaction: it would put every read on one connection); the organization is removed
 * afterwards. Meaningful on MariaDB; SQLite serialises writers by itself.
 */
test.group('Pipeline · default stages under concurrent first reads', (group) => {
  const created: number[] = []
  group.teardown(() => removeOrganizations(created))

  test('five first reads at once create the default stages once', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const reads = await Promise.all([1, 2, 3, 4, 5].map(() => defaultStages(org.id)))
    const rows = await db
      .from('crm_pipeline_stages')
      .where('organization_id', org.id)
      .whereNull('team_id')
      .select('id')
    assert.lengthOf(rows, DEFAULT_STAGES.length)
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b)
    for (const stages of reads)
      assert.deepEqual(
        stages.map((s) => s.id).sort((a, b) => a - b),
        ids
      )
    const claims = await db.from('crm_pipeline_defaults').where('organization_id', org.id)
    assert.lengthOf(claims, 1)
  })

  test('inside a caller transaction a lost claim leaves the transaction usable', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    await defaultStages(org.id)
    // The stages are gone but the claim stays (every stage deleted in CRM › Equipos): the next
    // read inside a transaction puts them back, once.
    await db.from('crm_pipeline_stages').where('organization_id', org.id).delete()
    await db.transaction(async (trx) => {
      const stages = await defaultStages(org.id, trx)
      assert.lengthOf(stages, DEFAULT_STAGES.length)
      const again = await defaultStages(org.id, trx)
      assert.deepEqual(
        again.map((s) => s.id),
        stages.map((s) => s.id)
      )
    })
    const rows = await db.from('crm_pipeline_stages').where('organization_id', org.id)
    assert.lengthOf(rows, DEFAULT_STAGES.length)
  })

  test('with the claim left and every stage removed, reads at once inside transactions put them back once', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    await defaultStages(org.id)
    await db.from('crm_pipeline_stages').where('organization_id', org.id).delete()
    // Each caller's transaction has read before (its snapshot predates the others' stages).
    const reads = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        db.transaction(async (trx) => {
          await trx.from('crm_pipeline_stages').where('organization_id', org.id).select('id')
          return defaultStages(org.id, trx)
        })
      )
    )
    const rows = await db
      .from('crm_pipeline_stages')
      .where('organization_id', org.id)
      .whereNull('team_id')
      .select('id')
    assert.lengthOf(rows, DEFAULT_STAGES.length)
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b)
    for (const stages of reads)
      assert.deepEqual(
        stages.map((s) => s.id).sort((a, b) => a - b),
        ids
      )
  })
})
