import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { assignLeads } from '../../assignment/assign_leads.js'
import { insertLead, insertRule, ownersOf } from '../assignment_helpers.js'
import { removeOrganizations } from '../cleanup.js'

/*
 * Two runs at once (two imports, a web form and an import…) must not hand out the same
 * round-robin turn: each run reads the rules with a locking read and the second waits for the
 * first to commit its pointer. Real transactions (no global test transaction: it would put both
 * runs on one connection); the organization is removed afterwards. Meaningful on MariaDB;
 * SQLite serialises writers by itself.
 */
test.group('Assignment: concurrent runs', (group) => {
  const created: number[] = []
  group.teardown(() => removeOrganizations(created))

  test('two transactions get consecutive round-robin turns', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    created.push(org.id)
    const users = [await createUser(org), await createUser(org), await createUser(org)]
    await insertRule(org, {
      strategy: 'round_robin',
      members: users.map((u) => ({ userId: u.id })),
    })
    const leads: number[] = []
    for (let i = 0; i < 6; i++) leads.push(await insertLead(org))
    // Six runs of one lead each, all started together.
    await Promise.all(
      leads.map((id) =>
        db.transaction(async (trx) => {
          await assignLeads(trx, org.id, [id])
        })
      )
    )
    const owners = await ownersOf(leads)
    const perUser = users.map((u) => owners.filter((o) => o === u.id).length)
    assert.deepEqual(perUser, [2, 2, 2])
    const rule = await db.from('crm_assignment_rules').where('organization_id', org.id).first()
    assert.equal(Number(rule.rr_pointer), 0)
  })
})
