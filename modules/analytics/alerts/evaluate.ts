/*
 * Evaluates the enabled alert rules of every organization where analytics is enabled (the
 * hourly job, `node ace analytics:alerts`). Each rule yields its subjects now failing it
 * (candidates, from the CRM's contracts); an open alert whose subject no longer fails is
 * resolved (its record flag cleared); a failing subject without an open alert gets one, with
 * its notification, record flag and optional task, in one transaction. The alert's UNIQUE
 * (rule, subject, generation) decides between two workers: the loser writes nothing.
 * "Today" and "day of month" are the organization's, in its time zone.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { installer } from '#app/registry/services'
import { notify } from '#app/notifications/notify'
import { usersWithRoles } from '#app/access/roles'
import { clearFlags, raiseFlag } from '#app/flags/record_flags'
import { dbTimestamp } from '#app/support/dates'
import { insertId, isUniqueViolation } from '#app/support/db'
import { dayIn } from '#app/users/absences'
import { createKeyedTask } from '#modules/crm/contracts/index'
import { ruleDto } from './rules.js'
import { alertMessageKey } from './kinds.js'
import { candidatesOf, quotaViewers, type Candidate, type LocalDay } from './candidates.js'
import type { AlertRuleDto } from '../dto/alerts.js'

export interface EvaluationResult {
  opened: number
  resolved: number
}

const DAY = 86_400_000

/** The flag of alert `id` on its record (its source key). */
export const flagKey = (alertId: number) => `analytics.alert:${alertId}`

/** Every enabled rule of every organization (or of one) where analytics is enabled. */
export async function evaluateAlerts(
  now: Date = new Date(),
  options: { organizationId?: number } = {}
): Promise<EvaluationResult> {
  const query = db
    .from('analytics_alert_rules')
    .where('enabled', true)
    .orderBy('organization_id')
    .orderBy('id')
  if (options.organizationId) query.where('organization_id', options.organizationId)
  const rules = await query
  const total: EvaluationResult = { opened: 0, resolved: 0 }
  const days = new Map<number, LocalDay | null>()
  for (const row of rules) {
    const org = Number(row.organization_id)
    if (!days.has(org)) days.set(org, await localDayOf(org, now))
    const day = days.get(org)
    if (!day) continue
    const result = await evaluateRule(org, ruleDto(row), day, now)
    total.opened += result.opened
    total.resolved += result.resolved
  }
  return total
}

/** The organization's date now (null when analytics is not enabled there). */
async function localDayOf(organizationId: number, now: Date): Promise<LocalDay | null> {
  if (!(await (await installer()).enabled(organizationId)).has('analytics')) return null
  const org = await db.from('organizations').where('id', organizationId).select('timezone').first()
  const date = dayIn(now, org?.timezone || 'UTC')
  const [year, month, day] = date.split('-').map(Number)
  return { date, year, month, day }
}

/** Resolves what cleared and opens what is new for one rule. */
export async function evaluateRule(
  organizationId: number,
  rule: AlertRuleDto,
  day: LocalDay,
  now: Date
): Promise<EvaluationResult> {
  const candidates = await candidatesOf(organizationId, rule, day, now)
  const subject = (type: string, id: number) => `${type}:${id}`
  const failing = new Map(candidates.map((c) => [subject(c.subjectType, c.subjectId), c]))
  const open = await db
    .from('analytics_alerts')
    .where({ organization_id: organizationId, rule_id: rule.id, status: 'open' })
    .select('id', 'subject_type', 'subject_id', 'generation')
  const cleared = open.filter((a) => {
    const c = failing.get(subject(a.subject_type, Number(a.subject_id)))
    return !c || (rule.kind === 'quota_under' && c.generation !== a.generation)
  })
  const resolved = await resolve(
    organizationId,
    cleared.map((a) => Number(a.id))
  )
  const stillOpen = new Set(
    open
      .filter((a) => !cleared.includes(a))
      .map((a) => subject(a.subject_type, Number(a.subject_id)))
  )
  let recipients = await usersWithRoles(organizationId, rule.roleIds)
  if (rule.kind === 'quota_under' && recipients.length) {
    const viewers = await quotaViewers(organizationId, recipients)
    recipients = recipients.filter((id) => viewers.has(id))
  }
  let opened = 0
  for (const c of candidates) {
    if (stillOpen.has(subject(c.subjectType, c.subjectId))) continue
    const everyone = [...new Set([...recipients, ...(c.recipients ?? [])])]
    const id = await db.transaction((trx) => openAlert(trx, organizationId, rule, c, everyone, now))
    if (id) opened++
  }
  return { opened, resolved }
}

