import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** Subject type of users in the audit log and the timeline. */
export const USER_SUBJECT = 'kernel.user'

/**
 * The audited fields of a user (never the password), as plain values for diffing. Manager and
 * roles are recorded by name: the audit log is read by people, and names say what ids do not.
 */
export async function userSnapshot(
  client: QueryClientContract,
  userId: number
): Promise<Record<string, unknown>> {
  const user = await client
    .from('users as u')
    .leftJoin('users as m', 'm.id', 'u.reports_to_id')
    .where('u.id', userId)
    .select(
      'u.full_name',
      'u.email',
      'u.locale',
      'u.timezone',
      'u.is_active',
      'm.full_name as manager'
    )
    .firstOrFail()
  const roles = await client
    .from('user_roles as ur')
    .join('roles as r', 'r.id', 'ur.role_id')
    .where('ur.user_id', userId)
    .orderBy('r.name')
    .select('r.name')
  return {
    fullName: user.full_name,
    email: user.email,
    locale: user.locale,
    timezone: user.timezone,
    isActive: Boolean(user.is_active),
    reportsTo: user.manager ?? null,
    roles: roles.map((r) => r.name),
  }
}
