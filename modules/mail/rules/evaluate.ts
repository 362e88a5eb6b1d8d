import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import type { ParsedMessage } from '../pipeline/parse.js'
import { domainOf } from '../support/addresses.js'
import type { RuleAction, RuleCondition } from '../dto/rules.js'

export type { RuleAction, RuleCondition } from '../dto/rules.js'

export interface CaptureRule {
  id: number
  name: string
  match: 'all' | 'any'
  conditions: RuleCondition[]
  actions: RuleAction[]
  stop: boolean
}

/** What the rules, the blocklist and the spam headers decided for one message. */
export interface Decision {
  skip: { ruleId: number; ruleName: string } | null
  spam: string | null
  assignUserId: number | null
  links: { type: string; id: number; ruleId: number }[]
  tags: string[]
  createLead: boolean
  createContact: boolean
  ruleIds: number[]
}

/** The enabled rules of a mailbox (its own and the organization-wide ones), in order. */
export async function loadRules(
  organizationId: number,
  mailboxId: number,
  client: TransactionClientContract | typeof db = db
): Promise<CaptureRule[]> {
  const rows = await client
    .from('mail_rules')
    .where('organization_id', organizationId)
    .where('enabled', true)
    .where((q) => q.whereNull('mailbox_id').orWhere('mailbox_id', mailboxId))
    .orderBy('position')
    .orderBy('id')
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    match: r.match === 'any' ? 'any' : 'all',
    conditions: JSON.parse(r.conditions),
    actions: JSON.parse(r.actions),
    stop: !!r.stop,
  }))
}

export async function loadBlocklist(
  organizationId: number,
  client: TransactionClientContract | typeof db = db
): Promise<Set<string>> {
  const rows = await client
    .from('mail_blocklist')
    .where('organization_id', organizationId)
    .select('pattern')
  return new Set(rows.map((r) => String(r.pattern).toLowerCase()))
}

function values(parsed: ParsedMessage, condition: RuleCondition): string[] {
  switch (condition.field) {
    case 'from':
      return parsed.from ? [parsed.from.address, parsed.from.name ?? ''] : []
    case 'to':
      return parsed.to.map((a) => a.address)
    case 'cc':
      return parsed.cc.map((a) => a.address)
    case 'subject':
      return [parsed.subject ?? '']
    case 'body':
      return [(parsed.text ?? '').slice(0, 100_000)]
    case 'header':
      return [parsed.headers.get((condition.header ?? '').toLowerCase()) ?? '']
  }
}

/** Whether one condition holds (case-insensitive; `matches` is a regular expression). */
export function conditionHolds(parsed: ParsedMessage, condition: RuleCondition): boolean {
  const wanted = condition.value.toLowerCase()
  return values(parsed, condition).some((raw) => {
    const value = raw.toLowerCase()
    switch (condition.op) {
      case 'contains':
        return value.includes(wanted)
      case 'equals':
        return value === wanted
      case 'starts_with':
        return value.startsWith(wanted)
      case 'ends_with':
        return value.endsWith(wanted)
      case 'matches':
        try {
          return new RegExp(condition.value, 'i').test(raw)
        } catch {
          return false
        }
    }
  })
}

/** A spam verdict from the headers a filter upstream wrote (X-Spam-Flag, X-Spam-Status). */
export function spamHeader(parsed: ParsedMessage): string | null {
  const flag = (parsed.headers.get('x-spam-flag') ?? '').trim().toLowerCase()
  if (flag.startsWith('yes')) return 'X-Spam-Flag: YES'
  const status = (parsed.headers.get('x-spam-status') ?? '').trim().toLowerCase()
  if (status.startsWith('yes')) return 'X-Spam-Status: Yes'
  return null
}

/** Applies the blocklist, the spam headers and the rules, in that order. */
export function decide(
  parsed: ParsedMessage,
  rules: CaptureRule[],
  blocklist: Set<string>
): Decision {
  const decision: Decision = {
    skip: null,
    spam: null,
    assignUserId: null,
    links: [],
    tags: [],
    createLead: false,
    createContact: false,
    ruleIds: [],
  }
  const from = parsed.from?.address ?? ''
  if (from && (blocklist.has(from) || blocklist.has(domainOf(from))))
    decision.spam = `blocklist: ${blocklist.has(from) ? from : domainOf(from)}`
  decision.spam ??= spamHeader(parsed)
  for (const rule of rules) {
    const test = (c: RuleCondition) => conditionHolds(parsed, c)
    const holds =
      rule.conditions.length > 0 &&
      (rule.match === 'any' ? rule.conditions.some(test) : rule.conditions.every(test))
    if (!holds) continue
    decision.ruleIds.push(rule.id)
    for (const action of rule.actions) {
      if (action.type === 'skip') decision.skip ??= { ruleId: rule.id, ruleName: rule.name }
      if (action.type === 'spam') decision.spam ??= `rule: ${rule.name}`
      if (action.type === 'assign') decision.assignUserId ??= Number(action.userId)
      if (action.type === 'link')
        decision.links.push({
          type: action.recordType,
          id: Number(action.recordId),
          ruleId: rule.id,
        })
      if (action.type === 'tag' && action.tag) decision.tags.push(action.tag)
      if (action.type === 'create_lead') decision.createLead = true
      if (action.type === 'create_contact') decision.createContact = true
    }
    if (rule.stop || decision.skip) break
  }
  return decision
}
