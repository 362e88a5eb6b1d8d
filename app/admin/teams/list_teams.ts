import db from '@adonisjs/lucid/services/db'
import { cappedCount, keysetPage } from '#app/support/keyset'
import type { ListPage } from '#validators/list_page'

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

/**
 * The organization's teams by normalized name (keyset, either way), with leader and member
 * count; the page's position and the (capped) number of teams.
 */
export async function listTeams(organizationId: number, { cursor, before }: ListPage = {}) {
  const teams = () => db.from('teams as t').where('t.organization_id', organizationId)
  const query = teams()
    .leftJoin('users as l', 'l.id', 't.leader_id')
    .select(
      't.id',
      't.name',
      't.name_normalized',
      't.monthly_target_minor',
      't.currency',
      'l.full_name as leader'
    )
  const [page, count] = await Promise.all([
    keysetPage<any>(
      query,
      {
        column: 't.name_normalized',
        idColumn: 't.id',
        direction: 'asc',
        limit: PAGE_SIZE,
        cursor,
        before,
      },
      (r) => r.name_normalized
    ),
    cappedCount(teams()),
  ])
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
  const { next, prev, offset } = page
  return { rows, next, prev, offset, count }
}
