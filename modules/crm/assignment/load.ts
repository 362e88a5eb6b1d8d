import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { awayUserIds } from '#app/users/absences'
import { isSqlite, writeMark } from '#app/support/db'
import {
  EMPTY_CONDITIONS,
  STRATEGIES,
  type EngineState,
  type LeadFacts,
  type PostcodeRange,
  type Rule,
  type RuleConditions,
  type Strategy,
  type Territory,
} from './types.js'

/*
 * What a run reads, once per call whatever the number of leads: the active rules in order with
 * their members, who is away or deactivated, the open-lead counts of everyone a rule may pick,
 * the fallback, and the leads' facts (in chunks).
 */

type Client = QueryClientContract | TransactionClientContract

export const RULES = 'crm_assignment_rules'
export const MEMBERS = 'crm_assignment_rule_members'
export const SETTINGS = 'crm_assignment_settings'
export const ASSIGNMENTS = 'crm_lead_assignments'
export const OPEN_STATUSES = ['new', 'working']
const CHUNK = 500

function parse<T>(text: unknown, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : (text as T)
  } catch {
    return fallback
  }
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x !== '') : []
const ranges = (v: unknown): PostcodeRange[] =>
  Array.isArray(v)
    ? v
        .filter((r) => r && typeof r.from === 'string' && typeof r.to === 'string')
        .map((r) => ({ from: r.from, to: r.to }))
    : []

export function conditionsOf(text: unknown): RuleConditions {
  const raw = parse<Record<string, unknown>>(text, {})
  return {
    ...EMPTY_CONDITIONS,
    sources: strings(raw.sources),
    provinces: strings(raw.provinces),
    postcodes: ranges(raw.postcodes),
    sectors: strings(raw.sectors),
    sizes: strings(raw.sizes),
    productInterests: strings(raw.productInterests),
    languages: strings(raw.languages),
  }
}

export function territoryOf(text: unknown): Territory {
  const raw = parse<Record<string, unknown>>(text, {})
  return { provinces: strings(raw.provinces), postcodes: ranges(raw.postcodes) }
}

/**
 * The active rules in order, with their members. `lock`: a locking read of the rule rows
 * (MariaDB/MS SQL; SQLite has one writer at a time anyway), so that concurrent runs of one
 * organization take turns and each sees the round-robin pointer the previous one stored.
 */
export async function loadRules(
  client: Client,
  organizationId: number,
  options: { lock?: boolean } = {}
): Promise<Rule[]> {
  const query = client
    .from(RULES)
    .where('organization_id', organizationId)
    .where('active', true)
    .orderBy('position')
    .orderBy('id')
    .select('id', 'name', 'strategy', 'fixed_user_id', 'team_id', 'rr_pointer', 'conditions')
  if (options.lock && !isSqlite(client)) query.forUpdate()
  const rows = await query
  if (!rows.length) return []
  const members = await client
    .from(MEMBERS)
    .whereIn(
      'rule_id',
      rows.map((r) => r.id)
    )
    .orderBy('position')
    .orderBy('id')
    .select('id', 'rule_id', 'user_id', 'weight', 'capacity', 'territory', 'assigned_count')
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    strategy: (STRATEGIES as readonly string[]).includes(r.strategy)
      ? (r.strategy as Strategy)
      : 'round_robin',
    fixedUserId: r.fixed_user_id === null ? null : Number(r.fixed_user_id),
    teamId: r.team_id === null ? null : Number(r.team_id),
    pointer: Number(r.rr_pointer ?? 0),
    conditions: conditionsOf(r.conditions),
    members: members
      .filter((m) => Number(m.rule_id) === Number(r.id))
      .map((m) => ({
        rowId: Number(m.id),
        userId: Number(m.user_id),
        weight: Math.max(1, Number(m.weight ?? 1)),
        capacity: m.capacity === null ? null : Number(m.capacity),
        territory: territoryOf(m.territory),
        assigned: Number(m.assigned_count ?? 0),
      })),
  }))
}

export async function fallbackUserId(client: Client, organizationId: number) {
  const row = await client
    .from(SETTINGS)
    .where('organization_id', organizationId)
    .select('fallback_user_id')
    .first()
  return row?.fallback_user_id ? Number(row.fallback_user_id) : null
}

/**
 * Open-lead counts carried from one batch of an import to the next: counting them reads every
 * open lead of everyone the rules may pick (tens of milliseconds with 100,000 of them), once
 * per batch. The counts of a batch are kept, moved by the batch's own decisions (`decide`
 * updates them) and by the leads it wrote with an owner of their own (`added`), and reused by
 * the next batch only if nothing at all was written in between (`seal` at the end of the
 * batch, in its transaction; see `writeMark`): otherwise, or after a change the counts do not
 * follow (`forget`), they are counted again. Where the database gives no mark (MySQL), always.
 */
export class OpenCounts {
  #open: Map<number, number> | null = null
  #people = new Set<number>()
  #mark: string | null = null
  /** Whether the counts were checked (or read) in this batch. */
  #checked = false

