import db from '@adonisjs/lucid/services/db'

/*
 * Roles for modules that share records with roles (saved reports…): the kernel's roles and
 * user_roles tables stay private (ARCHITECTURE §3); modules read them through these helpers.
 */

/** The ids of the roles a user holds. */
export async function userRoleIds(userId: number): Promise<number[]> {
  const rows = await db.from('user_roles').where('user_id', userId).select('role_id')
  return rows.map((r) => Number(r.role_id))
}

/** The organization's roles by name, as select options. */
export async function roleOptions(organizationId: number) {
  const roles = await db
    .from('roles')
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('id', 'name')
  return roles.map((r) => ({ value: String(r.id), label: String(r.name) }))
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
