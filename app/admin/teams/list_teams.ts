import db from '@adonisjs/lucid/services/db'
import { keysetPage } from '#app/support/keyset'

export interface TeamRow {
  id: number
  name: string
  leader: string | null
  members: number
  /** Minor units as a string (never a float). */
  monthlyTargetMinor: string
  currency: string
}

const PAGE_SIZE = 50

/** The organization's teams by normalized name (keyset), with leader and member count. */
export async function listTeams(organizationId: number, cursor?: string | null) {
  const query = db
    .from('teams as t')
    .leftJoin('users as l', 'l.id', 't.leader_id')
    .where('t.organization_id', organizationId)
    .select(
      't.id',
      't.name',
      't.name_normalized',
      't.monthly_target_minor',
      't.currency',
      'l.full_name as leader'
    )
  const page = await keysetPage<any>(
    query,
    { column: 't.name_normalized', idColumn: 't.id', direction: 'asc', limit: PAGE_SIZE, cursor },
    (r) => r.name_normalized
  )
  const ids = page.rows.map((r) => Number(r.id))
  const counts = ids.length
    ? await db
        .from('team_members')
        .whereIn('team_id', ids)
        .groupBy('team_id')
        .select('team_id')
        .count('* as total')
    : []
  const membersOf = new Map(counts.map((c) => [Number(c.team_id), Number(c.total)]))
  const rows: TeamRow[] = page.rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    leader: r.leader ?? null,
    members: membersOf.get(Number(r.id)) ?? 0,
    monthlyTargetMinor: String(r.monthly_target_minor),
    currency: r.currency,
  }))
  return { rows, next: page.next }
}
