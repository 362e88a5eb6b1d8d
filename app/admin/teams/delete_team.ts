import db from '@adonisjs/lucid/services/db'
import { recordHistory } from '#app/history/record_history'
import { dropShareTarget } from '#app/views/write_views'
import { TEAM_SUBJECT, teamSnapshot } from './snapshot.js'

/** Deletes a team and its memberships; the users themselves stay. */
export async function deleteTeam(params: {
  organizationId: number
  actorId: number
  teamId: number
}): Promise<{ name: string }> {
  const { organizationId, actorId, teamId } = params
  return db.transaction(async (trx) => {
    await trx
      .from('teams')
      .where({ id: teamId, organization_id: organizationId })
      .select('id')
      .firstOrFail()
    const snapshot = await teamSnapshot(trx, teamId)
    await trx.from('team_members').where('team_id', teamId).delete()
    await dropShareTarget(trx, { teamId })
    await trx.from('teams').where('id', teamId).delete()
    await recordHistory.deleted(
      { organizationId, actorId, subjectType: TEAM_SUBJECT, subjectId: teamId },
      snapshot,
      trx
    )
    return { name: String(snapshot.name) }
  })
}
