import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { AccessContext } from '#app/access/access_context'
import seedCrmDemo from '../../database/seeders/demo.js'
import { listQuotas } from '../../quotas/list_quotas.js'
import { quotaUser } from '../quotas_helpers.js'

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

test.group('Quotas · demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('reps, teams, two zones and two families, this year and last, with real figures', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const users: Record<string, number> = {}
    for (const key of ['admin', 'manager', 'leader', 'zoneLead', 'rep1', 'rep2', 'support'])
      users[key] = (await quotaUser(org, key === 'manager' ? 'all' : 'own', true, key)).id
    const byId = async (id: number) => (await import('#models/user')).default.findOrFail(id)
    await createTeam(org, await byId(users.manager), [await byId(users.rep1)], 'Equipo Centro')
    await createTeam(org, await byId(users.leader), [await byId(users.rep2)], 'Equipo Norte')
    await seedCrmDemo({ organizationId: org.id, users: { ...users }, random: seededRandom() })

    const year = new Date().getUTCFullYear()
    const rows = await db.from('crm_quotas').where('organization_id', org.id)
    assert.lengthOf(rows, 20)
    for (const r of rows) {
      const months = Array.from({ length: 12 }, (_, i) =>
        BigInt(String(r[`m${String(i + 1).padStart(2, '0')}_minor`]))
      )
      assert.equal(months.reduce((s, m) => s + m, 0n).toString(), String(r.amount_minor))
    }
    const manager = await AccessContext.forUser(await byId(users.manager))
    const quotas = await listQuotas(manager, { year, period: 'year', month: 12, locale: 'es' })
    assert.deepEqual(
      quotas.map((q) => q.kind),
      ['user', 'user', 'user', 'user', 'team', 'team', 'zone', 'zone', 'family', 'family']
    )
    const rep1 = quotas.find((q) => q.userId === users.rep1)!
    assert.isAbove(Number(rep1.attainment.actualMinor), 0)
    assert.isAbove(Number(rep1.attainment.previousMinor), 0)
    assert.isNotNull(rep1.attainment.yoyPct)
    for (const q of quotas.filter((x) => x.kind === 'family' || x.kind === 'zone'))
      assert.isAbove(Number(q.attainment.actualMinor), 0, q.targetLabel)
    // A rep with scope `own` sees her quota only.
    const rep = await AccessContext.forUser(await byId(users.rep2))
    const own = await listQuotas(rep, { year, period: 'ytd', month: 1, locale: 'es' })
    assert.deepEqual(
      own.map((q) => q.userId),
      [users.rep2]
    )
  })
})
