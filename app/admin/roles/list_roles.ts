import db from '@adonisjs/lucid/services/db'
import { cappedCount, keysetPage } from '#app/support/keyset'
import type { ListPage } from '#validators/list_page'
import { roleHolders } from './holders.js'

export interface RoleRow {
  id: number
  name: string
  description: string | null
  isAdmin: boolean
  users: number
  /** The first holders' names (up to HOLDER_NAMES); `users` counts them all. */
  holders: string[]
}

const PAGE_SIZE = 50

/**
 * The organization's roles by normalized name (keyset, either way), each with how many users
 * hold it and who; the page's position and the (capped) number of roles.
 */
export async function listRoles(organizationId: number, { cursor, before }: ListPage = {}) {
  const roles = () => db.from('roles').where('organization_id', organizationId)
  const query = roles().select('id', 'name', 'name_normalized', 'description', 'is_admin')
  const [page, count] = await Promise.all([
    keysetPage<any>(
      query,
      {
        column: 'name_normalized',
        idColumn: 'id',
        direction: 'asc',
        limit: PAGE_SIZE,
        cursor,
        before,
      },
      (r) => r.name_normalized
    ),
    cappedCount(roles()),
  ])
  const ids = page.rows.map((r) => Number(r.id))
  const counts = ids.length
    ? await db
        .from('user_roles')
        .whereIn('role_id', ids)
        .groupBy('role_id')
        .select('role_id')
        .count('* as total')
    : []
  const usersOf = new Map(counts.map((c) => [Number(c.role_id), Number(c.total)]))
  const holders = await roleHolders(
    organizationId,
    ids.filter((id) => usersOf.get(id))
  )
  const rows: RoleRow[] = page.rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    description: r.description ?? null,
    isAdmin: Boolean(r.is_admin),
    users: usersOf.get(Number(r.id)) ?? 0,
    holders: holders.get(Number(r.id)) ?? [],
  }))
  const { next, prev, offset } = page
  return { rows, next, prev, offset, count }
}
