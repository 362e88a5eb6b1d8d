import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { quotaAttainment, type QuotaTarget } from '../../quotas/attainment.js'
import { attainmentOfQuota } from '../../contracts/index.js'
import { insertCompany } from '../helpers.js'
import { insertOpportunity, stagesByName } from '../pipeline_helpers.js'
import { flat, insertQuota, quotaUser } from '../quotas_helpers.js'

const today = new Date('2025-04-15T10:00:00Z')

/**
 * Rep Ana, 2025, 1,000.00 € a month. Won in 2025: 500 € (15 Jan), 1,500 € (10 Feb), 800 €
 * (20 Apr); in 2024: 400 € (5 Feb), 1,000 € (5 May). Open, weighted: 1,000 € closing 20 May,
 * 200 € closing 30 Jun, 500 € closing 10 Apr (before "today", 15 Apr), 300 € closing 1 Jul.
 * Noise that must not count: a lost one, a binned won one, another rep's won one.
 */
async function world() {
  const org = await createOrganization(['crm'])
  const ana = await quotaUser(org, 'own', false, 'Ana')
  const luis = await quotaUser(org, 'own', false, 'Luis')
  const s = await stagesByName(org)
  const won = (owner: number, minor: number, at: string, extra: Record<string, unknown> = {}) =>
    insertOpportunity(org, {
      stage_id: s['Ganada'].id,
      owner_id: owner,
      status: 'won',
      amount_minor: minor,
      won_at: `${at} 12:00:00`,
      ...extra,
    })
  const open = (minor: number, probability: number, closeOn: string) =>
    insertOpportunity(org, {
      stage_id: s['Propuesta'] ? s['Propuesta'].id : Object.values(s)[0].id,
      owner_id: ana.id,
      amount_minor: minor,
      probability,
      expected_close_on: closeOn,
    })
  await won(ana.id, 50_000, '2025-01-15')
  await won(ana.id, 150_000, '2025-02-10')
  await won(ana.id, 80_000, '2025-04-20')
  await won(ana.id, 40_000, '2024-02-05')
  await won(ana.id, 100_000, '2024-05-05')
  await won(ana.id, 30_000, '2025-02-20', { deleted_at: '2025-03-01 00:00:00' })
  await won(ana.id, 999_999, '2025-03-01', {
    status: 'lost',
    won_at: null,
    lost_at: '2025-03-01 12:00:00',
  })
  await won(luis.id, 70_000, '2025-02-01')
  await open(200_000, 50, '2025-05-20')
  await open(100_000, 20, '2025-06-30')
  await open(100_000, 50, '2025-04-10')
  await open(300_000, 100, '2025-07-01')
  const quotaId = await insertQuota(org, { kind: 'user', user: ana }, 2025, flat(100_000))
  const quota = {
    organizationId: org.id,
    kind: 'user' as const,
    userId: ana.id,
    teamId: null,
    targetCode: null,
    year: 2025,
    months: flat(100_000).map(BigInt),
  }
  return { org, ana, luis, s, won, quota, quotaId }
}

