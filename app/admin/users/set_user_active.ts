import db from '@adonisjs/lucid/services/db'
import { recordHistory } from '#app/history/record_history'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { userSessions } from '#app/access/user_sessions'
import { forgetAuth, forgetUsers } from '#app/support/cache'
import { passwordResets } from '#services/password_resets'
import { assertAdminsRemain, lockActiveAdmins } from './guards.js'
import { assertSeatAvailable } from './seats.js'
import { USER_SUBJECT } from './snapshot.js'

export interface SetUserActiveParams {
  organizationId: number
  /** Null when the system acts (no lockout-by-self to prevent). */
  actorId: number | null
  userId: number
  active: boolean
}

/**
 * Activates (takes a licence seat) or deactivates a user. Deactivating signs the user out of
 * every device and voids their password-reset links; an administrator cannot deactivate themself,
 * nor the last active administrator.
 * Every check runs inside the transaction, after the administrators' rows are locked, so two
 * administrators deactivating each other at the same moment cannot both succeed: the second
 * finds they are no longer an active administrator.
 */
export async function setUserActive(
  params: SetUserActiveParams
): Promise<{ fullName: string; changed: boolean }> {
  const { organizationId, actorId, userId, active } = params
  return db.transaction(async (trx) => {
    const admins = await lockActiveAdmins(organizationId, trx)
    const user = await trx
      .from('users')
      .where({ id: userId, organization_id: organizationId })
      .select('id', 'full_name', 'is_active')
      .firstOrFail()
    if (Boolean(user.is_active) === active) return { fullName: user.full_name, changed: false }
    if (!active && userId === actorId) throw new RuleError('admin.users.errors.deactivate_self')
    // Checked now, not when the request came in: another administrator may have just
    // deactivated the actor or taken their administrator role away.
    if (actorId !== null && !admins.includes(actorId))
      throw new RuleError('admin.users.errors.actor_not_admin')

    if (active) await assertSeatAvailable(trx, organizationId)
    await trx
      .from('users')
      .where('id', userId)
      .update({ is_active: active, updated_at: dbTimestamp() })
    await Promise.all([forgetAuth(userId, trx), forgetUsers(trx)])
    if (!active) {
      await trx.from('remember_me_tokens').where('tokenable_id', userId).delete()
      await userSessions.revokeAll(userId, 'deactivated', { trx })
      // An outstanding reset link must not work again if the account is reactivated later.
      await passwordResets.revoke(userId, trx)
      await assertAdminsRemain(organizationId, actorId, trx)
    }
    const subject = { organizationId, actorId, subjectType: USER_SUBJECT, subjectId: userId }
    await recordHistory.updated(subject, { isActive: !active }, { isActive: active }, trx)
    return { fullName: user.full_name, changed: true }
  })
}
