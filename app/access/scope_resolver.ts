import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { SCOPES, type Scope } from '#app/registry/types'

/** What a user may see of one resource. */
export type ScopeConstraint =
  { kind: 'all' } | { kind: 'owners'; ownerIds: number[] } | { kind: 'none' }

export interface Grants {
  isAdmin: boolean
  permissions: Set<string>
  /**
   * Per permission (`<resource>.<action>`), the scopes of the roles that grant that permission.
   * A scope is stored per (role, resource); it counts for an action only through a role that
   * grants that action.
   */
  scopes: Map<string, Set<Scope>>
}

/**
 * Loads a user's grants: the union of their roles' permissions and scopes. A role's scope on a
 * resource counts for an action only if that same role grants the action: a read-only role
 * with scope "all" must not widen what another role lets the user edit or delete, and a role
 * that only exports must not widen what the user sees. An administrator role grants everything.
 */
export async function loadGrants(
  userId: number,
  client?: TransactionClientContract
): Promise<Grants> {
  const q = client ?? db
  const roles = await q
    .from('user_roles')
    .join('roles', 'roles.id', 'user_roles.role_id')
    .where('user_roles.user_id', userId)
    .select('roles.id', 'roles.is_admin')
  const roleIds = roles.map((r) => r.id as number)
  const isAdmin = roles.some((r) => Boolean(r.is_admin))
  const permissions = new Set<string>()
  const scopes = new Map<string, Set<Scope>>()
  if (roleIds.length) {
    const [perms, scopeRows] = await Promise.all([
      q.from('role_permissions').whereIn('role_id', roleIds).select('role_id', 'permission'),
      q.from('role_scopes').whereIn('role_id', roleIds).select('role_id', 'resource', 'scope'),
    ])
    const byRole = new Map<number, string[]>()
    for (const p of perms) {
      permissions.add(p.permission)
      if (!byRole.has(p.role_id)) byRole.set(p.role_id, [])
      byRole.get(p.role_id)!.push(p.permission)
    }
    for (const s of scopeRows) {
      if (!SCOPES.includes(s.scope)) continue
      const prefix = `${s.resource}.`
      for (const permission of byRole.get(s.role_id) ?? []) {
        // `<resource>.<action>` only: a longer resource name sharing the prefix is another resource.
        if (!permission.startsWith(prefix) || permission.slice(prefix.length).includes('.'))
          continue
        if (!scopes.has(permission)) scopes.set(permission, new Set())
        scopes.get(permission)!.add(s.scope)
      }
    }
  }
  return { isAdmin, permissions, scopes }
}

/**
 * Resolves record scopes into owner sets. `own` = me; `team` = members and leaders of every
 * team I belong to or lead; `hierarchy` = me and everyone who reports to me, directly or
 * through others; `all` = the whole organization. Several scopes (from several roles) add up.
 * The owner sets are computed once per resolver (one request).
 */
export class ScopeResolver {
  #team?: Promise<number[]>
  #hierarchy?: Promise<number[]>

  constructor(
    readonly userId: number,
    readonly organizationId: number,
    readonly grants: Grants,
    private client?: TransactionClientContract
  ) {}

  /**
   * The constraint for doing `action` on records of `resource` (needs `<resource>.<action>`).
   * The action's scope comes only from the roles that grant that action, and never reaches
   * past what the user may see: for any action but `view` it is intersected with the view
   * scope (editing or exporting a record one cannot see makes no sense).
   * `client` is the connection or transaction the caller is using: on SQLite there is a single
   * connection, so a lookup through the global `db` while a transaction holds it would wait forever.
   */
  async constraint(
    resource: string,
    action: string = 'view',
    client?: QueryClientContract
  ): Promise<ScopeConstraint> {
    if (this.grants.isAdmin) return { kind: 'all' }
    const view = await this.#granted(`${resource}.view`, client)
    if (action === 'view' || view.kind === 'none') return view
    return intersect(view, await this.#granted(`${resource}.${action}`, client))
  }

  /** The union of the scopes granted with one permission (`own` when a role gives none). */
  async #granted(permission: string, client?: QueryClientContract): Promise<ScopeConstraint> {
    if (!this.grants.permissions.has(permission)) return { kind: 'none' }
    const granted = this.grants.scopes.get(permission) ?? new Set<Scope>(['own'])
    if (granted.has('all')) return { kind: 'all' }
    const owners = new Set<number>([this.userId])
    if (granted.has('team')) for (const id of await this.teamMembers(client)) owners.add(id)
    if (granted.has('hierarchy')) for (const id of await this.subordinates(client)) owners.add(id)
    return { kind: 'owners', ownerIds: [...owners].sort((a, b) => a - b) }
  }

  teamMembers(client?: QueryClientContract): Promise<number[]> {
    this.#team ??= (async () => {
      const q = client ?? this.client ?? db
      const teamIds = q
        .from('teams')
        .where('organization_id', this.organizationId)
        .where((w) =>
          w
            .where('leader_id', this.userId)
            .orWhereIn('id', q.from('team_members').where('user_id', this.userId).select('team_id'))
        )
        .select('id')
      const [members, leaders] = await Promise.all([
        q.from('team_members').whereIn('team_id', teamIds).select('user_id'),
        q.from('teams').whereIn('id', teamIds).whereNotNull('leader_id').select('leader_id'),
      ])
      return [...new Set([...members.map((m) => m.user_id), ...leaders.map((l) => l.leader_id)])]
    })()
    return this.#team
  }

  subordinates(client?: QueryClientContract): Promise<number[]> {
    this.#hierarchy ??= (async () => {
      const q = client ?? this.client ?? db
      const rows = await q
        .from('users')
        .where('organization_id', this.organizationId)
        .whereNotNull('reports_to_id')
        .select('id', 'reports_to_id')
      const children = new Map<number, number[]>()
      for (const r of rows) {
        if (!children.has(r.reports_to_id)) children.set(r.reports_to_id, [])
        children.get(r.reports_to_id)!.push(r.id)
      }
      const found = new Set<number>()
      const stack = [this.userId]
      while (stack.length) {
        for (const child of children.get(stack.pop()!) ?? []) {
          if (!found.has(child) && child !== this.userId) {
            found.add(child)
            stack.push(child)
          }
        }
      }
      return [...found]
    })()
    return this.#hierarchy
  }
}

/** Records allowed by both constraints. */
function intersect(a: ScopeConstraint, b: ScopeConstraint): ScopeConstraint {
  if (a.kind === 'none' || b.kind === 'none') return { kind: 'none' }
  if (a.kind === 'all') return b
  if (b.kind === 'all') return a
  const other = new Set(b.ownerIds)
  return { kind: 'owners', ownerIds: a.ownerIds.filter((id) => other.has(id)) }
}
