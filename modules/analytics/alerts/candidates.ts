/*
 * The subjects failing a rule now, from the CRM's contracts. The generation names the period an
 * alert belongs to: the month for quotas (a new month, a new alert), the day it was first seen
 * for the others (kept open while the condition lasts).
 */
import db from '@adonisjs/lucid/services/db'
import {
  overdueActivityCounts,
  quietAccounts,
  userQuotaAttainments,
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
  /** The record that shows a badge while the alert is open. */
  flag?: { resource: string; recordId: number }
  task?: {
    subjectType: 'crm.company' | null
    subjectId: number | null
    assigneeId: number | null
    title: string
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
    const quotas = await userQuotaAttainments(organizationId, today.year, today.month, today.date)
    const under = quotas.filter(
      (q) => q.attainmentPct !== null && q.attainmentPct < (p.percent ?? 0)
    )
    const names = await userNames(
      organizationId,
      under.map((q) => q.userId)
    )
    const generation = today.date.slice(0, 7)
    return under.map((q) => ({
      subjectType: 'user',
      subjectId: q.userId,
      generation,
      ownerId: q.userId,
      params: {
        name: names.get(q.userId) ?? '',
        pct: q.attainmentPct,
        percent: p.percent ?? 0,
        month: generation,
        actualMinor: q.actualMinor,
        targetMinor: q.targetMinor,
      },
      link: '/crm/quotas',
      task: {
        subjectType: null,
        subjectId: null,
        assigneeId: q.userId,
        title: names.get(q.userId) ?? '',
      },
    }))
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
