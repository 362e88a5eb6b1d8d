import db from '@adonisjs/lucid/services/db'

/** A team as a user's own pages show it: name and monthly target (minor units, as a string). */
export interface UserTeam {
  id: number
  name: string
  monthlyTargetMinor: string
  currency: string
}

/** The teams of the organization that the user leads or belongs to, by name (at most 20). */
export async function teamsOfUser(organizationId: number, userId: number): Promise<UserTeam[]> {
  const rows = await db
    .from('teams as t')
    .where('t.organization_id', organizationId)
    .where((q) => {
      q.where('t.leader_id', userId).orWhereIn(
        't.id',
        db.from('team_members').where('user_id', userId).select('team_id')
      )
    })
    .orderBy('t.name')
    .limit(20)
    .select('t.id', 't.name', 't.monthly_target_minor', 't.currency')
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    monthlyTargetMinor: String(r.monthly_target_minor ?? '0'),
    currency: String(r.currency),
  }))
}

/** The ids of the organization's teams that the user leads (ascending). */
export async function teamsLedBy(organizationId: number, userId: number): Promise<number[]> {
  const rows = await db
    .from('teams')
    .where('organization_id', organizationId)
    .where('leader_id', userId)
    .orderBy('id')
    .select('id')
  return rows.map((r) => Number(r.id))
}
