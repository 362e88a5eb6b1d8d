import type {
  Candidate,
  Decision,
  EngineState,
  LeadFacts,
  PostcodeRange,
  Rule,
  RuleMember,
  SkipReason,
} from './types.js'

/*
 * The assignment decision, as pure computation over what a run loaded once (rules, members,
 * absences, open-lead counts): no query per lead, so a batch of thousands runs in memory.
 *
 * The first active rule (by position) whose conditions match decides. When none of its
 * candidates is eligible (away, at capacity, outside their territory, deactivated) the lead
 * goes to the fallback — it does not fall through to later rules, as in Pipedrive and
 * HubSpot: a rule says who handles such leads, and handing them silently to another group
 * would hide that the group is saturated. The fallback is a user (when not away) or the
 * queue of unassigned leads.
 *
 * `decide` updates the state as it hands out (open counts, the round-robin pointer, the
 * weighted counts) so that the next lead of the batch sees them.
 */

const REASON = 'crm.assignment.reasons'

/** Lowercase, no accents, trimmed: "Álava" = "alava". */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim()
}

/**
 * `fold` of a lead's value, remembered: a batch compares the same few codes and provinces
 * against every rule, lead after lead (bounded: free text would only refill it).
 */
const foldedValues = new Map<string, string>()
function folded(value: string): string {
  let result = foldedValues.get(value)
  if (result === undefined) {
    if (foldedValues.size >= 2000) foldedValues.clear()
    foldedValues.set(value, (result = fold(value)))
  }
  return result
}

/** A postcode as 5 digits ("8001" → "08001"), or null when it is not one. */
export function postcode(value: string | null | undefined): string | null {
  const digits = String(value ?? '').replace(/\s/g, '')
  return /^\d{1,5}$/.test(digits) ? digits.padStart(5, '0') : null
}

function inRanges(ranges: PostcodeRange[], code: string | null): boolean {
  if (!code) return false
  return ranges.some((r) => {
    const from = postcode(r.from)
    const to = postcode(r.to)
    return from !== null && to !== null && from <= code && code <= to
  })
}

/** A rule's conditions folded once per run into sets. */
interface Matcher {
  rule: Rule
  lists: [Set<string>, keyof LeadFacts][]
  provinces: Set<string>
  postcodes: PostcodeRange[]
}

const setOf = (values: string[]) => new Set(values.map(fold))

export function compile(rule: Rule): Matcher {
  const c = rule.conditions
  return {
    rule,
    lists: [
      [setOf(c.sources), 'source'],
      [setOf(c.sectors), 'sector'],
      [setOf(c.sizes), 'companySize'],
      [setOf(c.productInterests), 'productInterest'],
      [setOf(c.languages), 'language'],
    ],
    provinces: setOf(c.provinces),
    postcodes: c.postcodes,
  }
}

export function matches(m: Matcher, lead: LeadFacts): boolean {
  for (const [set, field] of m.lists) {
    if (!set.size) continue
    const value = lead[field]
    if (value === null || value === undefined || !set.has(folded(String(value)))) return false
  }
  if (!m.provinces.size && !m.postcodes.length) return true
  const inProvince = lead.province !== null && m.provinces.has(folded(lead.province))
  return inProvince || inRanges(m.postcodes, postcode(lead.postalCode))
}

/** A member's territory provinces folded once (members live for one run). */
const foldedTerritories = new WeakMap<RuleMember, Set<string>>()

function inTerritory(member: RuleMember, lead: LeadFacts): boolean {
  const t = member.territory
  let provinces = foldedTerritories.get(member)
  if (!provinces) foldedTerritories.set(member, (provinces = setOf(t.provinces)))
  return (
    (lead.province !== null && provinces.has(folded(lead.province))) ||
    inRanges(t.postcodes, postcode(lead.postalCode))
  )
}

/** The people a rule considers, in its order (a fixed rule: its one user). */
function pool(rule: Rule): RuleMember[] {
  if (rule.strategy !== 'fixed') return rule.members
  if (rule.fixedUserId === null) return []
  const member = rule.members.find((m) => m.userId === rule.fixedUserId)
  return [
    member ?? {
      userId: rule.fixedUserId,
      weight: 1,
      capacity: null,
      territory: { provinces: [], postcodes: [] },
      assigned: 0,
    },
  ]
}

