import vine from '@vinejs/vine'
import { organizationRoleIds } from '#app/access/roles'
import { RuleError } from '#app/support/rule_error'
import { activityTypeOptions } from '#modules/crm/contracts/index'
import { ALERT_KINDS, KIND_PARAMS, type AlertKind } from './kinds.js'
import type { AlertRuleInput } from '../dto/alerts.js'

/**
 * A rule as the form sends it (allow-list; the organization and the author come from the
 * session). Validated against the body alone: `validateUsing` would put the route's params
 * under `params`, the rule's thresholds.
 */
export const ruleValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    kind: vine.enum(ALERT_KINDS),
    enabled: vine.boolean().optional(),
    params: vine
      .object({
        percent: vine.any().optional(),
        day: vine.any().optional(),
        count: vine.any().optional(),
        days: vine.any().optional(),
      })
      .optional(),
    roleIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(50).optional(),
    createTask: vine.boolean().optional(),
    taskType: vine.string().trim().maxLength(40).nullable().optional(),
    taskDueDays: vine.number().withoutDecimals().nullable().optional(),
  })
)

export type RuleData = Awaited<ReturnType<typeof ruleValidator.validate>>

/**
 * The checks beyond shapes: each parameter of the kind a whole number within its bounds, the
 * roles the organization's own, the task type one of its types. Throws a RuleError naming the
 * field; returns the rule to save.
 */
export async function checkedRule(
  organizationId: number,
  data: RuleData,
  locale: string
): Promise<AlertRuleInput> {
  const kind = data.kind as AlertKind
  const raw = (data.params ?? {}) as Record<string, unknown>
  const params: Record<string, number> = {}
  for (const spec of KIND_PARAMS[kind]) {
    const value = raw[spec.key]
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
    if (typeof n !== 'number' || !Number.isInteger(n) || n < spec.min || n > spec.max)
      throw new RuleError(
        'analytics.alerts.errors.param',
        { field: { i18n: `analytics.alerts.params.${spec.key}`, fallback: spec.key }, ...spec },
        `params.${spec.key}`
      )
    params[spec.key] = n
  }
  const roleIds = [...new Set(data.roleIds ?? [])]
  if (roleIds.length) {
    const own = await organizationRoleIds(organizationId, roleIds)
    if (own.length !== roleIds.length)
      throw new RuleError('analytics.alerts.errors.roles', {}, 'roleIds')
  }
  const createTask = data.createTask ?? false
  let taskType: string | null = null
  let taskDueDays: number | null = null
  if (createTask) {
    const types = await activityTypeOptions(organizationId, locale)
    taskType = data.taskType ?? 'task'
    if (!types.some((t) => t.code === taskType))
      throw new RuleError('analytics.alerts.errors.task_type', {}, 'taskType')
    taskDueDays = data.taskDueDays ?? 0
    if (taskDueDays < 0 || taskDueDays > 365)
      throw new RuleError('analytics.alerts.errors.task_due_days', {}, 'taskDueDays')
  }
  return {
    name: data.name,
    kind,
    enabled: data.enabled ?? true,
    params,
    roleIds,
    createTask,
    taskType,
    taskDueDays,
  }
}
