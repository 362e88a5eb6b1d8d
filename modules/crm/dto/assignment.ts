/** Why a lead went to whom: the rule that chose, the candidates and why each was skipped. */
export interface LeadAssignmentDto {
  at: string
  ruleId: number | null
  ruleName: string | null
  strategy: string | null
  assignedTo: { id: number; name: string } | null
  /** True when no rule applied or no one was eligible: the lead waits in the fallback queue. */
  fallback: boolean
  candidates: { userId: number; name: string; chosen: boolean; skipped: string | null }[]
  /** A translated-key reason with parameters, e.g. { key: 'crm.assignment.reasons.round_robin' }. */
  reason: { key: string; params?: Record<string, string | number> }
}
