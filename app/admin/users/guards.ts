import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Client } from '../client.js'
import { RuleError } from '#app/support/rule_error'

function adminsQuery(organizationId: number, client: Client) {
  return client
    .from('users as u')
    .join('user_roles as ur', 'ur.user_id', 'u.id')
    .join('roles as r', 'r.id', 'ur.role_id')
    .where('u.organization_id', organizationId)
    .where('u.is_active', true)
    .where('r.is_admin', true)
    .select('u.id')
}

const ids = (rows: { id: unknown }[]) => [...new Set(rows.map((r) => Number(r.id)))]

/** Ids of the organization's active users that hold a role with the administrator flag. */
export async function activeAdminIds(
  organizationId: number,
  client: Client = db
): Promise<number[]> {
  return ids(await adminsQuery(organizationId, client))
}

/**
 * The active administrators, read with their rows locked until the transaction ends (FOR
 * UPDATE, which also reads the latest committed rows; SQLite has a single writer, so its
 * transactions run one after the other anyway). Every change that can take administrator
 * rights away calls it first: two administrators deactivating each other at the same moment
 * then run one after the other, and the second sees what the first did.
 */
export async function lockActiveAdmins(
  organizationId: number,
  trx: TransactionClientContract
): Promise<number[]> {
  const query = adminsQuery(organizationId, trx)
  if (!['sqlite3', 'better-sqlite3'].includes(trx.dialect.name)) query.forUpdate()
  return ids(await query)
}

/**
 * Lockout protection, checked after a change and inside its transaction so a refused change
 * rolls back: the acting administrator must still be an active administrator, and the
 * organization must keep at least one.
 */
export async function assertAdminsRemain(
  organizationId: number,
  actorId: number | null,
  trx: TransactionClientContract
) {
  const admins = await lockActiveAdmins(organizationId, trx)
  if (actorId !== null && !admins.includes(actorId))
    throw new RuleError('admin.users.errors.own_admin_role')
  if (admins.length === 0) throw new RuleError('admin.users.errors.last_admin')
}

/** Every role id must be a role of the organization. */
export async function assertOrganizationRoles(
  organizationId: number,
  roleIds: number[],
  client: Client = db
) {
  if (!roleIds.length) return
  const found = await client
    .from('roles')
    .where('organization_id', organizationId)
    .whereIn('id', roleIds)
    .select('id')
  if (found.length !== new Set(roleIds).size)
    throw new RuleError('admin.users.errors.unknown_role', {}, 'roleIds')
}

/**
 * The manager must be a user of the organization, not the user themself, and not someone who
 * (directly or through others) reports to the user: that would make a reporting loop.
 */
export async function assertReportsTo(
  organizationId: number,
  userId: number | null,
  reportsToId: number | null | undefined,
  client: Client = db
) {
  if (!reportsToId) return
  if (reportsToId === userId)
    throw new RuleError('admin.users.errors.reports_to_self', {}, 'reportsToId')
  const rows = await client
    .from('users')
    .where('organization_id', organizationId)
    .select('id', 'reports_to_id')
  const managerOf = new Map(
    rows.map((r) => [Number(r.id), r.reports_to_id === null ? null : Number(r.reports_to_id)])
  )
  if (!managerOf.has(reportsToId))
    throw new RuleError('admin.users.errors.reports_to_unknown', {}, 'reportsToId')
  if (userId === null) return
  const seen = new Set<number>()
  for (
    let id: number | null = reportsToId;
    id !== null && !seen.has(id);
    id = managerOf.get(id) ?? null
  ) {
    if (id === userId) throw new RuleError('admin.users.errors.reports_to_cycle', {}, 'reportsToId')
    seen.add(id)
  }
}
