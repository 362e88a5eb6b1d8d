/*
 * The kinds of alert rule and their parameters (stored as JSON in analytics_alert_rules.params).
 *   quota_under         a rep, team, zone or product family under `percent` % of the month's
 *                       quota after day `day` of the month
 *   overdue_activities  a user with more than `count` overdue activities
 *   quiet_account       a company with open opportunities and no activity for `days` days
 */
import type { AlertKind, AlertParams, AlertParamSpec } from '../dto/alerts.js'

export type { AlertKind, AlertParams } from '../dto/alerts.js'

export const ALERT_KINDS: AlertKind[] = ['quota_under', 'overdue_activities', 'quiet_account']

/** The parameters each kind uses, with their bounds and defaults. */
export const KIND_PARAMS: Record<AlertKind, AlertParamSpec[]> = {
  quota_under: [
    { key: 'percent', min: 1, max: 100, default: 50 },
    { key: 'day', min: 1, max: 28, default: 15 },
  ],
  overdue_activities: [{ key: 'count', min: 0, max: 1000, default: 5 }],
  quiet_account: [{ key: 'days', min: 1, max: 365, default: 30 }],
}

/**
 * The message of an alert: its kind's, or for a quota of a team, zone or family its own
 * (`quota_under_team`…: "El equipo Norte va al 40 %…").
 */
export function alertMessageKey(kind: AlertKind, subjectType: string): string {
  const own = kind === 'quota_under' && ['team', 'zone', 'family'].includes(subjectType)
  return `analytics.alerts.messages.${own ? `${kind}_${subjectType}` : kind}`
}

/** Only the kind's own parameters, each an integer within its bounds (defaults filled in). */
export function paramsOf(kind: AlertKind, raw: Record<string, unknown>): AlertParams {
  const out: AlertParams = {}
  for (const p of KIND_PARAMS[kind]) {
    const value = Number(raw[p.key] ?? p.default)
    out[p.key] = Number.isInteger(value) ? Math.min(p.max, Math.max(p.min, value)) : p.default
  }
  return out
}
