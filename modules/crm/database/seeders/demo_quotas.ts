import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { wonOpportunityRow } from './demo_won.js'
import { MONTH_COLUMNS } from '../../quotas/list_quotas.js'

const FAMILIES = ['crm', 'erp', 'tpv', 'web', 'soporte']
/** A seasonal year (per thousand): a quieter August, a strong last quarter. */
const SEASON = [80, 80, 85, 85, 85, 80, 75, 40, 90, 100, 100, 100]

/** The annual amount spread by SEASON, the rounding remainder in December. */
function seasonal(annualMinor: bigint): string[] {
  const months = SEASON.map((w) => (annualMinor * BigInt(w)) / 1000n)
  months[11] += annualMinor - months.reduce((s, m) => s + m, 0n)
  return months.map(String)
}

/**
 * Sales quotas for this year and last: the reps, both teams, two zones and two product
 * families. Opportunities get a product family, and last year gets won opportunities, so
 * attainment, coverage and year-over-year show real figures on a fresh install.
 */
export default async function seedQuotasDemo({ organizationId, users, random }: DemoSeedParams) {
  const year = new Date().getUTCFullYear()
  const teams = await db.from('teams').where('organization_id', organizationId).select('id', 'name')
  const team = (name: string) => teams.find((t) => t.name === name)?.id ?? null
  const norte = team('Equipo Norte')
  const centro = team('Equipo Centro')
  await db.transaction(async (trx) => {
    await familiesOnOpportunities(trx, organizationId, random)
    await lastYearWins(trx, organizationId, year - 1, random, [
      [users.rep1, centro],
      [users.rep2, norte],
      [users.leader, norte],
      [users.manager, centro],
      [users.zoneLead, null],
    ])
    const now = dbTimestamp()
    const targets: [string, Record<string, unknown>, string, number][] = [
      ['user', { user_id: users.rep1 }, `user:${users.rep1}`, 360_000],
      ['user', { user_id: users.rep2 }, `user:${users.rep2}`, 360_000],
      ['user', { user_id: users.leader }, `user:${users.leader}`, 240_000],
      ['user', { user_id: users.zoneLead }, `user:${users.zoneLead}`, 180_000],
      ['team', { team_id: centro }, `team:${centro}`, 800_000],
      ['team', { team_id: norte }, `team:${norte}`, 700_000],
      ['zone', { target_code: 'centro' }, 'zone:centro', 500_000],
      ['zone', { target_code: 'norte' }, 'zone:norte', 300_000],
      ['family', { target_code: 'crm' }, 'family:crm', 250_000],
      ['family', { target_code: 'erp' }, 'family:erp', 300_000],
    ]
    const rows = targets
      .filter(([kind, target]) => kind === 'zone' || kind === 'family' || Object.values(target)[0])
      .flatMap(([kind, target, key, euros]) =>
        [year - 1, year].map((y) => {
          // Last year's targets were 10 % lower.
          const annual = BigInt(y === year ? euros : Math.round(euros * 0.9)) * 100n
          const months = seasonal(annual)
          return {
            organization_id: organizationId,
            kind,
            user_id: null,
            team_id: null,
            target_code: null,
            ...target,
            target_key: key,
            year: y,
            currency: 'EUR',
            amount_minor: annual.toString(),
            ...Object.fromEntries(MONTH_COLUMNS.map((c, i) => [c, months[i]])),
            created_by: users.manager ?? users.admin,
            created_at: now,
            updated_at: now,
          }
        })
      )
    await insertInBatches(trx, 'crm_quotas', rows)
  })
}

/** Every demo opportunity gets a product family (the same ones every time). */
async function familiesOnOpportunities(
  trx: TransactionClientContract,
  organizationId: number,
  random: () => number
) {
  const ids = await trx
    .from('crm_opportunities')
    .where('organization_id', organizationId)
    .orderBy('id')
    .select('id')
  const byFamily = new Map<string, number[]>()
  for (const { id } of ids) {
    const family = FAMILIES[Math.floor(random() * FAMILIES.length)]
    byFamily.set(family, [...(byFamily.get(family) ?? []), Number(id)])
  }
  for (const [family, list] of byFamily)
    await trx
      .from('crm_opportunities')
      .where('organization_id', organizationId)
      .whereIn('id', list)
      .update({ product_family: family })
}

/** Ten won opportunities per seller spread over last year (year-over-year has a base). */
async function lastYearWins(
  trx: TransactionClientContract,
  organizationId: number,
  year: number,
  random: () => number,
  sellers: [number | undefined, number | null][]
) {
  const companies = await trx
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('type', 'cliente')
    .orderBy('id')
    .limit(200)
    .select('id', 'name')
  const stages = await trx
    .from('crm_pipeline_stages')
    .where({ organization_id: organizationId, is_won: true })
    .select('id', 'team_id')
  const wonStage = (teamId: number | null) =>
    (stages.find((s) => s.team_id === teamId) ?? stages.find((s) => s.team_id === null))?.id
  if (!companies.length || !stages.length) return
  const rows: Record<string, unknown>[] = []
  for (const [ownerId, teamId] of sellers) {
    if (!ownerId) continue
    for (let i = 0; i < 10; i++) {
      const company = companies[Math.floor(random() * companies.length)]
      const month = Math.floor(random() * 12)
      const day = 1 + Math.floor(random() * 28)
      const won = new Date(Date.UTC(year, month, day, 11))
      const created = new Date(won.getTime() - 30 * 86_400_000)
      const amount = BigInt(Math.round(8_000 + random() * 32_000) * 100).toString()
      const name = `Renovación ${year} · ${company.name}`.slice(0, 200)
      rows.push(
        wonOpportunityRow({
          organizationId,
          name,
          companyId: company.id,
          stageId: wonStage(teamId),
          teamId,
          ownerId,
          amountMinor: amount,
          won,
          created,
          productFamily: FAMILIES[Math.floor(random() * FAMILIES.length)],
        })
      )
    }
  }
  await insertInBatches(trx, 'crm_opportunities', rows)
}
