import db from '@adonisjs/lucid/services/db'

/**
 * The active users of an organization holding any of these roles (ids, ascending): who a
 * module notifies "by role" (alert recipients). Roles of other organizations match nobody.
 */
export async function usersWithRoles(organizationId: number, roleIds: number[]): Promise<number[]> {
  if (!roleIds.length) return []
  const rows = await db
    .from('user_roles as ur')
    .join('users as u', 'u.id', 'ur.user_id')
    .join('roles as r', 'r.id', 'ur.role_id')
    .whereIn('ur.role_id', roleIds)
    .where('r.organization_id', organizationId)
    .where('u.organization_id', organizationId)
    .where('u.is_active', true)
    .distinct('u.id')
    .orderBy('u.id')
  return rows.map((r) => Number(r.id))
}

/** The organization's roles (id, name), by name: the choices of a "notify these roles" field. */
export async function organizationRoles(organizationId: number) {
  const rows = await db
    .from('roles')
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('id', 'name')
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name) }))
}
