import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { loadGrants, ScopeResolver, type Grants, type ScopeConstraint } from './scope_resolver.js'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { cachedGrants } from '#app/support/cache'
import { moduleRegistry } from '#app/registry/main'
import { isRegisteredPermission } from './permission_keys.js'
import { binColumn } from '#app/bin/resources'

type AnyQuery = DatabaseQueryBuilderContract<any> | ModelQueryBuilderContract<LucidModel, any>

export interface ScopeOptions {
  /** Table (or alias) whose columns are constrained; defaults to the query's own columns. */
  table?: string
  ownerColumn?: string
  /** The action the rows are wanted for (`view` by default; `edit`, `delete`, `export`…). */
  action?: string
  /**
   * Rows of a resource that accepts the recycle bin are left out while binned; `true` keeps
   * them (the bin itself, restore and purge).
   */
  withBinned?: boolean
}

/**
 * Who is asking, in which organization, and what they may do. Built once per request; every
 * list, count, detail, export and search takes its constraint from `scope()`.
 */
export class AccessContext {
  readonly resolver: ScopeResolver

  constructor(
    readonly userId: number,
    readonly organizationId: number,
    readonly grants: Grants,
    client?: TransactionClientContract
  ) {
    this.resolver = new ScopeResolver(userId, organizationId, grants, client)
  }

  /**
   * Grants come from the shared cache (dropped whenever roles or a user's roles change); inside
   * a caller's transaction they are read from that transaction.
   */
  static async forUser(
    user: { id: number; organizationId: number },
    client?: TransactionClientContract
  ) {
    // Loads the manifests (once) so permission keys can be checked against them.
    await moduleRegistry()
    const grants = client
      ? await loadGrants(user.id, client)
      : await cachedGrants(user.id, () => loadGrants(user.id))
    return new AccessContext(user.id, user.organizationId, grants, client)
  }

  get isAdmin(): boolean {
    return this.grants.isAdmin
  }

  /**
   * Whether the user holds `permission`. A key no loaded manifest registers throws outside
   * production and is denied (even to administrators) in production: see permission_keys.ts.
   */
  can(permission: string): boolean {
    if (!isRegisteredPermission(permission)) return false
    return this.grants.isAdmin || this.grants.permissions.has(permission)
  }

  /** Throws a 403 when the permission is missing (and, outside production, on an unregistered key). */
  authorize(permission: string): void {
    if (!this.can(permission)) throw new ForbiddenException(permission)
  }

  /** What the user may do `action` on (`view` by default) among the records of `resource`. */
  constraint(
    resource: string,
    action: string = 'view',
    client?: QueryClientContract
  ): Promise<ScopeConstraint> {
    return this.resolver.constraint(resource, action, client)
  }

  /**
   * Restricts a query (in place) to the organization and to the rows of `resource` the user
   * may see (or, with `options.action`, act on). Out-of-scope rows simply do not match, so a
   * detail lookup answers 404. Binned rows (recycle bin) never match either, unless
   * `options.withBinned`.
   * Resolves to nothing on purpose: a Lucid query builder is thenable, so an async function
   * returning it would execute the whole (unpaginated) query.
   */
  async scope(query: AnyQuery, resource: string, options: ScopeOptions = {}): Promise<void> {
    const col = (name: string) => (options.table ? `${options.table}.${name}` : name)
    query.where(col('organization_id'), this.organizationId)
    const binned = options.withBinned ? null : binColumn(resource)
    if (binned) query.whereNull(col(binned))
    // Resolve owner sets on the query's own client (its transaction, if any).
    const constraint = await this.constraint(
      resource,
      options.action,
      query.client as QueryClientContract
    )
    if (constraint.kind === 'none') query.whereRaw('1 = 0')
    if (constraint.kind === 'owners')
      query.whereIn(col(options.ownerColumn ?? 'owner_id'), constraint.ownerIds)
  }

  /** Whether a row owned by `ownerId` is within the user's scope for `action` (default `view`) on `resource`. */
  async canSee(
    resource: string,
    ownerId: number | null,
    client?: QueryClientContract,
    action = 'view'
  ): Promise<boolean> {
    const constraint = await this.constraint(resource, action, client)
    if (constraint.kind === 'all') return true
    if (constraint.kind === 'none' || ownerId === null) return false
    return constraint.ownerIds.includes(ownerId)
  }
}
