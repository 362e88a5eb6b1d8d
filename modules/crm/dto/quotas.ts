/** Shapes shared by the quotas page and its controller (amounts: minor units as strings). */

export type QuotaKind = 'user' | 'team' | 'zone' | 'family'

export type QuotaPeriod = 'month' | 'quarter' | 'ytd' | 'year'

export interface CumulativeMonth {
  month: number
  targetMinor: string
  actualMinor: string
  previousMinor: string
}

export interface AttainmentDto {
  /** First and last month (1–12) of the period. */
  from: number
  to: number
  targetMinor: string
  actualMinor: string
  /** Target − actual (negative when exceeded). */
  gapMinor: string
  /** Actual ÷ target in %, one decimal; null without a target. */
  attainmentPct: number | null
  /** Weighted amount of open opportunities expected to close in the rest of the period. */
  pipelineMinor: string
  /** Pipeline ÷ gap, two decimals; null when there is no gap or no time left. */
  coverage: number | null
  /** Actual of the same months last year. */
  previousMinor: string
  /** (actual − previous) ÷ previous in %, one decimal; null without last year's figure. */
  yoyPct: number | null
  cumulative: CumulativeMonth[]
}

export interface QuotaDto {
  id: number
  kind: QuotaKind
  userId: number | null
  teamId: number | null
  targetCode: string | null
  targetLabel: string
  year: number
  currency: string
  amountMinor: string
  months: string[]
  attainment: AttainmentDto
}

export interface QuotaOption {
  value: string
  label: string
}

export interface QuotasPageProps {
  year: number
  period: QuotaPeriod
  month: number
  currency: string
  quotas: QuotaDto[]
  canManage: boolean
  options: Record<QuotaKind, QuotaOption[]>
}
