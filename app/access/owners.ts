import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { cachedUsers } from '#app/support/cache'

/*
 * Record owners: who a record of a scoped resource may be given to, and which owner to store.
 * Every module with owned records (manifest resources) uses these with its resource key.
 */

export interface OwnerOption {
  value: string
  label: string
}

export interface OwnerOptions {
  activeOnly?: boolean
  client?: QueryClientContract
  /** The action the owner is chosen in (`create`, `edit`); its scope decides. Default `view`. */
  action?: string
}

/**
 * Users a record of `resource` may be given to: active users of the organization whose
 * records the current user may act on (everyone with an `all` scope; team or reports otherwise).
 * A user limited to their own records can only own what they create. `client` is the caller's
 * transaction when inside one (SQLite has a single connection: the global `db` would wait).
 */
export async function assignableOwners(
  access: AccessContext,
  resource: string,
  options: OwnerOptions = {}
): Promise<OwnerOption[]> {
  const constraint = await access.constraint(resource, options.action, options.client)
  if (constraint.kind === 'none') return []
  const activeOnly = options.activeOnly ?? true
  const allowed = constraint.kind === 'owners' ? new Set(constraint.ownerIds) : null
  const users = await organizationUsers(access.organizationId, options.client)
  return users
    .filter((u) => (!activeOnly || u.active) && (!allowed || allowed.has(u.id)))
    .map((u) => ({ value: String(u.id), label: u.name }))
}

interface OrganizationUser {
  id: number
  name: string
  active: boolean
}

/**
 * Every user of the organization by name, from the shared cache (dropped whenever a user is
 * created, renamed or (de)activated, app/support/cache.ts `forgetUsers`); inside a caller's
 * transaction, from that transaction.
 */
async function organizationUsers(
  organizationId: number,
  client?: QueryClientContract
): Promise<OrganizationUser[]> {
  const load = async () => {
    const rows = await (client ?? db)
      .from('users')
      .where('organization_id', organizationId)
      .orderBy('full_name')
      .orderBy('id')
      .select('id', 'full_name', 'is_active')
    return rows.map((r) => ({ id: Number(r.id), name: r.full_name, active: Boolean(r.is_active) }))
  }
  return client?.isTransaction ? load() : cachedUsers(`organization:${organizationId}`, load)
}

/** Owners to filter a list by: the same people, including those who have left. */
export function ownerFilterOptions(
  access: AccessContext,
  resource: string
): Promise<OwnerOption[]> {
  return assignableOwners(access, resource, { activeOnly: false })
}

export function canAssign(owners: OwnerOption[], userId: number): boolean {
  return owners.some((o) => o.value !== String(userId))
}

/**
 * Whether the user may leave a record of `resource` without owner ("Sin asignar") in `action`:
 * only with an `all` scope, since an unowned record is outside every narrower scope.
 */
export async function canUnassign(
  access: AccessContext,
  resource: string,
  action: string,
  client?: QueryClientContract
): Promise<boolean> {
  return (await access.constraint(resource, action, client)).kind === 'all'
}

/**
 * The owner to store: the requested one when the user may give records to them, the current
 * owner when unchanged (even if that user has left), the acting user by default (`undefined`).
 * `null` leaves the record without owner, when `canUnassign` (else `errors.owner_not_clearable`).
 * Another owner is refused with RuleError `errors.owner_not_assignable` on field `ownerId`.
 * Pass the transaction when called inside one.
 */
export async function resolveOwner(params: {
  access: AccessContext
  resource: string
  requested: number | null | undefined
  current?: number | null
  client?: QueryClientContract
  /** `create` or `edit`: the owner must be within that action's scope. */
  action: string
  /**
   * The owner the record held right before an edit being undone (#app/support/inline_field
   * checks the undo): put back as it was, like keeping the current owner.
   */
  restored?: number | null
}): Promise<number | null> {
  const { access, requested, current } = params
  if (requested === undefined) return current === undefined ? access.userId : current
  if (requested === current || requested === access.userId || requested === params.restored)
    return requested
  if (requested === null) {
    if (await canUnassign(access, params.resource, params.action, params.client)) return null
    throw new RuleError('errors.owner_not_clearable', {}, 'ownerId')
  }
  const owners = await assignableOwners(access, params.resource, {
    client: params.client,
    action: params.action,
  })
  if (!owners.some((o) => o.value === String(requested)))
    throw new RuleError('errors.owner_not_assignable', {}, 'ownerId')
  return requested
}

/**
 * Which writes the user may make on one record they can see (scopes are per action: a role may
 * show more records than it lets the user change).
 */
export async function recordActions(
  access: AccessContext,
  resource: string,
  ownerId: number | null
) {
  const [edit, remove] = await Promise.all([
    access.canSee(resource, ownerId, undefined, 'edit'),
    access.canSee(resource, ownerId, undefined, 'delete'),
  ])
  return { edit, delete: remove }
}
