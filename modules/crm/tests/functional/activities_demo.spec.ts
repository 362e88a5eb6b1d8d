import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { AccessContext } from '#app/access/access_context'
import seedCrmDemo from '../../database/seeders/demo.js'
import { listActivities } from '../../activities/list_activities.js'
import { activitiesUser } from '../activities_helpers.js'

/** The same pseudo-random sequence every run (mulberry32). */
function seededRandom(seed = 42) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test.group('Activities: demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('~400 activities past and future, some overdue, a recurring one; each rep her slice', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const users: Record<string, number> = {}
    for (const key of ['admin', 'manager', 'leader', 'zoneLead', 'rep1', 'rep2', 'support'])
      users[key] = (await activitiesUser(org, 'own')).id
    await seedCrmDemo({ organizationId: org.id, users: { ...users }, random: seededRandom() })
    const rows = await db
      .from('crm_activities')
      .where('organization_id', org.id)
      .select('status', 'due_at', 'assignee_id', 'reminded_at')
    assert.lengthOf(rows, 400)
    const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
    const at = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))
    const done = rows.filter((r) => r.status === 'done').length
    const overdue = rows.filter((r) => r.status === 'open' && at(r.due_at) < now).length
    const ahead = rows.filter((r) => r.status === 'open' && at(r.due_at) >= now).length
    assert.isAbove(done, 150)
    assert.isAbove(overdue, 10)
    assert.isAbove(ahead, 80)
    const recurring = await db.from('crm_activity_recurrences').where('organization_id', org.id)
    assert.lengthOf(recurring, 1)

    const slice = async (key: string) => {
      const access = await AccessContext.forUser({ id: users[key], organizationId: org.id })
      const page = await listActivities(
        access,
        { assignee: 'all', status: 'all' },
        { locale: 'es', timeZone: 'Europe/Madrid', limit: 500 }
      )
      return page.rows
    }
    const [rep1, rep2] = [await slice('rep1'), await slice('rep2')]
    assert.isAbove(rep1.length, 10)
    assert.isAbove(rep2.length, 10)
    assert.isTrue(rep1.every((a) => a.assigneeId === users.rep1))
    assert.isTrue(rep2.every((a) => a.assigneeId === users.rep2))
  })
})
