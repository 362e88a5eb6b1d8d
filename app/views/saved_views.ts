import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'

/** A saved view as the list page sees it (resources/js/ui/saved_views.tsx). */
export interface SavedViewDto {
  id: number
  name: string
  /** The list's canonical query string (app/views/state.ts). */
  state: string
  visibility: 'private' | 'shared'
  ownerId: number
  ownerName: string | null
  /** The user owns it. */
  mine: boolean
  /** The user may rename, update, share and delete it (owner; an administrator if shared). */
  manageable: boolean
  roles: number[]
  teams: number[]
}

export interface ViewRow {
  id: number
  organization_id: number
  resource: string
  owner_id: number
  name: string
  state: string
  visibility: 'private' | 'shared'
  position: number
}

/**
 * The saved views `access`'s user may see: her own, and the shared ones of her organization
 * shared with a role she holds or a team she is in (shared with no role and no team: everyone).
 */
export function visibleViewsQuery(access: AccessContext, client?: QueryClientContract) {
  const conn = client ?? db.connection()
  const me = access.userId
  return conn
    .from('saved_views as v')
    .where('v.organization_id', access.organizationId)
    .where((visible) => {
      visible.where('v.owner_id', me).orWhere((shared) => {
        shared.where('v.visibility', 'shared').where((target) => {
          target
            .whereNotExists(conn.from('saved_view_shares as s0').whereColumn('s0.view_id', 'v.id'))
            .orWhereExists(
              conn
                .from('saved_view_shares as s')
                .whereColumn('s.view_id', 'v.id')
                .where((mine) => {
                  mine
                    .whereIn(
                      's.role_id',
                      conn.from('user_roles').where('user_id', me).select('role_id')
                    )
                    .orWhereIn(
                      's.team_id',
                      conn.from('team_members').where('user_id', me).select('team_id')
                    )
                    // A team's leader belongs to it (as for record scopes), member or not.
                    .orWhereIn('s.team_id', conn.from('teams').where('leader_id', me).select('id'))
                })
            )
        })
      })
    })
}

function manageable(access: AccessContext, row: ViewRow): boolean {
  return row.owner_id === access.userId || (access.isAdmin && row.visibility === 'shared')
}

/** Rows with their sharing and owner's name, for the page. */
async function toDtos(access: AccessContext, rows: ViewRow[]): Promise<SavedViewDto[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const [shares, owners] = await Promise.all([
    db.from('saved_view_shares').whereIn('view_id', ids).select('view_id', 'role_id', 'team_id'),
    db
      .from('users')
      .whereIn('id', [...new Set(rows.map((r) => r.owner_id))])
      .select('id', 'full_name'),
  ])
  const ownerName = new Map(owners.map((o) => [Number(o.id), String(o.full_name)]))
  return rows.map((row) => {
    const own = shares.filter((s) => Number(s.view_id) === row.id)
    return {
      id: row.id,
      name: row.name,
      state: row.state,
      visibility: row.visibility,
      ownerId: row.owner_id,
      ownerName: ownerName.get(row.owner_id) ?? null,
      mine: row.owner_id === access.userId,
      manageable: manageable(access, row),
      roles: own.filter((s) => s.role_id !== null).map((s) => Number(s.role_id)),
      teams: own.filter((s) => s.team_id !== null).map((s) => Number(s.team_id)),
    }
  })
}

function toRow(raw: any): ViewRow {
  return {
    ...raw,
    id: Number(raw.id),
    organization_id: Number(raw.organization_id),
    owner_id: Number(raw.owner_id),
    position: Number(raw.position),
  }
}

/** The views of `resource` the user may see, as tabs: her own first (in her order), then shared. */
export async function visibleViews(access: AccessContext, resource: string) {
  const rows = await visibleViewsQuery(access)
    .where('v.resource', resource)
    .select('v.*')
    .orderBy('v.position')
    .orderBy('v.id')
    .limit(100)
  const all = rows.map(toRow)
  const ordered = [
    ...all.filter((r) => r.owner_id === access.userId),
    ...all.filter((r) => r.owner_id !== access.userId),
  ]
  return toDtos(access, ordered)
}

/** One view the user may see, or null. */
export async function findVisibleView(
  access: AccessContext,
  id: number,
  client?: QueryClientContract
): Promise<ViewRow | null> {
  const raw = await visibleViewsQuery(access, client).where('v.id', id).select('v.*').first()
  return raw ? toRow(raw) : null
}

/** The view as a DTO (after a write). */
export async function viewDto(access: AccessContext, row: ViewRow) {
  return (await toDtos(access, [row]))[0]
}

/**
 * A view the user may change: null when she may not see it (404); `forbidden` when she sees it
 * but neither owns it nor, as an administrator, manages it because it is shared (403).
 */
export async function findManageableView(
  access: AccessContext,
  id: number,
  client?: QueryClientContract
): Promise<ViewRow | 'forbidden' | null> {
  const conn = client ?? db.connection()
  const raw = await conn
    .from('saved_views')
    .where('organization_id', access.organizationId)
    .where('id', id)
    .first()
  if (!raw) return null
  const row = toRow(raw)
  if (manageable(access, row)) return row
  return (await findVisibleView(access, id, client)) ? 'forbidden' : null
}

/** The id of the user's default view of `resource`, whether or not she may still see it. */
export async function defaultViewRow(access: AccessContext, resource: string) {
  const row = await db
    .from('saved_view_defaults')
    .where('user_id', access.userId)
    .where('resource', resource)
    .first()
  return row ? Number(row.view_id) : null
}

/** The user's default view of `resource`, when she may still see it. */
export async function defaultViewId(
  access: AccessContext,
  resource: string,
  visible?: SavedViewDto[]
): Promise<number | null> {
  const id = await defaultViewRow(access, resource)
  if (id === null) return null
  if (visible) return visible.some((v) => v.id === id) ? id : null
  const view = await findVisibleView(access, id)
  return view && view.resource === resource ? id : null
}
