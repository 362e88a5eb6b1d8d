import type { AccessContext } from '#app/access/access_context'
import type {
  DashboardFiguresData,
  DashboardFiguresParams,
  DashboardFiguresProvider,
} from '#app/registry/types'
import { visibleQuotaAttainments } from '../contracts/dashboards.js'
import type { QuotaKind, QuotaPeriod } from '../dto/quotas.js'

/**
 * The quota period closest to a dashboard's period (first and last day): one month, a
 * quarter, the whole year, or year to date up to the last day's month. Its year is the last
 * day's.
 */
export function quotaPeriodOf(from: string, to: string) {
  const year = Number(to.slice(0, 4))
  const month = Number(to.slice(5, 7))
  // A period starting the year before counts from January (the quota's year).
  if (from.slice(0, 4) !== to.slice(0, 4)) return { year, month, period: 'ytd' as QuotaPeriod }
  const first = Number(from.slice(5, 7))
  let period: QuotaPeriod = 'ytd'
  if (first === month) period = 'month'
  else if (month - first === 2 && first % 3 === 1) period = 'quarter'
  else if (first === 1 && month === 12) period = 'year'
  return { year, month, period }
}

const ratio = (pct: number | null) => (pct === null ? null : pct / 100)

/**
 * A figures widget of quota attainment (target, actual, gap, %, coverage, last year, YoY)
 * for the quotas of `kinds` the user may see; `mine`: only the signed-in user's own quota.
 */
export function quotaFigures(
  kinds: QuotaKind[],
  options: { mine?: boolean } = {}
): DashboardFiguresProvider<AccessContext> {
  return {
    async load(params: DashboardFiguresParams<AccessContext>): Promise<DashboardFiguresData> {
      const { year, month, period } = quotaPeriodOf(params.from, params.to)
      const quotas = await visibleQuotaAttainments(params.access, {
        year,
        month,
        period,
        kinds,
        locale: params.locale,
        userId: options.mine ? params.access.userId : params.repId,
        teamId: params.teamId,
      })
      const t = (key: string) => params.t(`crm.dashboards.quota.${key}`)
      return {
        columns: [
          { key: 'target', label: t('target'), format: 'money' },
          { key: 'actual', label: t('actual'), format: 'money' },
          { key: 'attainment', label: t('attainment'), format: 'percent' },
          { key: 'gap', label: t('gap'), format: 'money' },
          { key: 'pipeline', label: t('pipeline'), format: 'money' },
          { key: 'coverage', label: t('coverage'), format: 'number' },
          { key: 'previous', label: t('previous'), format: 'money' },
          { key: 'yoy', label: t('yoy'), format: 'percent' },
        ],
        rows: quotas.map((q) => ({
          label: q.targetLabel,
          href: `/crm/quotas?year=${year}`,
          values: {
            target: q.attainment.targetMinor,
            actual: q.attainment.actualMinor,
            attainment: ratio(q.attainment.attainmentPct),
            gap: q.attainment.gapMinor,
            pipeline: q.attainment.pipelineMinor,
            coverage: q.attainment.coverage,
            previous: q.attainment.previousMinor,
            yoy: ratio(q.attainment.yoyPct),
          },
        })),
      }
    },
  }
}
