/*
 * The subjects failing a rule now, from the CRM's contracts. The generation names the period an
 * alert belongs to: the month for quotas (a new month, a new alert), the day it was first seen
 * for the others (kept open while the condition lasts).
 */
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import {
  overdueActivityCounts,
  quietAccounts,
  quotaAttainments,
  type QuotaAttainmentRow,
} from '#modules/crm/contracts/index'
import type { AlertRuleDto } from '../dto/alerts.js'

/** The organization's date: `YYYY-MM-DD` and its parts. */
export interface LocalDay {
  date: string
  year: number
  month: number
  day: number
}

export interface Candidate {
  /** `user` (a rep) or the record's subject type (`crm.company`). */
  subjectType: string
  subjectId: number
  generation: string
  /** Whose it is: the record scope of who may see the alert. */
  ownerId: number | null
  /** Message params (`analytics.alerts.messages.<kind>`). */
  params: Record<string, string | number | null>
  link: string | null
  /** Who is notified beside the rule's recipients (a team quota's leader). */
  recipients?: number[]
  /** The record that shows a badge while the alert is open. */
  flag?: { resource: string; recordId: number }
  task?: {
    subjectType: 'crm.company' | null
    subjectId: number | null
    assigneeId: number | null
    title: string
  }
}

/** Which of `ids` may see sales quotas (`crm.quotas.view`): who may hear of a quota alert. */
export async function quotaViewers(organizationId: number, ids: number[]): Promise<Set<number>> {
  const out = new Set<number>()
  for (const id of new Set(ids)) {
    const access = await AccessContext.forUser({ id, organizationId })
    if (access.can('crm.quotas.view')) out.add(id)
  }
  return out
}

/*
 * A quota under its threshold. A rep's alert is about the rep (theirs, task to them); a team's
 * about the team, owned by and notified to its leader (task to them); a zone's or a family's
 * about the quota, with no owner (managers see it) and notified to the rule's recipients only.
 */
function quotaCandidate(
  q: QuotaAttainmentRow,
  generation: string,
  percent: number,
  viewers: Set<number>
): Candidate {
  const owner = q.kind === 'user' ? q.userId : q.kind === 'team' ? q.leaderId : null
  // Told and given a task only if they may see quotas (`crm.quotas.view`), like the quotas page.
  const assignee = owner !== null && viewers.has(owner) ? owner : null
  const subject = q.kind === 'user' ? q.userId : q.kind === 'team' ? q.teamId : q.quotaId
  return {
    subjectType: q.kind,
    subjectId: subject ?? q.quotaId,
    generation,
    ownerId: owner,
    params: {
      name: q.label,
      pct: q.attainmentPct,
      percent,
      month: generation,
      actualMinor: q.actualMinor,
      targetMinor: q.targetMinor,
    },
    link: '/crm/quotas',
    recipients: assignee && q.kind === 'team' ? [assignee] : [],
    task: assignee
      ? { subjectType: null, subjectId: null, assigneeId: assignee, title: q.label }
      : undefined,
  }
}

async function userNames(organizationId: number, ids: number[]) {
  if (!ids.length) return new Map<number, string>()
  const rows = await db
    .from('users')
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .select('id', 'full_name')
  return new Map(rows.map((r) => [Number(r.id), String(r.full_name)]))
}

export async function candidatesOf(
  organizationId: number,
  rule: AlertRuleDto,
  today: LocalDay,
  now: Date
): Promise<Candidate[]> {
  const p = rule.params
  if (rule.kind === 'quota_under') {
    if (today.day < (p.day ?? 1)) return []
    // Zone and family names in the organization's language (the alert's text is written once).
    const org = await db
      .from('organizations')
      .where('id', organizationId)
      .select('default_locale')
      .first()
    const quotas = await quotaAttainments(
      organizationId,
      today.year,
      today.month,
      today.date,
      undefined,
      org?.default_locale ?? 'es'
    )
    const under = quotas.filter(
      (q) => q.attainmentPct !== null && q.attainmentPct < (p.percent ?? 0)
    )
    const generation = today.date.slice(0, 7)
    const viewers = await quotaViewers(
      organizationId,
      under.flatMap((q) => (q.kind === 'user' ? [q.userId!] : q.leaderId ? [q.leaderId] : []))
    )
    return under.map((q) => quotaCandidate(q, generation, p.percent ?? 0, viewers))
  }
  if (rule.kind === 'overdue_activities') {
    const counts = (await overdueActivityCounts(organizationId, now)).filter(
      (c) => c.count > (p.count ?? 0)
    )
    const names = await userNames(
      organizationId,
      counts.map((c) => c.userId)
    )
    return counts.map((c) => ({
      subjectType: 'user',
      subjectId: c.userId,
      generation: today.date,
      ownerId: c.userId,
      params: { name: names.get(c.userId) ?? '', count: c.count, threshold: p.count ?? 0 },
      link: '/crm/activities',
      task: {
        subjectType: null,
        subjectId: null,
        assigneeId: c.userId,
        title: names.get(c.userId) ?? '',
      },
    }))
  }
  const quiet = await quietAccounts(organizationId, p.days ?? 30, now)
  return quiet.map((c) => ({
    subjectType: 'crm.company',
    subjectId: c.companyId,
    generation: today.date,
    ownerId: c.ownerId,
    params: {
      name: c.name,
      days: p.days ?? 30,
      opportunities: c.openOpportunities,
      last: c.lastActivityAt ? c.lastActivityAt.toISOString().slice(0, 10) : null,
    },
    link: `/crm/companies/${c.companyId}`,
    flag: { resource: 'crm.company', recordId: c.companyId },
    task: {
      subjectType: 'crm.company',
      subjectId: c.companyId,
      assigneeId: c.ownerId,
      title: c.name,
    },
  }))
}
