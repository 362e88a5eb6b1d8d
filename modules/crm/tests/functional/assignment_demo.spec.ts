import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import seedAssignmentDemo from '../../assignment/demo.js'
import { countRows, insertLead, ownersOf } from '../assignment_helpers.js'

/* The demo's rules: four rules in order, an absence next week, half the unowned leads explained. */
test.group('Assignment: demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('seeds the rules, one absence and explained assignments', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const keys = ['admin', 'manager', 'leader', 'zoneLead', 'rep1', 'rep2']
    const users: Record<string, number> = {}
    for (const key of keys) users[key] = (await createUser(org)).id
    await createTeam(org, null, [], 'Equipo Norte')
    const leads = [
      await insertLead(org, { source: 'feria' }),
      await insertLead(org, { source: 'web', province: 'Valencia' }),
      await insertLead(org, { source: 'web', province: 'Valencia' }),
    ]
    await seedAssignmentDemo({ organizationId: org.id, users, random: () => 0.5 })
    const rules = await db
      .from('crm_assignment_rules')
      .where('organization_id', org.id)
      .orderBy('position')
    assert.deepEqual(
      rules.map((r) => r.strategy),
      ['fixed', 'territory', 'round_robin', 'least_loaded']
    )
    assert.equal(await countRows('user_absences', org.id), 1)
    assert.deepEqual(await ownersOf(leads), [users.leader, null, users.leader])
    assert.equal(await countRows('crm_lead_assignments', org.id), 2)
  })
})
