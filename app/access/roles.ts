import db from '@adonisjs/lucid/services/db'

/*
 * Roles for modules that share records with roles or notify by role (saved reports, alerts): the kernel's roles and
 * user_roles tables stay private (ARCHITECTURE §3); modules read them through these helpers.
 */

/** The ids of the roles a user holds. */
export async function userRoleIds(userId: number): Promise<number[]> {
  const rows = await db.from('user_roles').where('user_id', userId).select('role_id')
  return rows.map((r) => Number(r.role_id))
}

/** The organization's roles (id, name), by name: the choices of a "share with / notify" field. */
export async function organizationRoles(organizationId: number) {
  const rows = await db
    .from('roles')
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('id', 'name')
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name) }))
}

/** The organization's roles by name, as select options. */
export async function roleOptions(organizationId: number) {
  const roles = await organizationRoles(organizationId)
  return roles.map((r) => ({ value: String(r.id), label: r.name }))
}

/** Which of `ids` are roles of the organization. */
export async function organizationRoleIds(organizationId: number, ids: number[]) {
  if (!ids.length) return []
  const rows = await db
    .from('roles')
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .select('id')
  return rows.map((r) => Number(r.id))
}

/** The organization's roles with these names (demo data). */
export async function roleIdsNamed(organizationId: number, names: string[]) {
  const rows = await db
    .from('roles')
    .where('organization_id', organizationId)
    .whereIn('name', names)
    .select('id')
  return rows.map((r) => Number(r.id))
}

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
