/*
 * The CRM's automatic task rules, for modules whose events they react to (mail capture: the
 * `message_received` trigger) and for their tests. The schedule runs them every 5 minutes.
 */
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { runTaskRules } from '../activities/task_rules.js'

/** Runs every active rule now (`now` stands for the clock); returns how many tasks it made. */
export function runAutomaticTasks(now: Date = new Date()): Promise<number> {
  return runTaskRules(now)
}

/** Test and demo fixture: an active rule, as the rules page would save it. */
export async function insertTaskRuleRow(
  organizationId: number,
  rule: { name: string; trigger: string; hours?: number; days?: number; createdAt?: Date }
): Promise<void> {
  const at = dbTimestamp(rule.createdAt ?? new Date())
  await db.table('crm_task_rules').insert({
    organization_id: organizationId,
    name: rule.name,
    trigger: rule.trigger,
    hours: rule.hours ?? null,
    days: rule.days ?? null,
    active: true,
    position: 0,
    created_at: at,
    updated_at: at,
  })
}

/** The tasks automatic rules made in an organization, oldest first. */
export async function automaticTasks(organizationId: number) {
  const rows = await db
    .from('crm_activities')
    .where('organization_id', organizationId)
    .whereNotNull('rule_key')
    .orderBy('id')
    .select('subject_type', 'subject_id', 'assignee_id', 'title')
  return rows.map((r) => ({
    subjectType: String(r.subject_type),
    subjectId: Number(r.subject_id),
    assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
    title: String(r.title),
  }))
}
