import db from '@adonisjs/lucid/services/db'

/** How many holders a role page names; the count says how many more there are. */
export const HOLDER_NAMES = 5

/**
 * The first holders of each role, by name, so the pages can say who holds a role before
 * anyone tries to delete it. One small query per role in use (a page holds at most 50 roles).
 */
export async function roleHolders(
  organizationId: number,
  roleIds: number[]
): Promise<Map<number, string[]>> {
  const entries = await Promise.all(
    roleIds.map(async (roleId) => {
      const rows = await db
        .from('user_roles as ur')
        .join('users as u', 'u.id', 'ur.user_id')
        .where('ur.role_id', roleId)
        .where('u.organization_id', organizationId)
        .orderBy('u.full_name')
        .orderBy('u.id')
        .limit(HOLDER_NAMES)
        .select('u.full_name')
      return [roleId, rows.map((r) => r.full_name as string)] as const
    })
  )
  return new Map(entries)
}
