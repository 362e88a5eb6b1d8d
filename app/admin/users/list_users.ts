import db from '@adonisjs/lucid/services/db'
import { cappedCount, keysetPage, type CappedCount } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import type { ListUsersFilters } from '#app/admin/users/validators'
import { LIKE_ESCAPE, likePattern } from '#app/support/like'
import { normalizeName } from '#app/support/normalize'

export interface UserRow {
  id: number
  fullName: string
  email: string
  isActive: boolean
  roles: { id: number; name: string; isAdmin: boolean }[]
  teams: string[]
  reportsTo: string | null
  lastLoginAt: string | null
}

export interface UsersPage {
  rows: UserRow[]
  next: string | null
  prev: string | null
  /** Rows before this page, for "26–50 de 300". */
  offset: number
  count: CappedCount
}

const PAGE_SIZE = 25

/**
 * The organization's users by name (keyset on the normalized name, so "Álvaro" sorts with the
 * A's on every database), with their roles, teams and manager.
 */
export async function listUsers(
  organizationId: number,
  filters: ListUsersFilters
): Promise<UsersPage> {
  const filtered = () => {
    const query = db.from('users as u').where('u.organization_id', organizationId)
    if (filters.q) {
      const q = filters.q
      // The name is searched on its normalized form: "alvaro" finds "Álvaro" on SQLite too.
      query.where((w) =>
        w
          .whereRaw(`u.full_name_normalized LIKE ? ${LIKE_ESCAPE}`, [likePattern(normalizeName(q))])
          .orWhereRaw(`u.email LIKE ? ${LIKE_ESCAPE}`, [likePattern(q.toLowerCase())])
      )
    }
    if (filters.status) query.where('u.is_active', filters.status === 'active')
    if (filters.roleId) {
      query.whereIn(
        'u.id',
        db.from('user_roles').where('role_id', filters.roleId).select('user_id')
      )
    }
    return query
  }

  const query = filtered()
    .leftJoin('users as m', 'm.id', 'u.reports_to_id')
    .select(
      'u.id',
      'u.full_name',
      'u.full_name_normalized',
      'u.email',
      'u.is_active',
      'u.last_login_at',
      'm.full_name as manager'
    )
  const [page, count] = await Promise.all([
    keysetPage<any>(
      query,
      {
        column: 'u.full_name_normalized',
        idColumn: 'u.id',
        direction: 'asc',
        limit: PAGE_SIZE,
        cursor: filters.cursor,
        before: filters.before,
      },
      (r) => r.full_name_normalized
    ),
    cappedCount(filtered()),
  ])

  const ids = page.rows.map((r) => Number(r.id))
  const [roles, teams] = ids.length
    ? await Promise.all([rolesOf(ids), teamsOf(ids)])
    : [new Map(), new Map()]
  return {
    rows: page.rows.map((r) => ({
      id: Number(r.id),
      fullName: r.full_name,
      email: r.email,
      isActive: Boolean(r.is_active),
      roles: roles.get(Number(r.id)) ?? [],
      teams: teams.get(Number(r.id)) ?? [],
      reportsTo: r.manager ?? null,
      lastLoginAt: r.last_login_at ? toIso(r.last_login_at) : null,
    })),
    next: page.next,
    prev: page.prev,
    offset: page.offset,
    count,
  }
}

async function rolesOf(userIds: number[]) {
  const rows = await db
    .from('user_roles as ur')
    .join('roles as r', 'r.id', 'ur.role_id')
    .whereIn('ur.user_id', userIds)
    .orderBy('r.name_normalized')
    .select('ur.user_id', 'r.id', 'r.name', 'r.is_admin')
  const byUser = new Map<number, UserRow['roles']>()
  for (const r of rows) {
    const list = byUser.get(Number(r.user_id)) ?? []
    list.push({ id: Number(r.id), name: r.name, isAdmin: Boolean(r.is_admin) })
    byUser.set(Number(r.user_id), list)
  }
  return byUser
}

/** Teams a user belongs to or leads. */
async function teamsOf(userIds: number[]) {
  const [members, leaders] = await Promise.all([
    db
      .from('team_members as tm')
      .join('teams as t', 't.id', 'tm.team_id')
      .whereIn('tm.user_id', userIds)
      .select('tm.user_id', 't.name'),
    db.from('teams').whereIn('leader_id', userIds).select('leader_id as user_id', 'name'),
  ])
  const byUser = new Map<number, string[]>()
  for (const r of [...members, ...leaders]) {
    const list = byUser.get(Number(r.user_id)) ?? []
    if (!list.includes(r.name)) list.push(r.name)
    byUser.set(
      Number(r.user_id),
      list.sort((a, b) => a.localeCompare(b))
    )
  }
  return byUser
}
