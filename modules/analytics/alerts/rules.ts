/* Alert rules (analytics_alert_rules): rows ⇄ DTOs, one organization at a time. */
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { paramsOf, type AlertKind } from './kinds.js'
import type { AlertRuleDto, AlertRuleInput } from '../dto/alerts.js'

export function ruleDto(r: Record<string, any>): AlertRuleDto {
  const kind = r.kind as AlertKind
  return {
    id: Number(r.id),
    name: String(r.name),
    kind,
    enabled: Boolean(r.enabled),
    params: paramsOf(kind, JSON.parse(r.params || '{}')),
    roleIds: (JSON.parse(r.recipient_roles || '[]') as unknown[]).map(Number),
    createTask: Boolean(r.create_task),
    taskType: r.task_type ?? null,
    taskDueDays: r.task_due_days === null ? null : Number(r.task_due_days),
  }
}

export async function listRules(organizationId: number): Promise<AlertRuleDto[]> {
  const rows = await db
    .from('analytics_alert_rules')
    .where('organization_id', organizationId)
    .orderBy('name')
    .orderBy('id')
    .limit(200)
  return rows.map(ruleDto)
}

export async function findRule(organizationId: number, id: number) {
  const row = await db
    .from('analytics_alert_rules')
    .where({ organization_id: organizationId, id })
    .first()
  return row ? ruleDto(row) : null
}

function columns(input: AlertRuleInput) {
  return {
    name: input.name,
    kind: input.kind,
    enabled: input.enabled,
    params: JSON.stringify(paramsOf(input.kind, input.params as Record<string, unknown>)),
    recipient_roles: JSON.stringify([...new Set(input.roleIds)]),
    create_task: input.createTask,
    task_type: input.createTask ? (input.taskType ?? 'task') : null,
    task_due_days: input.createTask ? (input.taskDueDays ?? 0) : null,
  }
}

export async function createRule(
  organizationId: number,
  input: AlertRuleInput,
  actorId: number | null
): Promise<number> {
  const now = dbTimestamp()
  return insertId(db.connection(), 'analytics_alert_rules', {
    organization_id: organizationId,
    ...columns(input),
    created_by: actorId,
    created_at: now,
    updated_at: now,
  })
}

export async function updateRule(organizationId: number, id: number, input: AlertRuleInput) {
  await db
    .from('analytics_alert_rules')
    .where({ organization_id: organizationId, id })
    .update({ ...columns(input), updated_at: dbTimestamp() })
}

export async function setRuleEnabled(organizationId: number, id: number, enabled: boolean) {
  await db
    .from('analytics_alert_rules')
    .where({ organization_id: organizationId, id })
    .update({ enabled, updated_at: dbTimestamp() })
}

/** Deletes a rule and its alerts (their record flags are cleared by the caller first). */
export async function deleteRule(organizationId: number, id: number) {
  await db.transaction(async (trx) => {
    await trx
      .from('analytics_alerts')
      .where({ organization_id: organizationId, rule_id: id })
      .delete()
    await trx.from('analytics_alert_rules').where({ organization_id: organizationId, id }).delete()
  })
}
