import db from '@adonisjs/lucid/services/db'
import { forgetGrants } from '#app/support/cache'
import User from '#models/user'
import { recordHistory } from '#app/history/record_history'
import { audit } from '#app/history/audit'
import { passwordResets } from '#services/password_resets'
import type { UpdateUserData } from '#app/admin/users/validators'
import {
  assertAdminsRemain,
  assertOrganizationRoles,
  assertReportsTo,
  lockActiveAdmins,
} from './guards.js'
import { USER_SUBJECT, userSnapshot } from './snapshot.js'

export interface UpdateUserParams {
  organizationId: number
  actorId: number
  userId: number
  data: UpdateUserData
}

/**
 * Edits a user's profile, roles, manager and (optionally) password. Activation is a separate
 * use case because it takes a licence seat. Refused, and rolled back, when the administrator
 * would remove their own administrator role.
 */
export async function updateUser(
  params: UpdateUserParams
): Promise<{ id: number; fullName: string }> {
  const { organizationId, actorId, userId, data } = params
  const user = await User.query().where({ id: userId, organizationId }).firstOrFail()
  await assertOrganizationRoles(organizationId, data.roleIds)
  await assertReportsTo(organizationId, user.id, data.reportsToId)

  await db.transaction(async (trx) => {
    // First, so concurrent changes to administrators run one after the other (see guards.ts).
    await lockActiveAdmins(organizationId, trx)
    user.useTransaction(trx)
    const before = await userSnapshot(trx, user.id)
    const emailChanged = user.email !== data.email
    user.fullName = data.fullName
    user.email = data.email
    user.locale = data.locale
    user.timezone = data.timezone
    user.reportsToId = data.reportsToId ?? null
    if (data.password) user.password = data.password
    await user.save()
    await trx.from('user_roles').where('user_id', user.id).delete()
    if (data.roleIds.length) {
      await trx
        .table('user_roles')
        .multiInsert(data.roleIds.map((roleId) => ({ user_id: user.id, role_id: roleId })))
    }
    await assertAdminsRemain(organizationId, actorId, trx)
    const subject = { organizationId, actorId, subjectType: USER_SUBJECT, subjectId: user.id }
    await recordHistory.updated(subject, before, await userSnapshot(trx, user.id), trx)
    if (data.password) {
      // That the password changed is audited (its value never is); "remember me" devices must sign in again.
      await audit.record(
        {
          ...subject,
          action: 'update',
          changes: [{ field: 'password', from: null, to: '••••••' }],
        },
        trx
      )
      await trx.from('remember_me_tokens').where('tokenable_id', user.id).delete()
    }
    // A reset link mailed to the old address, or from before the administrator's password, dies.
    if (emailChanged || data.password) await passwordResets.revoke(user.id, trx)
  })
  await forgetGrants() // the user's roles may have changed
  return { id: user.id, fullName: user.fullName }
}
