/*
 * Sales-quota attainment, computed in this one place (the quotas page and, through the CRM
 * contracts, the analytics module). Actuals are won opportunities' amounts in the
 * organization's currency (`amount_org_minor`) by won date; the pipeline is the weighted amount
 * (`weighted_org_minor`) of open opportunities by expected close date. All money is bigint.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AttainmentDto, QuotaKind, QuotaPeriod } from '../dto/quotas.js'

/** What attainment needs of a quota: its target and its monthly distribution. */
export interface QuotaTarget {
  organizationId: number
  kind: QuotaKind
  userId: number | null
  teamId: number | null
  targetCode: string | null
  year: number
  /** Twelve monthly targets, January first. */
  months: bigint[]
}

export interface AttainmentOptions {
  period: QuotaPeriod
  /** The period's reference month (1–12): the month, its quarter, or the end of year-to-date. */
  month: number
  /** "Today" (UTC date) for the rest of the period the pipeline counts; default now. */
  today?: Date
  client?: QueryClientContract
}

/** First and last month (1–12) of a period around reference month `month`. */
export function periodMonths(period: QuotaPeriod, month: number): [number, number] {
  if (period === 'month') return [month, month]
  if (period === 'quarter') {
    const first = Math.floor((month - 1) / 3) * 3 + 1
    return [first, first + 2]
  }
  if (period === 'ytd') return [1, month]
  return [1, 12]
}

const pad = (n: number) => String(n).padStart(2, '0')
/** First instant of a month as a DATETIME literal (month 13 = January of the next year). */
const monthStart = (year: number, month: number) =>
  month > 12 ? `${year + 1}-01-01 00:00:00` : `${year}-${pad(month)}-01 00:00:00`
const lastDay = (year: number, month: number) =>
  `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`

/** Round-half-away-from-zero of n ÷ d (d > 0), as a bigint. */
function roundDiv(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n
  const abs = n < 0n ? -n : n
  return sign * ((abs * 2n + d) / (2n * d))
}

/** n ÷ d × 100 with one decimal, or null when d is not positive. */
function percent(n: bigint, d: bigint): number | null {
  return d > 0n ? Number(roundDiv(n * 1000n, d)) / 10 : null
}

/** Restricts opportunities (alias `o`) to the quota's target. */
function forTarget(query: any, quota: QuotaTarget) {
  query.where('o.organization_id', quota.organizationId).whereNull('o.deleted_at')
  if (quota.kind === 'user') query.where('o.owner_id', quota.userId ?? 0)
  if (quota.kind === 'team') query.where('o.team_id', quota.teamId ?? 0)
  if (quota.kind === 'family') query.where('o.product_family', quota.targetCode ?? '')
  if (quota.kind === 'zone')
    query
      .join('crm_companies as c', 'c.id', 'o.company_id')
      .where('c.organization_id', quota.organizationId)
      .where('c.zone', quota.targetCode ?? '')
  return query
}

const big = (value: unknown) => BigInt(String(value ?? 0).split('.')[0] || '0')

/**
 * Won amounts of the quota's target per month of its year and of the year before, in one
 * portable query (a SUM(CASE …) per month): index 0–11 = last year, 12–23 = the quota's year.
 */
export async function wonByMonth(quota: QuotaTarget, client?: QueryClientContract) {
  const q = client ?? db.connection()
  const sums: string[] = []
  const bindings: string[] = []
  for (let i = 0; i < 24; i++) {
    const year = quota.year - 1 + Math.floor(i / 12)
    const month = (i % 12) + 1
    sums.push(
      `SUM(CASE WHEN o.won_at >= ? AND o.won_at < ? THEN o.amount_org_minor ELSE 0 END) AS m${i}`
    )
    bindings.push(monthStart(year, month), monthStart(year, month + 1))
  }
  const row = await forTarget(q.from('crm_opportunities as o'), quota)
    .where('o.status', 'won')
    .where('o.won_at', '>=', monthStart(quota.year - 1, 1))
    .where('o.won_at', '<', monthStart(quota.year, 13))
    .select(q.raw(sums.join(', '), bindings))
    .first()
  return Array.from({ length: 24 }, (_, i) => big(row?.[`m${i}`]))
}

/** Weighted amount of the target's open opportunities expected to close between two dates. */
async function openPipeline(quota: QuotaTarget, from: string, to: string, client?: any) {
  const q = client ?? db.connection()
  const row = await forTarget(q.from('crm_opportunities as o'), quota)
    .where('o.status', 'open')
    .where('o.expected_close_on', '>=', from)
    .where('o.expected_close_on', '<=', to)
    .sum('o.weighted_org_minor as total')
    .first()
  return big(row?.total)
}

/** Attainment of one quota over a period: target, actual, gap, %, coverage, YoY, cumulative. */
export async function quotaAttainment(
  quota: QuotaTarget,
  options: AttainmentOptions
): Promise<AttainmentDto> {
  const [from, to] = periodMonths(options.period, options.month)
  const won = await wonByMonth(quota, options.client)
  const sum = (values: bigint[], a: number, b: number) =>
    values.slice(a - 1, b).reduce((s, v) => s + v, 0n)
  const current = won.slice(12)
  const previous = won.slice(0, 12)
  const target = sum(quota.months, from, to)
  const actual = sum(current, from, to)
  const before = sum(previous, from, to)
  const gap = target - actual

  // The rest of the period: from today (or the period's start, if later) to its last day.
  const today = (options.today ?? new Date()).toISOString().slice(0, 10)
  const start = `${quota.year}-${pad(from)}-01`
  const end = lastDay(quota.year, to)
  const restFrom = today > start ? today : start
  const pipeline = restFrom <= end ? await openPipeline(quota, restFrom, end, options.client) : 0n
  const coverage = gap > 0n && restFrom <= end ? Number(roundDiv(pipeline * 100n, gap)) / 100 : null

  let cumTarget = 0n
  let cumActual = 0n
  let cumPrevious = 0n
  const cumulative = quota.months.map((monthTarget, i) => {
    cumTarget += monthTarget
    cumActual += current[i]
    cumPrevious += previous[i]
    return {
      month: i + 1,
      targetMinor: cumTarget.toString(),
      actualMinor: cumActual.toString(),
      previousMinor: cumPrevious.toString(),
    }
  })
  return {
    from,
    to,
    targetMinor: target.toString(),
    actualMinor: actual.toString(),
    gapMinor: gap.toString(),
    attainmentPct: percent(actual, target),
    pipelineMinor: pipeline.toString(),
    coverage,
    previousMinor: before.toString(),
    yoyPct: percent(actual - before, before),
    cumulative,
  }
}
