import db from '@adonisjs/lucid/services/db'
import licenceConfig from '#config/licence'
import { licences, type Entitlement } from '#app/licensing/licence_service'
import type { LicencePayload } from '#app/licensing/licence'
import { toIso } from '#app/support/dates'
import { organizationSeats, type OrganizationSeats } from './seat_quotas.js'

export interface LicenceHistoryRow {
  id: number
  licenceId: string
  customer: string | null
  tier: string | null
  seats: number | null
  expiresAt: string | null
  installedAt: string
  installedBy: string | null
  /** The newest row is the one the deployment reads. */
  current: boolean
}

export interface LicenceOverview {
  mode: Entitlement['mode']
  /** Whether this organization's administrators may install licences here (see licenceManageable). */
  canManage: boolean
  tier: string
  seats: number
  /** The host sees the whole deployment's active users; any other organization only its own. */
  activeUsers: number
  /** This organization's own seat quota (null: none). */
  seatQuota: number | null
  /** For the host only: every organization with its active users and quota. */
  organizations: OrganizationSeats[] | null
  licence: LicencePayload | null
  problem: { code: string; licence: LicencePayload | null; graceUntil: string | null } | null
  restrictedTier: string
  evaluation: { tier: string; seats: number }
  history: LicenceHistoryRow[]
}

const HISTORY_SIZE = 50

/**
 * The licence covers the whole deployment: only the host organization's administrators
 * (organizations.manages_licence) may replace it; a provider's other tenants see it read-only
 * and the operator can always use `node ace licence:install`.
 */
export async function licenceManageable(organizationId: number): Promise<boolean> {
  const row = await db
    .from('organizations')
    .where('id', organizationId)
    .select('manages_licence')
    .first()
  return Boolean(row?.manages_licence)
}

/**
 * What the deployment is entitled to now, and the licences installed over time (newest first).
 * Who installed a licence is shown only for installers of the viewer's own organization.
 */
export async function licenceOverview(organizationId: number): Promise<LicenceOverview> {
  const canManage = await licenceManageable(organizationId)
  const [entitlement, activeUsers, seatQuota, organizations, rows] = await Promise.all([
    licences.entitlement(),
    // How many users other organizations have is not another tenant's business.
    licences.activeUsers(undefined, canManage ? undefined : organizationId),
    licences.seatQuota(organizationId),
    canManage ? organizationSeats() : null,
    db
      .from('licences as l')
      .leftJoin('users as u', (join) =>
        join.on('u.id', '=', 'l.installed_by').andOnVal('u.organization_id', '=', organizationId)
      )
      .orderBy('l.id', 'desc')
      .limit(HISTORY_SIZE)
      .select('l.id', 'l.licence_id', 'l.content', 'l.installed_at', 'u.full_name as installed_by'),
  ])
  return {
    mode: entitlement.mode,
    canManage,
    restrictedTier: licenceConfig.restrictedTier,
    tier: entitlement.tier,
    seats: entitlement.seats,
    activeUsers,
    seatQuota,
    organizations,
    licence: entitlement.licence,
    problem: entitlement.problem
      ? {
          code: entitlement.problem.code,
          licence: entitlement.problem.licence ?? null,
          graceUntil: entitlement.problem.graceUntil ?? null,
        }
      : null,
    evaluation: { tier: licenceConfig.evaluation.tier, seats: licenceConfig.evaluation.seats },
    history: rows.map((r, index) => ({
      ...describe(r.content),
      id: Number(r.id),
      licenceId: r.licence_id,
      installedAt: toIso(r.installed_at),
      installedBy: r.installed_by ?? null,
      current: index === 0,
    })),
  }
}

/** What a stored file says about itself: for display only, its signature is checked elsewhere. */
function describe(
  content: string
): Pick<LicenceHistoryRow, 'customer' | 'tier' | 'seats' | 'expiresAt'> {
  try {
    const payload = JSON.parse(content)?.licence ?? {}
    return {
      customer: typeof payload.customer === 'string' ? payload.customer : null,
      tier: typeof payload.tier === 'string' ? payload.tier : null,
      seats: Number.isInteger(payload.seats) ? payload.seats : null,
      expiresAt: typeof payload.expiresAt === 'string' ? payload.expiresAt : null,
    }
  } catch {
    return { customer: null, tier: null, seats: null, expiresAt: null }
  }
}
