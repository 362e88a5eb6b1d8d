import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export const TEAM_SUBJECT = 'kernel.team'

/** A team's audited state: people by name, money as a string of minor units. */
export async function teamSnapshot(
  client: QueryClientContract,
  teamId: number
): Promise<Record<string, unknown>> {
  const [team, members] = await Promise.all([
    client
      .from('teams as t')
      .leftJoin('users as l', 'l.id', 't.leader_id')
      .where('t.id', teamId)
      .select('t.name', 'l.full_name as leader', 't.monthly_target_minor', 't.currency')
      .firstOrFail(),
    client
      .from('team_members as tm')
      .join('users as u', 'u.id', 'tm.user_id')
      .where('tm.team_id', teamId)
      .orderBy('u.full_name')
      .select('u.full_name'),
  ])
  return {
    name: team.name,
    leader: team.leader ?? null,
    members: members.map((m) => m.full_name),
    monthlyTargetMinor: String(team.monthly_target_minor),
    currency: team.currency,
  }
}
