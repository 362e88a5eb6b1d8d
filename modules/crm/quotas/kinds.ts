import type { QuotaKind, QuotaPeriod } from '../dto/quotas.js'

/** Quota targets: a sales rep, a team, a zone (crm.zones) or a product family. */
export const QUOTA_KINDS: readonly QuotaKind[] = ['user', 'team', 'zone', 'family']

/** Periods attainment is measured over, around a reference month. */
export const QUOTA_PERIODS: readonly QuotaPeriod[] = ['month', 'quarter', 'ytd', 'year']
