import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { recordHistory } from '#app/history/record_history'
import type { CreateUserData } from '#app/admin/users/validators'
import { RuleError } from '#app/support/rule_error'
import { assertOrganizationRoles, assertReportsTo } from './guards.js'
import { assertSeatAvailable } from './seats.js'
import { USER_SUBJECT, userSnapshot } from './snapshot.js'
import { sendPasswordReset } from './send_password_reset.js'

export interface CreateUserParams {
  organizationId: number
  actorId: number
  data: CreateUserData
}

/**
 * Creates a user of the organization with their roles and manager. An active user takes a
 * licence seat, so the seat limit is checked in the same transaction and nothing is written
 * when it is reached.
 */
export async function createUser(
  params: CreateUserParams
): Promise<{ id: number; fullName: string; mailError: RuleError | null }> {
  const { organizationId, actorId, data } = params
  if (data.passwordMode === 'email' && !data.isActive) {
    // Reset links only work for active users; an inactive user would get a dead link.
    throw new RuleError('admin.users.errors.reset_needs_active', {}, 'passwordMode')
  }
  await assertOrganizationRoles(organizationId, data.roleIds)
  await assertReportsTo(organizationId, null, data.reportsToId)

  const user = await db.transaction(async (trx) => {
    if (data.isActive) await assertSeatAvailable(trx, organizationId)
    const created = await User.create(
      {
        organizationId,
        fullName: data.fullName,
        email: data.email,
        locale: data.locale,
        timezone: data.timezone,
        isActive: data.isActive,
        reportsToId: data.reportsToId ?? null,
        // Without an initial password the account gets an unguessable one until the user picks theirs.
        password:
          data.passwordMode === 'set' ? data.password! : randomBytes(32).toString('base64url'),
      },
      { client: trx }
    )
    if (data.roleIds.length) {
      await trx
        .table('user_roles')
        .multiInsert(data.roleIds.map((roleId) => ({ user_id: created.id, role_id: roleId })))
    }
    const subject = { organizationId, actorId, subjectType: USER_SUBJECT, subjectId: created.id }
    await recordHistory.created(subject, await userSnapshot(trx, created.id), trx)
    return created
  })

  // The user exists either way; a mail that failed is reported so the administrator can resend it.
  let mailError: RuleError | null = null
  if (data.passwordMode === 'email') {
    await sendPasswordReset({ organizationId, userId: user.id }).catch((error) => {
      if (!(error instanceof RuleError)) throw error
      mailError = error
    })
  }
  return { id: user.id, fullName: user.fullName, mailError }
}
