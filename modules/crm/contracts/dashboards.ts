import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { listQuotas } from '../quotas/list_quotas.js'
import type { QuotaDto, QuotaKind, QuotaPeriod } from '../dto/quotas.js'

/** What dashboards ask of the quotas: which kinds, whose, and the period. */
export interface QuotaAttainmentQuery {
  year: number
  period: QuotaPeriod
  /** The period's reference month (1–12). */
  month: number
  kinds: QuotaKind[]
  userId?: number | null
  teamId?: number | null
  locale: string
  today?: Date
}

/**
 * The quotas of a year the user may see (the quotas page's visibility: own, team leader,
 * scope), of the given kinds and optionally one user's or one team's, each with its attainment
 * over the period: the one computation the quotas page uses (attainment.ts).
 */
export async function visibleQuotaAttainments(
  access: AccessContext,
  query: QuotaAttainmentQuery
): Promise<QuotaDto[]> {
  const quotas = await listQuotas(access, query)
  return quotas.filter(
    (q) =>
      query.kinds.includes(q.kind) &&
      (!query.userId || q.userId === query.userId) &&
      (!query.teamId || q.kind !== 'team' || q.teamId === query.teamId)
  )
}

export type { QuotaDto } from '../dto/quotas.js'

/**
 * What the opportunities list shows the user (their record scope, as the lists apply it):
 * the won amount closed in [from, to] and the open weighted pipeline, in minor units. The
 * reference the dashboards' figures are checked against.
 */
export async function opportunityTotalsInScope(
  access: AccessContext,
  range: { from: string; to: string }
): Promise<{ wonMinor: number; openWeightedMinor: number }> {
  const base = () => {
    const q = db
      .from('crm_opportunities as o')
      .where('o.organization_id', access.organizationId)
      .whereNull('o.deleted_at')
    return q
  }
  const won = base()
    .where('o.status', 'won')
    .where('o.won_at', '>=', `${range.from} 00:00:00`)
    .where('o.won_at', '<=', `${range.to} 23:59:59`)
  const open = base().where('o.status', 'open')
  await access.scope(won, 'crm.opportunities', { table: 'o' })
  await access.scope(open, 'crm.opportunities', { table: 'o' })
  const [w, p] = await Promise.all([
    won.sum('o.amount_org_minor as total').first(),
    open.sum('o.weighted_org_minor as total').first(),
  ])
  return { wonMinor: Number(w?.total ?? 0), openWeightedMinor: Number(p?.total ?? 0) }
}
