import db from '@adonisjs/lucid/services/db'
import type { Client } from '../client.js'
import { recordHistory } from '#app/history/record_history'
import Team from '#models/team'
import type { TeamData } from '#app/admin/teams/validators'
import { RuleError } from '#app/support/rule_error'
import { TEAM_SUBJECT, teamSnapshot } from './snapshot.js'

export interface SaveTeamParams {
  organizationId: number
  actorId: number
  /** Absent to create a team. */
  teamId?: number
  data: TeamData
}

/** Creates or edits a team: leader, members (replaced as a whole) and monthly target. */
export async function saveTeam(params: SaveTeamParams): Promise<{ id: number; name: string }> {
  const { organizationId, actorId, data } = params
  await assertOrganizationUsers(organizationId, data.leaderId ? [data.leaderId] : [], 'leaderId')
  await assertOrganizationUsers(organizationId, data.memberIds, 'memberIds')

  return db.transaction(async (trx) => {
    const team = params.teamId
      ? await Team.query({ client: trx }).where({ id: params.teamId, organizationId }).firstOrFail()
      : new Team()
    const before = params.teamId ? await teamSnapshot(trx, team.id) : null
    team.useTransaction(trx)
    team.organizationId = organizationId
    team.name = data.name
    team.leaderId = data.leaderId ?? null
    // Minor units as a string all the way: the driver writes it into the BIGINT column as is.
    team.monthlyTargetMinor = data.monthlyTarget
    team.currency = data.currency
    await team.save()
    const teamId = team.id
    await trx.from('team_members').where('team_id', teamId).delete()
    if (data.memberIds.length) {
      await trx
        .table('team_members')
        .multiInsert(data.memberIds.map((userId) => ({ team_id: teamId, user_id: userId })))
    }
    const subject = { organizationId, actorId, subjectType: TEAM_SUBJECT, subjectId: teamId }
    const after = await teamSnapshot(trx, teamId)
    if (before) await recordHistory.updated(subject, before, after, trx)
    else await recordHistory.created(subject, after, trx)
    return { id: teamId, name: data.name }
  })
}

async function assertOrganizationUsers(
  organizationId: number,
  userIds: number[],
  field: string,
  client: Client = db
) {
  if (!userIds.length) return
  const found = await client
    .from('users')
    .where('organization_id', organizationId)
    .whereIn('id', userIds)
    .select('id')
  if (found.length !== new Set(userIds).size)
    throw new RuleError('admin.teams.errors.unknown_user', {}, field)
}
