/** Why a lead went to whom: the rule that chose, the candidates and why each was skipped. */
export interface LeadAssignmentDto {
  at: string
  ruleId: number | null
  ruleName: string | null
  strategy: string | null
  assignedTo: { id: number; name: string } | null
  /** True when no rule applied or no one was eligible: the lead waits in the fallback queue. */
  fallback: boolean
  /** `open`: the candidate's open leads when the decision was made (why least loaded chose). */
  candidates: {
    userId: number
    name: string
    chosen: boolean
    skipped: string | null
    open?: number
  }[]
  /** A translated-key reason with parameters, e.g. { key: 'crm.assignment.reasons.round_robin' }. */
  reason: { key: string; params?: Record<string, string | number> }
}

/** Conditions of a rule as the rules page edits them (empty list = any). */
export interface AssignmentConditionsDto {
  sources: string[]
  provinces: string[]
  postcodes: { from: string; to: string }[]
  sectors: string[]
  sizes: string[]
  productInterests: string[]
  languages: string[]
}

export interface AssignmentMemberDto {
  userId: number
  weight: number
  capacity: number | null
  territory: { provinces: string[]; postcodes: { from: string; to: string }[] }
}

/** A rule of the ordered list (CRM › Reglas de asignación). */
export interface AssignmentRuleRow {
  id: number
  name: string
  position: number
  active: boolean
  strategy: string
  fixedUser: string | null
  team: string | null
  members: string[]
  conditions: AssignmentConditionsDto
}

/** A rule in its form (null id: a new one). */
export interface AssignmentRuleValues {
  id: number | null
  name: string
  active: boolean
  strategy: string
  fixedUserId: number | null
  teamId: number | null
  conditions: AssignmentConditionsDto
  members: AssignmentMemberDto[]
}

export interface AssignmentOption {
  value: string
  label: string
}

/** What the rule form offers: people, teams and the editable lists the conditions use. */
export interface AssignmentFormOptions {
  users: AssignmentOption[]
  teams: AssignmentOption[]
  sources: AssignmentOption[]
  sectors: AssignmentOption[]
  sizes: AssignmentOption[]
  productInterests: AssignmentOption[]
  languages: AssignmentOption[]
  provinces: string[]
}

/** A dry run: who would get what under the current rules (nothing written). */
export interface AssignmentDryRunDto {
  days: number
  total: number
  limit: number
  perRep: { userId: number | null; name: string | null; count: number }[]
  leads: {
    id: number
    title: string
    createdAt: string
    currentOwner: string | null
    wouldGet: string | null
    rule: string | null
    fallback: boolean
    reason: { key: string; params?: Record<string, string | number> }
  }[]
}
