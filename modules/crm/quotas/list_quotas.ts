import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { lists } from '#app/settings/lists'
import { ZONES_LIST } from '../account_lists.js'
import { PRODUCT_FAMILIES_LIST } from './lists.js'
import { quotaAttainment, type QuotaTarget } from './attainment.js'
import { constrainQuotas } from './visibility.js'
import type { QuotaDto, QuotaKind, QuotaPeriod } from '../dto/quotas.js'

export const MONTH_COLUMNS = Array.from(
  { length: 12 },
  (_, i) => `m${String(i + 1).padStart(2, '0')}_minor`
)

/** A quota row as attainment reads it. */
export function quotaTarget(row: any): QuotaTarget {
  return {
    organizationId: Number(row.organization_id),
    kind: row.kind,
    userId: row.user_id === null ? null : Number(row.user_id),
    teamId: row.team_id === null ? null : Number(row.team_id),
    targetCode: row.target_code,
    year: Number(row.year),
    months: MONTH_COLUMNS.map((c) => BigInt(String(row[c] ?? 0))),
  }
}

const KIND_ORDER: Record<QuotaKind, number> = { user: 0, team: 1, zone: 2, family: 3 }

/** The year's quotas the user may see, each with its attainment over the period. */
export async function listQuotas(
  access: AccessContext,
  params: { year: number; period: QuotaPeriod; month: number; locale: string; today?: Date }
): Promise<QuotaDto[]> {
  const query = db.from('crm_quotas as q').where('q.year', params.year)
  await constrainQuotas(query, access)
  const rows = await query
    .leftJoin('users as u', 'u.id', 'q.user_id')
    .leftJoin('teams as t', 't.id', 'q.team_id')
    .select('q.*', 'u.full_name as user_name', 't.name as team_name')
    .orderBy('q.id')
    .limit(500)
  const org = access.organizationId
  const [zones, families] = await Promise.all([
    lists.labels(org, ZONES_LIST, params.locale),
    lists.labels(org, PRODUCT_FAMILIES_LIST, params.locale),
  ])
  const label = (r: any) =>
    r.kind === 'user'
      ? (r.user_name ?? '')
      : r.kind === 'team'
        ? (r.team_name ?? '')
        : ((r.kind === 'zone' ? zones : families)[r.target_code] ?? r.target_code)
  // Two aggregate queries per quota (won by month, open pipeline), run side by side.
  const quotas: QuotaDto[] = await Promise.all(
    rows.map(async (r) => {
      const target = quotaTarget(r)
      return {
        id: Number(r.id),
        kind: r.kind,
        userId: target.userId,
        teamId: target.teamId,
        targetCode: r.target_code,
        targetLabel: label(r),
        year: target.year,
        currency: r.currency,
        amountMinor: String(r.amount_minor),
        months: target.months.map(String),
        attainment: await quotaAttainment(target, params),
      }
    })
  )
  return quotas.sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.targetLabel.localeCompare(b.targetLabel)
  )
}