test.group('Quotas · attainment (hand-computed)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('quarter: target, actual, gap, %, coverage of the rest of the quarter, YoY', async ({
    assert,
  }) => {
    const { quota } = await world()
    const a = await quotaAttainment(quota, { period: 'quarter', month: 4, today })
    // Q2: 3 × 1,000 €; won 800 €; pipeline 15 Apr–30 Jun = 1,000 + 200 €; Q2 2024 = 1,000 €.
    assert.include(a, {
      from: 4,
      to: 6,
      targetMinor: '300000',
      actualMinor: '80000',
      gapMinor: '220000',
      attainmentPct: 26.7,
      pipelineMinor: '120000',
      coverage: 0.55,
      previousMinor: '100000',
      yoyPct: -20,
    })
  })

  test('year to date, month, year; cumulative month by month', async ({ assert }) => {
    const { quota } = await world()
    const ytd = await quotaAttainment(quota, { period: 'ytd', month: 4, today })
    // Jan–Apr: 4,000 € target, 2,800 € won (binned, lost and Luis's left out), 400 € in 2024.
    assert.include(ytd, {
      targetMinor: '400000',
      actualMinor: '280000',
      gapMinor: '120000',
      attainmentPct: 70,
      pipelineMinor: '0',
      coverage: 0,
      previousMinor: '40000',
      yoyPct: 600,
    })
    const feb = await quotaAttainment(quota, { period: 'month', month: 2, today })
    // Exceeded: negative gap, no coverage (nothing left to cover; February is over too).
    assert.include(feb, {
      targetMinor: '100000',
      actualMinor: '150000',
      gapMinor: '-50000',
      attainmentPct: 150,
      coverage: null,
      yoyPct: 275,
    })
    const year = await quotaAttainment(quota, { period: 'year', month: 4, today })
    // Whole year: the 1 Jul opportunity (3,000 € weighted) joins: 4,200 ÷ 9,200 € gap = 0.46.
    assert.include(year, {
      targetMinor: '1200000',
      actualMinor: '280000',
      pipelineMinor: '420000',
      coverage: 0.46,
      previousMinor: '140000',
      yoyPct: 100,
    })
    assert.deepEqual(year.cumulative.slice(0, 5), [
      { month: 1, targetMinor: '100000', actualMinor: '50000', previousMinor: '0' },
      { month: 2, targetMinor: '200000', actualMinor: '200000', previousMinor: '40000' },
      { month: 3, targetMinor: '300000', actualMinor: '200000', previousMinor: '40000' },
      { month: 4, targetMinor: '400000', actualMinor: '280000', previousMinor: '40000' },
      { month: 5, targetMinor: '500000', actualMinor: '280000', previousMinor: '140000' },
    ])
    assert.equal(year.cumulative[11].targetMinor, '1200000')
  })

  test('team, zone and family quotas count their own won opportunities only', async ({
    assert,
  }) => {
    const { org, ana, luis, won } = await world()
    const team = await createTeam(org, null, [ana], 'Norte')
    const north = await insertCompany(org, { zone: 'norte' })
    const south = await insertCompany(org, { zone: 'sur' })
    await won(luis.id, 11_000, '2025-03-03', { team_id: team.id })
    await won(luis.id, 22_000, '2025-03-04', { company_id: north })
    await won(luis.id, 44_000, '2025-03-05', { company_id: south, product_family: 'erp' })
    const base = { organizationId: org.id, userId: null, teamId: null, targetCode: null }
    type Extra = Partial<QuotaTarget> & Pick<QuotaTarget, 'kind'>
    const q = (extra: Extra): QuotaTarget => ({
      ...base,
      year: 2025,
      months: flat(10_000).map(BigInt),
      ...extra,
    })
    const march = { period: 'month' as const, month: 3, today }
    const actual = async (extra: Extra) => (await quotaAttainment(q(extra), march)).actualMinor
    assert.equal(await actual({ kind: 'team', teamId: team.id }), '11000')
    assert.equal(await actual({ kind: 'zone', targetCode: 'norte' }), '22000')
    assert.equal(await actual({ kind: 'zone', targetCode: 'sur' }), '44000')
    assert.equal(await actual({ kind: 'family', targetCode: 'erp' }), '44000')
    assert.equal(await actual({ kind: 'family', targetCode: 'crm' }), '0')
  })

  test('the contract computes the same figures, and only for the organization’s own quota', async ({
    assert,
  }) => {
    const { org, quotaId } = await world()
    const other = await createOrganization(['crm'])
    const a = await attainmentOfQuota(org.id, quotaId, { period: 'quarter', month: 4, today })
    assert.equal(a?.actualMinor, '80000')
    assert.equal(a?.coverage, 0.55)
    assert.isNull(await attainmentOfQuota(other.id, quotaId, { period: 'year', month: 1, today }))
  })
})
