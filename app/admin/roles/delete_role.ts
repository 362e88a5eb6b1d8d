import db from '@adonisjs/lucid/services/db'
import { forgetGrants } from '#app/support/cache'
import { recordHistory } from '#app/history/record_history'
import { RuleError } from '#app/support/rule_error'
import { dropShareTarget } from '#app/views/write_views'
import { ROLE_SUBJECT, roleSnapshot } from './snapshot.js'

/** Deletes a role nobody holds; a role in use must first be taken away from its users. */
export async function deleteRole(params: {
  organizationId: number
  actorId: number
  roleId: number
}): Promise<{ name: string }> {
  const { organizationId, actorId, roleId } = params
  return db
    .transaction(async (trx) => {
      const role = await trx
        .from('roles')
        .where({ id: roleId, organization_id: organizationId })
        .select('id', 'name')
        .firstOrFail()
      const holders = await trx
        .from('user_roles')
        .where('role_id', roleId)
        .count('* as total')
        .first()
      const count = Number(holders?.total ?? 0)
      if (count > 0) throw new RuleError('admin.roles.errors.in_use', { count })
      const snapshot = await roleSnapshot(trx, roleId)
      await trx.from('role_permissions').where('role_id', roleId).delete()
      await trx.from('role_scopes').where('role_id', roleId).delete()
      await dropShareTarget(trx, { roleId })
      await trx.from('roles').where('id', roleId).delete()
      await recordHistory.deleted(
        { organizationId, actorId, subjectType: ROLE_SUBJECT, subjectId: roleId },
        snapshot,
        trx
      )
      return { name: role.name }
    })
    .finally(forgetGrants) // every holder's cached grants go
}
