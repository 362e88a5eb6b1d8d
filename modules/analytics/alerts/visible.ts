/*
 * Which alerts a user may see: all of the organization's for those who manage the rules;
 * for the others, the alerts whose subject is within their record scope on the CRM resource
 * the kind is about (a rep with scope `own` sees the alerts about themselves and their own
 * companies). The same resolver as every list, by the alert's owner.
 *
 * Quota alerts follow the quotas page's rule (`crm.quotas`, as the Cube view does): a rep's by
 * the rep in the user's quota scope; a team's to its leader (the alert's owner) and to whoever
 * leads the team now; a zone's or a family's only with scope `all`.
 */
import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { teamsLedBy } from '#app/access/user_teams'
import { ALERT_KINDS, alertMessageKey, type AlertKind } from './kinds.js'
import type { AlertDto, AlertStatus } from '../dto/alerts.js'

const RESOURCE_OF: Record<AlertKind, string> = {
  quota_under: 'crm.quotas',
  overdue_activities: 'crm.activities',
  quiet_account: 'crm.companies',
}

/** Restricts a query on `analytics_alerts as a` joined to `analytics_alert_rules as r`. */
async function scoped(access: AccessContext, query: any) {
  query.where('a.organization_id', access.organizationId)
  if (access.can('analytics.alerts.manage')) return
  const parts: { kind: AlertKind; owners: number[] | null }[] = []
  for (const kind of ALERT_KINDS) {
    const c = await access.constraint(RESOURCE_OF[kind])
    if (c.kind === 'all') parts.push({ kind, owners: null })
    if (c.kind === 'owners') parts.push({ kind, owners: c.ownerIds })
  }
  if (!parts.length) return query.whereRaw('1 = 0')
  const led = parts.some((p) => p.kind === 'quota_under' && p.owners)
    ? await teamsLedBy(access.organizationId, access.userId)
    : []
  query.where((w: any) => {
    for (const p of parts)
      w.orWhere((k: any) => {
        k.where('r.kind', p.kind)
        if (!p.owners) return
        if (p.kind !== 'quota_under') return k.whereIn('a.owner_id', p.owners)
        k.where((q: any) => {
          q.where((u: any) => u.where('a.subject_type', 'user').whereIn('a.owner_id', p.owners))
          q.orWhere((t: any) => {
            t.where('a.subject_type', 'team').where((o: any) => {
              o.where('a.owner_id', access.userId)
              if (led.length) o.orWhereIn('a.subject_id', led)
            })
          })
        })
      })
  })
}

/** The user's alerts in one state, newest first (at most `limit`). */
export async function visibleAlerts(
  access: AccessContext,
  status: AlertStatus,
  limit = 100
): Promise<AlertDto[]> {
  const query = db
    .from('analytics_alerts as a')
    .join('analytics_alert_rules as r', 'r.id', 'a.rule_id')
    .where('a.status', status)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .select(
      'a.id',
      'a.rule_id',
      'r.name as rule_name',
      'r.kind',
      'a.status',
      'a.subject_type',
      'a.subject_id',
      'a.params',
      'a.link',
      'a.created_at',
      'a.resolved_at'
    )
  await scoped(access, query)
  const rows = await query
  return rows.map((r: any) => ({
    id: Number(r.id),
    ruleId: Number(r.rule_id),
    ruleName: String(r.rule_name),
    kind: r.kind,
    status: r.status,
    subjectType: String(r.subject_type),
    subjectId: Number(r.subject_id),
    messageKey: alertMessageKey(r.kind, String(r.subject_type)),
    params: JSON.parse(r.params || '{}'),
    link: r.link ?? null,
    createdAt: toIso(r.created_at),
    resolvedAt: r.resolved_at ? toIso(r.resolved_at) : null,
  }))
}
