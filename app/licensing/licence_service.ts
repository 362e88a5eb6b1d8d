import { dbTimestamp } from '#app/support/dates'
import type { KeyObject } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { cachedLicence, cachedUsers, forgetLicence } from '#app/support/cache'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import licenceConfig from '#config/licence'
import { tierRank, type Tier } from '#app/registry/types'
import {
  parsePublicKeys,
  verifyLicence,
  type LicenceProblem,
  type LicencePayload,
} from './licence.js'

/**
 * What the deployment is entitled to right now:
 * - evaluation: no licence was ever installed (every module, a few users);
 * - licensed: the installed licence is valid;
 * - grace: it expired less than `graceDays` ago and still applies, with a warning;
 * - restricted: it was refused (expired for longer, tampered, malformed): the restricted tier.
 */
export interface Entitlement {
  mode: 'evaluation' | 'licensed' | 'grace' | 'restricted'
  tier: Tier
  seats: number
  licence: LicencePayload | null
  /** Why the installed licence is not fully in force. */
  problem: {
    code: LicenceProblem
    detail: string
    licence?: LicencePayload
    graceUntil?: string
  } | null
}

const DAY = 86_400_000

export class LicenceError extends Error {
  constructor(
    readonly code: LicenceProblem | 'seats_exceeded' | 'quota_exceeded',
    message: string,
    readonly meta: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

/**
 * Reads the installed licence and answers what it allows. A refused licence never deletes or
 * deactivates anything: it only narrows what is enabled (see Entitlement).
 */
export class LicenceService {
  #keys: KeyObject[]

  constructor(private config = licenceConfig) {
    this.#keys = parsePublicKeys(config.publicKeys)
  }

  /**
   * The installed licence, from the shared cache (every app instance drops it when a licence is
   * installed). Inside a caller's transaction it is read from that transaction.
   */
  async #content(client?: QueryClientContract): Promise<string | null> {
    const read = async () => {
      const row = await (client ?? db)
        .from('licences')
        .orderBy('id', 'desc')
        .select('content')
        .first()
      return (row?.content as string | undefined) ?? null
    }
    return client?.isTransaction ? read() : cachedLicence(this.config.cacheSeconds, read)
  }

  forget(): Promise<void> {
    return forgetLicence()
  }

  /** `client`: the caller's transaction, if any (SQLite has one connection; see ScopeResolver). */
  async entitlement(now = new Date(), client?: QueryClientContract): Promise<Entitlement> {
    const content = await this.#content(client)
    if (!content)
      return { mode: 'evaluation', ...this.config.evaluation, licence: null, problem: null }
    const result = verifyLicence(content, this.#keys, now)
    if (result.ok)
      return {
        mode: 'licensed',
        tier: result.licence.tier,
        seats: result.licence.seats,
        licence: result.licence,
        problem: null,
      }

    const problem = { code: result.problem, detail: result.detail, licence: result.licence }
    if (result.problem === 'expired' && result.licence) {
      const graceUntil = new Date(
        Date.parse(`${result.licence.expiresAt}T00:00:00Z`) + (this.config.graceDays + 1) * DAY
      )
      if (now < graceUntil) {
        const until = new Date(graceUntil.getTime() - DAY).toISOString().slice(0, 10)
        return {
          mode: 'grace',
          tier: result.licence.tier,
          seats: result.licence.seats,
          licence: result.licence,
          problem: { ...problem, graceUntil: until },
        }
      }
    }
    // A genuine licence (expired, not yet valid) keeps its seats; a forged one gets the evaluation's.
    const genuine = result.problem === 'expired' || result.problem === 'not_yet_valid'
    const seats = genuine && result.licence ? result.licence.seats : this.config.evaluation.seats
    return {
      mode: 'restricted',
      tier: lowest(this.config.restrictedTier, result.licence?.tier),
      seats,
      licence: null,
      problem,
    }
  }

  /** Verifies a licence file and, only if it is valid now, makes it the deployment's licence. */
  async install(
    content: string,
    installedBy: number | null,
    now = new Date()
  ): Promise<LicencePayload> {
    const result = verifyLicence(content.trim(), this.#keys, now)
    if (!result.ok) throw new LicenceError(result.problem, result.detail)
    await db.table('licences').insert({
      content: content.trim(),
      licence_id: result.licence.id,
      installed_by: installedBy,
      installed_at: dbTimestamp(),
    })
    await this.forget()
    return result.licence
  }

  /**
   * Active users across the deployment (seats are counted per deployment), or of one
   * organization. Inside a transaction the counted rows are locked (FOR UPDATE; SQLite
   * serializes writers anyway), so two simultaneous activations cannot both take the last seat.
   */
  async activeUsers(trx?: TransactionClientContract, organizationId?: number): Promise<number> {
    const count = async () => {
      const query = (trx ?? db).from('users').where('is_active', true).count('* as total')
      if (organizationId !== undefined) query.where('organization_id', organizationId)
      if (trx && trx.dialect.name !== 'better-sqlite3') query.forUpdate()
      const row = await query.first()
      return Number(row?.total ?? 0)
    }
    // Outside a transaction (the administrators' banner on every page) from the shared cache,
    // dropped whenever a user is created or (de)activated.
    return trx ? count() : cachedUsers(`active:${organizationId ?? 'all'}`, count)
  }

  /**
   * Throws when activating `adding` more users would exceed the seat count. Call it inside the
   * transaction that activates them.
   */
  async assertSeats(adding = 1, trx?: TransactionClientContract): Promise<void> {
    const [entitlement, active] = await Promise.all([
      this.entitlement(new Date(), trx),
      this.activeUsers(trx),
    ])
    if (active + adding > entitlement.seats) {
      throw new LicenceError(
        'seats_exceeded',
        `seat limit reached: ${active} of ${entitlement.seats} in use`,
        {
          active,
          seats: entitlement.seats,
          mode: entitlement.mode,
        }
      )
    }
  }

  /** An organization's seat quota (null: none; the licence's seats alone apply). */
  async seatQuota(organizationId: number, client?: QueryClientContract): Promise<number | null> {
    const row = await (client ?? db)
      .from('organizations')
      .where('id', organizationId)
      .select('seat_quota')
      .first()
    return row?.seat_quota === null || row?.seat_quota === undefined ? null : Number(row.seat_quota)
  }

  /**
   * Throws when activating `adding` more users would exceed the licence's seats or the
   * organization's own quota. Call it inside the transaction that activates them.
   */
  async assertOrganizationSeats(
    organizationId: number,
    adding = 1,
    trx?: TransactionClientContract
  ): Promise<void> {
    await this.assertSeats(adding, trx)
    const quota = await this.seatQuota(organizationId, trx)
    if (quota === null) return
    const active = await this.activeUsers(trx, organizationId)
    if (active + adding > quota) {
      const detail = `organization quota reached: ${active} of ${quota} in use`
      throw new LicenceError('quota_exceeded', detail, { active, quota })
    }
  }
}

/** The process-wide licence service. */
export const licences = new LicenceService()

/** The lower of two tiers (a restricted basico licence never gains from the restricted tier). */
function lowest(a: Tier, b?: Tier): Tier {
  return b && tierRank(b) < tierRank(a) ? b : a
}
