import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notify } from '#app/notifications/notify'
import { installer } from '#app/registry/services'
import { dbTimestamp, toDate } from '#app/support/dates'
import { insertActivity } from './insert_activity.js'
import { ensureActivityTypes } from './types.js'
import { messageCandidates } from './task_rule_messages.js'
import type { Candidate } from './task_rule_types.js'

/*
 * Automatic commercial tasks (crm_task_rules), evaluated by a schedule. Each thing a rule
 * creates carries a rule key unique per organization (`rule:<id>:opp:<id>:stage:<id>`…): the
 * database refuses a second one, so two workers evaluating the same rule at the same time
 * create it once. Candidates whose key exists already are skipped before trying.
 */

export const TRIGGERS = [
  'opportunity_stage_entered',
  'opportunity_idle',
  'lead_unassigned',
  'message_received',
] as const
export type Trigger = (typeof TRIGGERS)[number]

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Candidates per rule and run (the schedule runs every few minutes); an object so tests can shrink it. */
export const TASK_RULE_LIMITS = { batch: 500 }

/*
 * The subjects this rule already made a task for, excluded in SQL: filtering them after the
 * LIMIT would starve newer records once a batch's worth is done. A key names its subject id
 * (the task's subject_id), so the LIKE only has to pin the rule and the rest of the key.
 */
function keyedSubjects(org: number, subjectType: string, pattern: string) {
  return db
    .from('crm_activities as k')
    .where('k.organization_id', org)
    .where('k.subject_type', subjectType)
    .where('k.rule_key', 'like', pattern)
    .select('k.subject_id')
}

interface Rule {
  id: number
  organization_id: number
  trigger: Trigger
  stage_id: number | null
  days: number | null
  hours: number | null
  type_id: number | null
  title: string | null
  created_at: unknown
}

/** Runs every active rule of every organization where the CRM is enabled; returns what it made. */
export async function runTaskRules(now: Date = new Date()): Promise<number> {
  const rules = (await db
    .from('crm_task_rules')
    .where('active', true)
    .orderBy('organization_id')
    .orderBy('position')
    .orderBy('id')
    .select('*')) as Rule[]
  const enabled = new Map<number, boolean>()
  let made = 0
  for (const rule of rules) {
    const org = Number(rule.organization_id)
    if (!enabled.has(org)) enabled.set(org, (await (await installer()).enabled(org)).has('crm'))
    if (!enabled.get(org)) continue
    made += await runRule(rule, now)
  }
  return made
}

/** One rule: its candidates, minus those already made, each created in its own transaction. */
export async function runRule(rule: Rule, now: Date): Promise<number> {
  const candidates = await candidatesOf(rule, now)
  if (!candidates.length) return 0
  const existing = new Set<string>()
  for (let i = 0; i < candidates.length; i += 500) {
    const rows = await db
      .from('crm_activities')
      .where('organization_id', rule.organization_id)
      .whereIn(
        'rule_key',
        candidates.slice(i, i + 500).map((c) => c.key)
      )
      .select('rule_key')
    for (const r of rows) existing.add(r.rule_key)
  }
  const typeId = rule.type_id ?? (await defaultTaskType(rule.organization_id))
  let made = 0
  for (const c of candidates) {
    if (existing.has(c.key)) continue
    const created = await db.transaction((trx) => create(trx, rule, typeId, c))
    if (created) made++
  }
  return made
}

async function create(trx: TransactionClientContract, rule: Rule, typeId: number, c: Candidate) {
  const created = await insertActivity(trx, {
    organizationId: Number(rule.organization_id),
    actorId: null,
    typeId,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    title: c.title,
    dueAt: c.dueAt,
    allDay: false,
    durationMin: 15,
    assigneeId: c.assigneeId,
    ruleKey: c.key,
  })
  // Only the run whose insert won tells the leader (the key makes the notice once, too).
  if (created && c.notify)
    await notify(
      {
        organizationId: Number(rule.organization_id),
        recipients: [c.assigneeId],
        kind: 'crm.lead_unassigned',
        message: { key: 'crm.notifications.lead_unassigned_message', params: c.notify },
        link: `/crm/activities?focus=${created.id}`,
      },
      { trx }
    )
  return created
}

async function defaultTaskType(organizationId: number): Promise<number> {
  await ensureActivityTypes(organizationId)
  const row = await db
    .from('crm_activity_types')
    .where({ organization_id: organizationId })
    .orderByRaw("CASE WHEN code = 'task' THEN 0 ELSE 1 END")
    .orderBy('position')
    .first()
  return Number(row.id)
}

