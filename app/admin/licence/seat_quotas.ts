import db from '@adonisjs/lucid/services/db'
import { forgetOrganizations } from '#app/support/cache'
import { audit } from '#app/history/audit'
import { licences } from '#app/licensing/licence_service'
import { RuleError } from '#app/support/rule_error'
import { LICENCE_SUBJECT } from './install_licence.js'

/** One organization of the deployment as the host's licence page lists it. */
export interface OrganizationSeats {
  id: number
  name: string
  host: boolean
  activeUsers: number
  seatQuota: number | null
}

/** Every organization with its active users and quota, by name (for the host's administrators). */
export async function organizationSeats(): Promise<OrganizationSeats[]> {
  const [organizations, counts] = await Promise.all([
    db
      .from('organizations')
      .orderBy('name')
      .orderBy('id')
      .select('id', 'name', 'manages_licence', 'seat_quota'),
    db
      .from('users')
      .where('is_active', true)
      .groupBy('organization_id')
      .select('organization_id')
      .count('* as total'),
  ])
  const active = new Map(counts.map((c) => [Number(c.organization_id), Number(c.total)]))
  return organizations.map((o) => ({
    id: Number(o.id),
    name: o.name,
    host: Boolean(o.manages_licence),
    activeUsers: active.get(Number(o.id)) ?? 0,
    seatQuota: o.seat_quota === null ? null : Number(o.seat_quota),
  }))
}

export interface SaveSeatQuotasParams {
  organizationId: number
  actorId: number
  /** Quotas to set; organizations left out keep theirs. Null removes a quota. */
  quotas: { organizationId: number; seatQuota: number | null }[]
}

/**
 * Sets organizations' seat quotas. Refused when the quotas of all organizations (the new ones
 * and those left as they were) would add up to more than the licence's seats. A quota below an
 * organization's active users is allowed: nobody loses access, it just cannot activate more.
 */
export async function saveSeatQuotas({
  organizationId,
  actorId,
  quotas,
}: SaveSeatQuotasParams): Promise<number> {
  return db
    .transaction(async (trx) => {
      const query = trx.from('organizations').select('id', 'seat_quota')
      if (trx.dialect.name !== 'better-sqlite3') query.forUpdate()
      const rows = await query
      const current = new Map(
        rows.map((r) => [Number(r.id), r.seat_quota === null ? null : Number(r.seat_quota)])
      )
      const wanted = new Map(current)
      for (const q of quotas) {
        if (!current.has(q.organizationId))
          throw new RuleError('admin.licence.errors.unknown_organization', {}, 'quotas')
        wanted.set(q.organizationId, q.seatQuota)
      }
      const sum = [...wanted.values()].reduce<number>((total, quota) => total + (quota ?? 0), 0)
      const { seats } = await licences.entitlement(new Date(), trx)
      if (sum > seats)
        throw new RuleError('admin.licence.errors.quotas_exceed_licence', { sum, seats }, 'quotas')

      let changed = 0
      for (const [id, quota] of wanted) {
        if (quota === current.get(id)) continue
        await trx.from('organizations').where('id', id).update({ seat_quota: quota })
        changed++
        // Under the licence's subject, with the organization whose quota changed as its id.
        await audit.record(
          {
            organizationId,
            actorId,
            subjectType: LICENCE_SUBJECT,
            subjectId: id,
            action: 'update',
            changes: [{ field: 'seatQuota', from: current.get(id) ?? null, to: quota }],
          },
          trx
        )
      }
      return changed
    })
    .finally(forgetOrganizations) // the banner reads the quota from the cached organization
}