/** Resolves every open alert of a rule (it was disabled): their badges go at once. */
export async function resolveRuleAlerts(organizationId: number, ruleId: number) {
  const open = await db
    .from('analytics_alerts')
    .where({ organization_id: organizationId, rule_id: ruleId, status: 'open' })
    .select('id')
  return resolve(
    organizationId,
    open.map((a) => Number(a.id))
  )
}

async function resolve(organizationId: number, ids: number[]): Promise<number> {
  if (!ids.length) return 0
  const at = dbTimestamp()
  const changed = await db
    .from('analytics_alerts')
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .where('status', 'open')
    .update({ status: 'resolved', resolved_at: at, updated_at: at })
  await clearFlags(organizationId, ids.map(flagKey))
  return Number(Array.isArray(changed) ? changed[0] : changed)
}

/*
 * The subject failed again in a generation whose alert was resolved (it cleared and came back
 * the same day): that alert is open again and badges its record again, without a second
 * notification or task (one per generation). Null when it is open already (another run).
 */
async function reopen(
  trx: TransactionClientContract,
  organizationId: number,
  rule: AlertRuleDto,
  c: Candidate
): Promise<number | null> {
  const row = await trx
    .from('analytics_alerts')
    .where({
      rule_id: rule.id,
      subject_type: c.subjectType,
      subject_id: c.subjectId,
      generation: c.generation,
    })
    .select('id')
    .first()
  if (!row) return null
  const at = dbTimestamp()
  const changed = await trx
    .from('analytics_alerts')
    .where({ id: row.id, status: 'resolved' })
    .update({ status: 'open', resolved_at: null, params: JSON.stringify(c.params), updated_at: at })
  if (!Number(Array.isArray(changed) ? changed[0] : changed)) return null
  if (c.flag) await raiseFlag(flagOf(organizationId, Number(row.id), rule, c), trx)
  return Number(row.id)
}

function flagOf(organizationId: number, id: number, rule: AlertRuleDto, c: Candidate) {
  return {
    organizationId,
    resource: c.flag!.resource,
    recordId: c.flag!.recordId,
    kind: 'analytics.alert',
    sourceKey: flagKey(id),
    labelKey: `analytics.alerts.flags.${rule.kind}`,
    params: c.params,
    link: '/analytics/alerts',
  }
}

/**
 * The alert, its flag, its notification and its task; null when another run made it first.
 * An alert of this generation that was resolved opens again instead (`reopen`).
 */
async function openAlert(
  trx: TransactionClientContract,
  organizationId: number,
  rule: AlertRuleDto,
  c: Candidate,
  recipients: number[],
  now: Date
): Promise<number | null> {
  const at = dbTimestamp(now)
  let id: number
  try {
    id = await insertId(trx, 'analytics_alerts', {
      organization_id: organizationId,
      rule_id: rule.id,
      subject_type: c.subjectType,
      subject_id: c.subjectId,
      generation: c.generation,
      owner_id: c.ownerId,
      params: JSON.stringify(c.params),
      link: c.link,
      status: 'open',
      created_at: at,
      updated_at: at,
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return reopen(trx, organizationId, rule, c)
  }
  const message = { key: alertMessageKey(rule.kind, c.subjectType), params: c.params }
  if (c.flag) await raiseFlag(flagOf(organizationId, id, rule, c), trx)
  await notify(
    {
      organizationId,
      recipients,
      kind: 'analytics.alert',
      message,
      link: c.link,
    },
    { trx }
  )
  if (rule.createTask && c.task)
    await createKeyedTask(
      organizationId,
      {
        key: `analytics.alert:${rule.id}:${c.subjectType}:${c.subjectId}:${c.generation}`,
        typeCode: rule.taskType,
        subjectType: c.task.subjectType,
        subjectId: c.task.subjectId,
        assigneeId: c.task.assigneeId,
        title: `${rule.name}: ${c.task.title}`,
        dueAt: new Date(now.getTime() + (rule.taskDueDays ?? 0) * DAY),
      },
      trx
    )
  return id
}