async function candidatesOf(rule: Rule, now: Date): Promise<Candidate[]> {
  const org = Number(rule.organization_id)
  const title = (fallback: string) => rule.title || fallback
  if (rule.trigger === 'message_received')
    return messageCandidates(rule, now, TASK_RULE_LIMITS.batch)
  if (rule.trigger === 'opportunity_stage_entered') {
    if (!rule.stage_id) return []
    // Opportunities that entered the stage since the rule exists (a new rule does not flood).
    const rows = await db
      .from('crm_opportunities')
      .where({ organization_id: org, stage_id: rule.stage_id, status: 'open' })
      .whereNull('deleted_at')
      .whereNotNull('owner_id')
      .where('stage_entered_at', '>=', dbTimestamp(toDate(rule.created_at)))
      .whereNotIn(
        'id',
        keyedSubjects(org, 'crm.opportunity', `rule:${rule.id}:opp:%:stage:${rule.stage_id}`)
      )
      .orderBy('id')
      .limit(TASK_RULE_LIMITS.batch)
      .select('id', 'name', 'owner_id', 'stage_entered_at')
    return rows.map((o) => ({
      key: `rule:${rule.id}:opp:${o.id}:stage:${rule.stage_id}`,
      subjectType: 'crm.opportunity',
      subjectId: Number(o.id),
      assigneeId: Number(o.owner_id),
      title: title(`Seguimiento: ${o.name}`).slice(0, 200),
      dueAt: new Date(now.getTime() + (rule.days ?? 0) * DAY),
    }))
  }
  if (rule.trigger === 'opportunity_idle') {
    const days = rule.days ?? 14
    const since = dbTimestamp(new Date(now.getTime() - days * DAY))
    const recent = db
      .from('crm_activities as x')
      .where('x.organization_id', org)
      .where('x.subject_type', 'crm.opportunity')
      .where((w) => w.where('x.status', 'open').orWhere('x.created_at', '>=', since))
      .select('x.subject_id')
    const rows = await db
      .from('crm_opportunities as o')
      .where({ 'o.organization_id': org, 'o.status': 'open' })
      .whereNull('o.deleted_at')
      .whereNotNull('o.owner_id')
      .where('o.created_at', '<', since)
      .whereNotIn('o.id', recent)
      .orderBy('o.id')
      .limit(TASK_RULE_LIMITS.batch)
      .select('o.id', 'o.name', 'o.owner_id')
    // The key names the latest activity: one task per quiet period, the next after it.
    const last = await lastActivityIds(
      org,
      rows.map((o) => Number(o.id))
    )
    return rows.map((o) => ({
      key: `rule:${rule.id}:opp:${o.id}:idle:${last.get(Number(o.id)) ?? 0}`,
      subjectType: 'crm.opportunity',
      subjectId: Number(o.id),
      assigneeId: Number(o.owner_id),
      title: title(`Retomar: ${o.name}`).slice(0, 200),
      dueAt: now,
    }))
  }
  // lead_unassigned: a task (and a notice) for the lead's team leader.
  const hours = rule.hours ?? 1
  const rows = await db
    .from('crm_leads as l')
    .join('teams as t', 't.id', 'l.team_id')
    .where('l.organization_id', org)
    .whereNull('l.owner_id')
    .whereNull('l.deleted_at')
    .where('l.status', 'new')
    .whereNotNull('t.leader_id')
    .where('l.created_at', '<=', dbTimestamp(new Date(now.getTime() - hours * HOUR)))
    .whereNotIn('l.id', keyedSubjects(org, 'crm.lead', `rule:${rule.id}:lead:%`))
    .orderBy('l.id')
    .limit(TASK_RULE_LIMITS.batch)
    .select('l.id', 'l.title', 't.leader_id')
  return rows.map((l) => ({
    key: `rule:${rule.id}:lead:${l.id}`,
    subjectType: 'crm.lead',
    subjectId: Number(l.id),
    assigneeId: Number(l.leader_id),
    title: title(`Asignar iniciativa: ${l.title}`).slice(0, 200),
    dueAt: now,
    notify: { leadTitle: l.title },
  }))
}

async function lastActivityIds(org: number, ids: number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>()
  if (!ids.length) return found
  const rows = await db
    .from('crm_activities')
    .where({ organization_id: org, subject_type: 'crm.opportunity' })
    .whereIn('subject_id', ids)
    .groupBy('subject_id')
    .select('subject_id')
    .max('id as last')
  for (const r of rows) found.set(Number(r.subject_id), Number(r.last))
  return found
}
