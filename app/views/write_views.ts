import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { normalizeName } from '#app/support/normalize'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { canonicalState } from './state.js'
import type { ViewRow } from './saved_views.js'

export interface ViewSharing {
  visibility?: 'private' | 'shared'
  roles?: number[]
  teams?: number[]
}

export interface NewView extends ViewSharing {
  resource: string
  name: string
  state?: string | null
}

export interface ViewChanges extends ViewSharing {
  name?: string
  state?: string | null
}

/* Saved views are a user's preferences about a list, not business records: like notification
 * preferences, their writes are not audited. */

async function checkName(
  trx: TransactionClientContract,
  view: { ownerId: number; resource: string; id?: number },
  name: string
) {
  const taken = await trx
    .from('saved_views')
    .where('owner_id', view.ownerId)
    .where('resource', view.resource)
    .where('name_normalized', normalizeName(name, 60))
    .if(view.id, (q) => q.whereNot('id', view.id!))
    .first()
  if (taken) throw new RuleError('views.errors.duplicate_name', { name }, 'name')
}

/** Roles and teams must be the organization's: an unknown one is a field error. */
async function checkTargets(trx: TransactionClientContract, orgId: number, sharing: ViewSharing) {
  for (const [table, field] of [
    ['roles', 'roles'],
    ['teams', 'teams'],
  ] as const) {
    const ids = [...new Set(sharing[field] ?? [])]
    if (!ids.length) continue
    const found = await trx
      .from(table)
      .where('organization_id', orgId)
      .whereIn('id', ids)
      .count('* as total')
      .first()
    if (Number(found?.total ?? 0) !== ids.length)
      throw new RuleError(`views.errors.unknown_${field}`, {}, field)
  }
}

/** Replaces a view's shares; a private view has none. */
async function writeShares(trx: TransactionClientContract, viewId: number, sharing: ViewSharing) {
  await trx.from('saved_view_shares').where('view_id', viewId).delete()
  if (sharing.visibility !== 'shared') return
  const rows = [
    ...[...new Set(sharing.roles ?? [])].map((id) => ({
      view_id: viewId,
      role_id: id,
      team_id: null,
    })),
    ...[...new Set(sharing.teams ?? [])].map((id) => ({
      view_id: viewId,
      role_id: null,
      team_id: id,
    })),
  ]
  if (rows.length) await trx.table('saved_view_shares').multiInsert(rows)
}

/** Creates a view owned by the user (last of her tabs); optionally her default. */
export async function createView(access: AccessContext, input: NewView, makeDefault = false) {
  return db.transaction(async (trx) => {
    const ownerId = access.userId
    await checkName(trx, { ownerId, resource: input.resource }, input.name)
    await checkTargets(trx, access.organizationId, input)
    const last = await trx
      .from('saved_views')
      .where('owner_id', ownerId)
      .where('resource', input.resource)
      .max('position as position')
      .first()
    const now = dbTimestamp()
    const id = await insertId(trx, 'saved_views', {
      organization_id: access.organizationId,
      resource: input.resource,
      owner_id: ownerId,
      name: input.name,
      name_normalized: normalizeName(input.name, 60),
      state: canonicalState(input.state ?? ''),
      visibility: input.visibility ?? 'private',
      position: Number(last?.position ?? 0) + 1,
      created_at: now,
      updated_at: now,
    })
    await writeShares(trx, id, input)
    if (makeDefault) await writeDefault(trx, access, input.resource, id)
    return id
  })
}

/** Renames, updates the state or the sharing of a view the caller may manage. */
export async function updateView(access: AccessContext, view: ViewRow, changes: ViewChanges) {
  await db.transaction(async (trx) => {
    const patch: Record<string, unknown> = { updated_at: dbTimestamp() }
    if (changes.name !== undefined) {
      await checkName(
        trx,
        { ownerId: view.owner_id, resource: view.resource, id: view.id },
        changes.name
      )
      patch.name = changes.name
      patch.name_normalized = normalizeName(changes.name, 60)
    }
    if (changes.state !== undefined) patch.state = canonicalState(changes.state ?? '')
    if (changes.visibility !== undefined) {
      await checkTargets(trx, access.organizationId, changes)
      patch.visibility = changes.visibility
      await writeShares(trx, view.id, changes)
    }
    await trx.from('saved_views').where('id', view.id).update(patch)
  })
}

/** Deletes a view, its shares and every user's default pointing at it. */
export async function deleteView(view: ViewRow) {
  await db.transaction(async (trx) => {
    await trx.from('saved_view_defaults').where('view_id', view.id).delete()
    await trx.from('saved_view_shares').where('view_id', view.id).delete()
    await trx.from('saved_views').where('id', view.id).delete()
  })
}

async function writeDefault(
  trx: TransactionClientContract,
  access: AccessContext,
  resource: string,
  viewId: number | null
) {
  await trx
    .from('saved_view_defaults')
    .where('user_id', access.userId)
    .where('resource', resource)
    .delete()
  if (viewId === null) return
  await trx.table('saved_view_defaults').insert({
    user_id: access.userId,
    resource,
    organization_id: access.organizationId,
    view_id: viewId,
  })
}

/** Sets (or, with null, clears) the user's default view of `resource`. */
export function setDefaultView(access: AccessContext, resource: string, viewId: number | null) {
  return db.transaction((trx) => writeDefault(trx, access, resource, viewId))
}

/**
 * A role or team is deleted: its shares go, and a view left shared with nobody becomes private
 * (shared with no target means the whole organization — a view meant for one team must not
 * widen to everyone when that team goes).
 */
export async function dropShareTarget(
  trx: TransactionClientContract,
  target: { roleId: number } | { teamId: number }
) {
  const column = 'roleId' in target ? 'role_id' : 'team_id'
  const id = 'roleId' in target ? target.roleId : target.teamId
  const viewIds = (await trx.from('saved_view_shares').where(column, id).select('view_id')).map(
    (r) => Number(r.view_id)
  )
  if (!viewIds.length) return
  await trx.from('saved_view_shares').where(column, id).delete()
  await trx
    .from('saved_views')
    .whereIn('id', viewIds)
    .whereNotExists(trx.from('saved_view_shares as s').whereColumn('s.view_id', 'saved_views.id'))
    .update({ visibility: 'private' })
}
