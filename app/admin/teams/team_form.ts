import db from '@adonisjs/lucid/services/db'
import { formatMinorForInput } from './money.js'

export interface TeamFormValues {
  id: number
  name: string
  leaderId: number | null
  memberIds: number[]
  /** The target as the person would type it in their language, e.g. "60.000,00". */
  monthlyTarget: string
  currency: string
}

/** A team of the organization as the form shows it (404 for anyone else's). */
export async function teamFormValues(
  organizationId: number,
  teamId: number,
  locale: string
): Promise<TeamFormValues> {
  const team = await db
    .from('teams')
    .where({ id: teamId, organization_id: organizationId })
    .select('id', 'name', 'leader_id', 'monthly_target_minor', 'currency')
    .firstOrFail()
  const members = await db.from('team_members').where('team_id', teamId).select('user_id')
  return {
    id: Number(team.id),
    name: team.name,
    leaderId: team.leader_id === null ? null : Number(team.leader_id),
    memberIds: members.map((m) => Number(m.user_id)),
    monthlyTarget: formatMinorForInput(String(team.monthly_target_minor), locale),
    currency: team.currency,
  }
}

/** Users of the organization that can lead or join a team. */
export async function teamUserOptions(organizationId: number) {
  const users = await db
    .from('users')
    .where('organization_id', organizationId)
    .orderBy('full_name_normalized')
    .orderBy('id')
    .select('id', 'full_name', 'is_active')
  return users.map((u) => ({
    value: String(u.id),
    label: u.full_name,
    isActive: Boolean(u.is_active),
  }))
}
