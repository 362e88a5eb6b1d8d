/*
 * The assignment engine's shapes: rules as loaded once per run, the facts of a lead the
 * conditions look at, and the decision stored for each lead (crm_lead_assignments).
 */

export const STRATEGIES = ['fixed', 'round_robin', 'least_loaded', 'weighted', 'territory'] as const
export type Strategy = (typeof STRATEGIES)[number]

/** Why a candidate was passed over (stored with the decision; labels crm.assignment.skipped.*). */
export type SkipReason = 'away' | 'at_capacity' | 'outside_territory' | 'inactive'

/** Inclusive range of postcodes, compared as 5-digit strings ("08000"–"08999"). */
export interface PostcodeRange {
  from: string
  to: string
}

/** A rule's conditions: an empty list matches anything; all non-empty ones must match. */
export interface RuleConditions {
  sources: string[]
  /** Provinces OR postcode ranges: the lead's location matches either. */
  provinces: string[]
  postcodes: PostcodeRange[]
  sectors: string[]
  sizes: string[]
  productInterests: string[]
  languages: string[]
}

export interface Territory {
  provinces: string[]
  postcodes: PostcodeRange[]
}

export interface RuleMember {
  /** The member's row (crm_assignment_rule_members.id) when read from the database. */
  rowId?: number
  userId: number
  weight: number
  /** Most open leads (new or working) the user may hold; null = no limit. */
  capacity: number | null
  territory: Territory
  /** Leads this rule gave the member so far (the weighted strategy's memory). */
  assigned: number
}

export interface Rule {
  id: number
  name: string
  strategy: Strategy
  fixedUserId: number | null
  teamId: number | null
  /** Round robin: index of the member whose turn is next. */
  pointer: number
  conditions: RuleConditions
  members: RuleMember[]
}

/** What the conditions read of a lead. */
export interface LeadFacts {
  id: number
  source: string | null
  province: string | null
  postalCode: string | null
  sector: string | null
  companySize: string | null
  productInterest: string | null
  language: string | null
}

/** The people and loads a run decides with, loaded once and kept current as it assigns. */
export interface EngineState {
  away: Set<number>
  inactive: Set<number>
  /** Open leads per user (new or working, not deleted). */
  open: Map<number, number>
  fallbackUserId: number | null
}

export interface Candidate {
  userId: number
  skipped: SkipReason | null
  chosen: boolean
  /** Open leads when the decision was made. */
  open: number
}

export interface Decision {
  leadId: number
  ruleId: number | null
  ruleName: string | null
  strategy: Strategy | null
  userId: number | null
  teamId: number | null
  fallback: boolean
  reason: { key: string; params?: Record<string, string | number> }
  candidates: Candidate[]
}

export const EMPTY_CONDITIONS: RuleConditions = {
  sources: [],
  provinces: [],
  postcodes: [],
  sectors: [],
  sizes: [],
  productInterests: [],
  languages: [],
}
