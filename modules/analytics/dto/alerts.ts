/** Shapes shared by the alerts pages and their controllers. */
/*
 * Kinds of alert rule and their parameters:
 *   quota_under         a rep under `percent` % of the month's quota after day `day` of the month
 *   overdue_activities  a user with more than `count` overdue activities
 *   quiet_account       a company with open opportunities and no activity for `days` days
 */
export type AlertKind = 'quota_under' | 'overdue_activities' | 'quiet_account'

export interface AlertParams {
  percent?: number
  day?: number
  count?: number
  days?: number
}

/** A parameter of a kind: its bounds and default (the form's number inputs). */
export interface AlertParamSpec {
  key: keyof AlertParams
  min: number
  max: number
  default: number
}

export interface AlertRuleDto {
  id: number
  name: string
  kind: AlertKind
  enabled: boolean
  params: AlertParams
  /** Roles whose members are notified. */
  roleIds: number[]
  createTask: boolean
  /** Activity type code of the task (`task`, `call`…). */
  taskType: string | null
  taskDueDays: number | null
}

export type AlertRuleInput = Omit<AlertRuleDto, 'id'>

/** A role a rule may notify. */
export interface RoleOption {
  id: number
  name: string
}

export interface AlertRulesPageProps {
  rules: AlertRuleDto[]
  kinds: { kind: AlertKind; params: AlertParamSpec[] }[]
  roles: RoleOption[]
  taskTypes: { code: string; name: string }[]
}

export type AlertStatus = 'open' | 'resolved'

/** An alert as the list and the banner show it (message: i18n key + params). */
export interface AlertDto {
  id: number
  ruleId: number
  ruleName: string
  kind: AlertKind
  status: AlertStatus
  subjectType: string
  subjectId: number
  messageKey: string
  params: Record<string, string | number | null>
  link: string | null
  createdAt: string
  resolvedAt: string | null
}

export interface AlertsPageProps {
  status: AlertStatus
  alerts: AlertDto[]
  canManage: boolean
}
