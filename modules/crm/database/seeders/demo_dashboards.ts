import db from '@adonisjs/lucid/services/db'
import type { DemoSeedParams } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { wonOpportunityRow } from './demo_won.js'

/** At least this many won opportunities in each of the last thirteen months. */
const PER_MONTH = 3

/**
 * Won opportunities in every one of the last thirteen months (the dashboards' monthly,
 * cumulative and year-over-year charts): a month the other demo seeders left with fewer than
 * three wins gets some, spread over the sellers and their teams, whatever today's date.
 */
export default async function seedDashboardsDemo({
  organizationId,
  users,
  random,
}: DemoSeedParams) {
  const teams = await db.from('teams').where('organization_id', organizationId).select('id', 'name')
  const team = (name: string) => teams.find((t) => t.name === name)?.id ?? null
  const sellers: [number | undefined, number | null][] = [
    [users.rep1, team('Equipo Centro')],
    [users.rep2, team('Equipo Norte')],
    [users.leader, team('Equipo Norte')],
    [users.manager, team('Equipo Centro')],
  ]
  const active = sellers.filter((s): s is [number, number | null] => !!s[0])
  const stages = await db
    .from('crm_pipeline_stages')
    .where({ organization_id: organizationId, is_won: true })
    .select('id', 'team_id')
  const wonStage = (teamId: number | null) =>
    (stages.find((s) => s.team_id === teamId) ?? stages.find((s) => s.team_id === null))?.id
  const companies = await db
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('type', 'cliente')
    .orderBy('id')
    .limit(200)
    .select('id', 'name')
  if (!active.length || !stages.length || !companies.length) return

  const now = new Date()
  const rows: Record<string, unknown>[] = []
  for (let back = 0; back < 13; back++) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
    const found = await db
      .from('crm_opportunities')
      .where({ organization_id: organizationId, status: 'won' })
      .where('won_at', '>=', dbTimestamp(start))
      .where('won_at', '<', dbTimestamp(end))
      .count('* as n')
      .first()
    // This month: only days already past.
    const days = back === 0 ? now.getUTCDate() : 28
    for (let i = Number(found?.n ?? 0); i < PER_MONTH; i++) {
      const [ownerId, teamId] = active[Math.floor(random() * active.length)]
      const company = companies[Math.floor(random() * companies.length)]
      const won = new Date(
        start.getTime() + Math.floor(random() * days) * 86_400_000 + 11 * 3600_000
      )
      const created = new Date(won.getTime() - (20 + Math.floor(random() * 40)) * 86_400_000)
      const amount = String(Math.round(5_000 + random() * 45_000) * 100)
      const name = `Pedido ${won.toISOString().slice(0, 7)} · ${company.name}`.slice(0, 200)
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
        })
      )
    }
  }
  await insertInBatches(db.connection(), 'crm_opportunities', rows)
}