  /** The counts of `people`: the kept ones when still exact, else `count()`'s. */
  async of(
    client: Client,
    people: number[],
    count: () => Promise<Map<number, number>>
  ): Promise<Map<number, number>> {
    const mark = this.#mark
    this.#mark = null
    this.#checked = true
    const same = people.length === this.#people.size && people.every((id) => this.#people.has(id))
    if (this.#open && mark !== null && same && (await writeMark(client)) === mark) return this.#open
    this.#open = await count()
    this.#people = new Set(people)
    return this.#open
  }

  /** A lead written open (new) with this owner outside the rules' decisions. */
  added(ownerId: number | null) {
    if (this.#open && ownerId !== null && this.#people.has(ownerId))
      this.#open.set(ownerId, (this.#open.get(ownerId) ?? 0) + 1)
  }

  /** A change the counts do not follow (an owner changed by an update): count again. */
  forget() {
    this.#open = null
    this.#mark = null
  }

  /** The batch's writes are done: the counts hold until anything else is written. */
  async seal(client: Client) {
    // Unchecked in this batch (it assigned nothing): what was written before it is unknown.
    if (!this.#checked) this.forget()
    this.#checked = false
    this.#mark = this.#open ? await writeMark(client) : null
  }
}

/** Everyone a run may pick, with who is away, deactivated, their names and open leads. */
export async function loadState(
  client: Client,
  organizationId: number,
  rules: Rule[],
  at: Date = new Date(),
  kept?: OpenCounts
): Promise<EngineState & { names: Map<number, string> }> {
  const fallback = await fallbackUserId(client, organizationId)
  const ids = new Set<number>()
  for (const rule of rules) {
    if (rule.fixedUserId !== null) ids.add(rule.fixedUserId)
    for (const m of rule.members) ids.add(m.userId)
  }
  if (fallback !== null) ids.add(fallback)
  const people = [...ids]
  const users = people.length
    ? await client
        .from('users')
        .where('organization_id', organizationId)
        .whereIn('id', people)
        .select('id', 'full_name', 'is_active')
    : []
  const known = new Set(users.map((u) => Number(u.id)))
  const inactive = new Set(
    people.filter((id) => !known.has(id) || !users.find((u) => Number(u.id) === id)!.is_active)
  )
  const count = async () => {
    const open = new Map<number, number>()
    if (!people.length) return open
    const counts = await client
      .from('crm_leads')
      .where('organization_id', organizationId)
      .whereIn('owner_id', people)
      .whereIn('status', OPEN_STATUSES)
      .whereNull('deleted_at')
      .groupBy('owner_id')
      .select('owner_id')
      .count('* as n')
    for (const c of counts) open.set(Number(c.owner_id), Number(c.n))
    return open
  }
  return {
    away: await awayUserIds(organizationId, at, client),
    inactive,
    open: kept ? await kept.of(client, people, count) : await count(),
    fallbackUserId: fallback,
    names: new Map(users.map((u) => [Number(u.id), String(u.full_name)])),
  }
}

const FACTS = [
  'id',
  'owner_id',
  'status',
  'source',
  'province',
  'postal_code',
  'sector',
  'company_size',
  'product_interest',
  'language',
]

export type LeadRow = LeadFacts & { ownerId: number | null; status: string }

function facts(r: Record<string, any>): LeadRow {
  return {
    id: Number(r.id),
    ownerId: r.owner_id === null ? null : Number(r.owner_id),
    status: r.status,
    source: r.source ?? null,
    province: r.province ?? null,
    postalCode: r.postal_code ?? null,
    sector: r.sector ?? null,
    companySize: r.company_size ?? null,
    productInterest: r.product_interest ?? null,
    language: r.language ?? null,
  }
}

/** The live leads among `ids` (in id order), unowned and open only unless `includeOwned`. */
export async function loadLeads(
  client: Client,
  organizationId: number,
  ids: number[],
  options: { includeOwned?: boolean } = {}
): Promise<LeadRow[]> {
  const out: LeadRow[] = []
  const unique = [...new Set(ids)].sort((a, b) => a - b)
  for (let i = 0; i < unique.length; i += CHUNK) {
    const query = client
      .from('crm_leads')
      .where('organization_id', organizationId)
      .whereIn('id', unique.slice(i, i + CHUNK))
      .whereNull('deleted_at')
      .orderBy('id')
      .select(FACTS)
    if (!options.includeOwned) query.whereNull('owner_id').whereIn('status', OPEN_STATUSES)
    out.push(...(await query).map(facts))
  }
  return out
}

/** Leads created since `since` (a dry run's window), oldest first, at most `limit`. */
export async function leadsSince(
  client: Client,
  organizationId: number,
  since: string,
  limit: number
): Promise<LeadRow[]> {
  const rows = await client
    .from('crm_leads')
    .where('organization_id', organizationId)
    .whereNull('deleted_at')
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .select(FACTS)
  return rows.map(facts)
}
