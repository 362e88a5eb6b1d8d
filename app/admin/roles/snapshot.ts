import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export const ROLE_SUBJECT = 'kernel.role'

/** A role's audited state: its fields, permission keys (sorted) and scope per resource. */
export async function roleSnapshot(
  client: QueryClientContract,
  roleId: number
): Promise<Record<string, unknown>> {
  const [role, permissions, scopes] = await Promise.all([
    client
      .from('roles')
      .where('id', roleId)
      .select('name', 'description', 'is_admin')
      .firstOrFail(),
    client
      .from('role_permissions')
      .where('role_id', roleId)
      .orderBy('permission')
      .select('permission'),
    client
      .from('role_scopes')
      .where('role_id', roleId)
      .orderBy('resource')
      .select('resource', 'scope'),
  ])
  return {
    name: role.name,
    description: role.description ?? null,
    isAdmin: Boolean(role.is_admin),
    permissions: permissions.map((p) => p.permission),
    scopes: Object.fromEntries(scopes.map((s) => [s.resource, s.scope])),
  }
}
