import db from '@adonisjs/lucid/services/db'
import type { Scope } from '#app/registry/types'
import { roleHolders } from './holders.js'

export interface RoleFormValues {
  id: number
  name: string
  description: string | null
  isAdmin: boolean
  permissions: string[]
  scopes: Record<string, Scope>
  users: number
  /** The first holders' names: a role in use cannot be deleted, and the page says so. */
  holders: string[]
}

/** A role of the organization as the matrix form shows it (404 for anyone else's). */
export async function roleFormValues(
  organizationId: number,
  roleId: number
): Promise<RoleFormValues> {
  const role = await db
    .from('roles')
    .where({ id: roleId, organization_id: organizationId })
    .select('id', 'name', 'description', 'is_admin')
    .firstOrFail()
  const [permissions, scopes, count, holders] = await Promise.all([
    db.from('role_permissions').where('role_id', roleId).select('permission'),
    db.from('role_scopes').where('role_id', roleId).select('resource', 'scope'),
    db.from('user_roles').where('role_id', roleId).count('* as total').first(),
    roleHolders(organizationId, [roleId]),
  ])
  return {
    id: Number(role.id),
    name: role.name,
    description: role.description ?? null,
    isAdmin: Boolean(role.is_admin),
    permissions: permissions.map((p) => p.permission).sort(),
    scopes: Object.fromEntries(scopes.map((s) => [s.resource, s.scope])),
    users: Number(count?.total ?? 0),
    holders: holders.get(roleId) ?? [],
  }
}
