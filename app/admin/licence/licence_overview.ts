import db from '@adonisjs/lucid/services/db'
import licenceConfig from '#config/licence'
import { licences } from '#app/licensing/licence_service'
import type { LicencePayload } from '#app/licensing/licence'
import { toIso } from '#app/support/dates'

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
  mode: 'licensed' | 'evaluation'
  tier: string
  seats: number
  activeUsers: number
  licence: LicencePayload | null
  problem: { code: string; licence: LicencePayload | null } | null
  evaluation: { tier: string; seats: number }
  history: LicenceHistoryRow[]
}

const HISTORY_SIZE = 50

/** What the deployment is entitled to now, and the licences installed over time (newest first). */
export async function licenceOverview(): Promise<LicenceOverview> {
  const [entitlement, activeUsers, rows] = await Promise.all([
    licences.entitlement(),
    licences.activeUsers(),
    db.from('licences as l').leftJoin('users as u', 'u.id', 'l.installed_by')
      .orderBy('l.id', 'desc').limit(HISTORY_SIZE)
      .select('l.id', 'l.licence_id', 'l.content', 'l.installed_at', 'u.full_name as installed_by'),
  ])
  return {
    mode: entitlement.mode,
    tier: entitlement.tier,
    seats: entitlement.seats,
    activeUsers,
    licence: entitlement.licence,
    problem: entitlement.problem ? { code: entitlement.problem.code, licence: entitlement.problem.licence ?? null } : null,
    evaluation: { tier: licenceConfig.evaluation.tier, seats: licenceConfig.evaluation.seats },
    history: rows.map((r, index) => ({ ...describe(r.content), id: Number(r.id), licenceId: r.licence_id, installedAt: toIso(r.installed_at), installedBy: r.installed_by ?? null, current: index === 0 })),
  }
}

/** What a stored file says about itself: for display only, its signature is checked elsewhere. */
function describe(content: string): Pick<LicenceHistoryRow, 'customer' | 'tier' | 'seats' | 'expiresAt'> {
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