function skipOf(rule: Rule, m: RuleMember, lead: LeadFacts, state: EngineState): SkipReason | null {
  if (rule.strategy === 'territory' && !inTerritory(m, lead)) return 'outside_territory'
  if (state.inactive.has(m.userId)) return 'inactive'
  if (state.away.has(m.userId)) return 'away'
  if (m.capacity !== null && (state.open.get(m.userId) ?? 0) >= m.capacity) return 'at_capacity'
  return null
}

/** Index (in `members`) of the one to pick among the eligible, or -1. */
function pick(rule: Rule, members: RuleMember[], eligible: boolean[], state: EngineState): number {
  const open = (i: number) => state.open.get(members[i].userId) ?? 0
  const indexes = members.map((_, i) => i).filter((i) => eligible[i])
  if (!indexes.length) return -1
  switch (rule.strategy) {
    case 'fixed':
      return indexes[0]
    case 'round_robin': {
      const n = members.length
      for (let k = 0; k < n; k++) {
        const i = (((rule.pointer + k) % n) + n) % n
        if (eligible[i]) return i
      }
      return -1
    }
    case 'weighted': {
      // Deterministic share: whoever is furthest below their weight's share gets the lead
      // (smallest (given + 1) / weight; ties by order).
      const score = (i: number) => (members[i].assigned + 1) / Math.max(1, members[i].weight)
      return indexes.reduce((best, i) => (score(i) < score(best) ? i : best))
    }
    case 'least_loaded':
    case 'territory':
      return indexes.reduce((best, i) => (open(i) < open(best) ? i : best))
  }
}

function reasonOf(rule: Rule, member: RuleMember, state: EngineState, members: RuleMember[]) {
  const params: Record<string, string | number> = { rule: rule.name }
  if (rule.strategy === 'round_robin') {
    params.turn = members.indexOf(member) + 1
    params.of = members.length
  }
  if (rule.strategy === 'least_loaded' || rule.strategy === 'territory')
    params.open = state.open.get(member.userId) ?? 0
  if (rule.strategy === 'weighted') {
    const total = members.reduce((sum, m) => sum + Math.max(1, m.weight), 0)
    params.share = Math.round((Math.max(1, member.weight) * 100) / total)
  }
  return { key: `${REASON}.${rule.strategy}`, params }
}

function fallback(
  lead: LeadFacts,
  rule: Rule | null,
  candidates: Candidate[],
  state: EngineState
): Decision {
  const to = state.fallbackUserId
  const usable = to !== null && !state.away.has(to) && !state.inactive.has(to)
  const why = rule ? 'no_eligible' : 'no_rule'
  if (usable) state.open.set(to, (state.open.get(to) ?? 0) + 1)
  return {
    leadId: lead.id,
    ruleId: rule?.id ?? null,
    ruleName: rule?.name ?? null,
    strategy: rule?.strategy ?? null,
    userId: usable ? to : null,
    teamId: null,
    fallback: true,
    reason: {
      key: `${REASON}.${why}_${usable ? 'user' : 'queue'}`,
      params: rule ? { rule: rule.name } : {},
    },
    candidates,
  }
}

/** Who gets this lead under these (compiled, ordered) rules; updates `state` and the rule. */
export function decide(lead: LeadFacts, matchers: Matcher[], state: EngineState): Decision {
  const matcher = matchers.find((m) => matches(m, lead))
  if (!matcher) return fallback(lead, null, [], state)
  const rule = matcher.rule
  const members = pool(rule)
  const skips = members.map((m) => skipOf(rule, m, lead, state))
  const chosen = pick(
    rule,
    members,
    skips.map((s) => s === null),
    state
  )
  const candidates: Candidate[] = members.map((m, i) => ({
    userId: m.userId,
    skipped: skips[i],
    chosen: i === chosen,
    open: state.open.get(m.userId) ?? 0,
  }))
  if (chosen < 0) return fallback(lead, rule, candidates, state)
  const member = members[chosen]
  const reason = reasonOf(rule, member, state, members)
  state.open.set(member.userId, (state.open.get(member.userId) ?? 0) + 1)
  member.assigned += 1
  if (rule.strategy === 'round_robin') rule.pointer = (chosen + 1) % members.length
  return {
    leadId: lead.id,
    ruleId: rule.id,
    ruleName: rule.name,
    strategy: rule.strategy,
    userId: member.userId,
    teamId: rule.teamId,
    fallback: false,
    reason,
    candidates,
  }
}

/** Decisions for many leads in order (a batch, or a dry run over copies of the rules). */
export function decideAll(leads: LeadFacts[], rules: Rule[], state: EngineState): Decision[] {
  const matchers = rules.map(compile)
  return leads.map((lead) => decide(lead, matchers, state))
}
