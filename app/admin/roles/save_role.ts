import db from '@adonisjs/lucid/services/db'
import { forgetGrants } from '#app/support/cache'
import Role from '#models/role'
import { recordHistory } from '#app/history/record_history'
import type { RoleData } from '#app/admin/roles/validators'
import { assertAdminsRemain, lockActiveAdmins } from '../users/guards.js'
import { ROLE_SUBJECT, roleSnapshot } from './snapshot.js'

export interface SaveRoleParams {
  organizationId: number
  actorId: number
  /** Absent to create a role. */
  roleId?: number
  data: RoleData
}

/**
 * Creates or edits a role and replaces its permissions and scopes as a whole, in one
 * transaction. Refused (and rolled back) if the administrator would lose their own
 * administrator rights by it.
 */
export async function saveRole(params: SaveRoleParams): Promise<{ id: number; name: string }> {
  const { organizationId, actorId, data } = params
  return db
    .transaction(async (trx) => {
      // Editing a role can take administrator rights away: serialize with other such changes.
      if (params.roleId) await lockActiveAdmins(organizationId, trx)
      const role = params.roleId
        ? await Role.query({ client: trx })
            .where({ id: params.roleId, organizationId })
            .firstOrFail()
        : new Role()
      const before = params.roleId ? await roleSnapshot(trx, role.id) : null
      role.useTransaction(trx)
      role.organizationId = organizationId
      role.name = data.name
      role.description = data.description ?? null
      role.isAdmin = data.isAdmin
      await role.save()

      await trx.from('role_permissions').where('role_id', role.id).delete()
      await trx.from('role_scopes').where('role_id', role.id).delete()
      if (data.permissions.length) {
        await trx
          .table('role_permissions')
          .multiInsert(data.permissions.map((permission) => ({ role_id: role.id, permission })))
      }
      if (data.scopes.length) {
        await trx
          .table('role_scopes')
          .multiInsert(
            data.scopes.map((s) => ({ role_id: role.id, resource: s.resource, scope: s.scope }))
          )
      }

      const subject = { organizationId, actorId, subjectType: ROLE_SUBJECT, subjectId: role.id }
      const after = await roleSnapshot(trx, role.id)
      if (before) {
        await assertAdminsRemain(organizationId, actorId, trx)
        await recordHistory.updated(subject, before, after, trx)
      } else {
        await recordHistory.created(subject, after, trx)
      }
      return { id: role.id, name: role.name }
    })
    .finally(forgetGrants) // every holder's cached grants go
}
