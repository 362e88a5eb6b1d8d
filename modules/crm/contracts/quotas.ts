import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { periodMonths, quotaAttainment } from '../quotas/attainment.js'
import { quotaTarget } from '../quotas/list_quotas.js'
import type { AttainmentDto, QuotaPeriod } from '../dto/quotas.js'

export type { AttainmentDto, QuotaKind, QuotaPeriod, CumulativeMonth } from '../dto/quotas.js'

/** First and last month (1–12) of a quota period around a reference month. */
export function quotaPeriodMonths(period: QuotaPeriod, month: number): [number, number] {
  return periodMonths(period, month)
}

/**
 * A quota's attainment over a period (organization-wide, no record scope: the caller applies
 * its own), or null when the quota is not the organization's. The one computation the quotas
 * page uses too.
 */
export async function attainmentOfQuota(
  organizationId: number,
  quotaId: number,
  options: { period: QuotaPeriod; month: number; today?: Date; client?: QueryClientContract }
): Promise<AttainmentDto | null> {
  const row = await (options.client ?? db)
    .from('crm_quotas')
    .where({ organization_id: organizationId, id: quotaId })
    .first()
  return row ? quotaAttainment(quotaTarget(row), options) : null
}
