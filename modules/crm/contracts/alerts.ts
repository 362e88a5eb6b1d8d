/*
 * What the analytics alerts read from the CRM (organization-wide, no record scope: they run in
 * a background job; the alerts apply their own scope when shown) and the keyed task they may
 * create. Binned records are left out everywhere.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toDate } from '#app/support/dates'
import { quotaAttainment } from '../quotas/attainment.js'
import { quotaTarget } from '../quotas/list_quotas.js'
import { lists } from '#app/settings/lists'
import { ZONES_LIST } from '../account_lists.js'
import { PRODUCT_FAMILIES_LIST } from '../quotas/lists.js'
import { insertActivity } from '../activities/insert_activity.js'
import { activityTypes, ensureActivityTypes } from '../activities/types.js'

/** A user's monthly sales quota and how much of it is won (minor units, as strings). */
export interface QuotaSubject {
  quotaId: number
  userId: number
  targetMinor: string
  actualMinor: string
  /** Actual ÷ target in %, one decimal; null without a target for the month. */
  attainmentPct: number | null
}

/**
 * Every user quota of `year` with its attainment in `month` (won by the month's end), the same
 * computation the quotas page shows. `today` is the caller's local date (YYYY-MM-DD).
 */
export async function userQuotaAttainments(
  organizationId: number,
  year: number,
  month: number,
  today: string
): Promise<QuotaSubject[]> {
  const quotas = await quotaAttainments(organizationId, year, month, today, ['user'])
  return quotas
    .filter((q) => q.userId !== null)
    .map((q) => ({
      quotaId: q.quotaId,
      userId: q.userId!,
      targetMinor: q.targetMinor,
      actualMinor: q.actualMinor,
      attainmentPct: q.attainmentPct,
    }))
}

/** A monthly quota of any kind (rep, team, zone, family) and how much of it is won. */
export interface QuotaAttainmentRow {
  quotaId: number
  kind: 'user' | 'team' | 'zone' | 'family'
  userId: number | null
  teamId: number | null
  /** The team's leader (team quotas), else null. */
  leaderId: number | null
  /** The rep's or team's name, or the zone's or family's code. */
  label: string
  targetMinor: string
  actualMinor: string
  attainmentPct: number | null
}

/**
 * The quotas of `year` of the given kinds with their attainment in `month` (won by the month's
 * end): the quotas page's computation, organization-wide. `today` is the caller's local date.
 */
export async function quotaAttainments(
  organizationId: number,
  year: number,
  month: number,
  today: string,
  kinds: QuotaAttainmentRow['kind'][] = ['user', 'team', 'zone', 'family'],
  locale = 'es'
): Promise<QuotaAttainmentRow[]> {
  const rows = await db
    .from('crm_quotas as q')
    .leftJoin('users as u', 'u.id', 'q.user_id')
    .leftJoin('teams as t', 't.id', 'q.team_id')
    .where({ 'q.organization_id': organizationId, 'q.year': year })
    .whereIn('q.kind', kinds)
    .orderBy('q.id')
    .select('q.*', 'u.full_name as user_name', 't.name as team_name', 't.leader_id')
  // Zones and product families are named by their list's label, as on the quotas page.
  const [zones, families] = await Promise.all([
    lists.labels(organizationId, ZONES_LIST, locale),
    lists.labels(organizationId, PRODUCT_FAMILIES_LIST, locale),
  ])
  const codeLabel = (row: any) =>
    row.target_code === null || row.target_code === undefined
      ? null
      : ((row.kind === 'zone' ? zones : families)[row.target_code] ?? row.target_code)
  const out: QuotaAttainmentRow[] = []
  for (const row of rows) {
    const a = await quotaAttainment(quotaTarget(row), {
      period: 'month',
      month,
      today: new Date(`${today}T00:00:00Z`),
    })
    const id = (value: unknown) => (value === null || value === undefined ? null : Number(value))
    out.push({
      quotaId: Number(row.id),
      kind: row.kind,
      userId: id(row.user_id),
      teamId: id(row.team_id),
      leaderId: row.kind === 'team' ? id(row.leader_id) : null,
      label: String(row.user_name ?? row.team_name ?? codeLabel(row) ?? ''),
      targetMinor: a.targetMinor,
      actualMinor: a.actualMinor,
      attainmentPct: a.attainmentPct,
    })
  }
  return out
}

/** Users with open activities due before `now`, and how many (users with none are left out). */
export async function overdueActivityCounts(
  organizationId: number,
  now: Date
): Promise<{ userId: number; count: number }[]> {
  const rows = await db
    .from('crm_activities')
    .where('organization_id', organizationId)
    .where('status', 'open')
    .whereNotNull('assignee_id')
    .where('due_at', '<', dbTimestamp(now))
    .groupBy('assignee_id')
    .orderBy('assignee_id')
    .select('assignee_id')
    .count('* as n')
  return rows.map((r) => ({ userId: Number(r.assignee_id), count: Number(r.n) }))
}

/*
 * When an activity was planned, if a person planned it: tasks made by a machine (a rule key:
 * automatic tasks, alerts) are no sign of life until someone does them (`done_at`).
 */
const PLANNED_BY_A_PERSON = 'MAX(CASE WHEN a.rule_key IS NULL THEN a.created_at END) AS created'

/** A company with open opportunities and no activity for a while. */
export interface QuietAccount {
  companyId: number
  name: string
  ownerId: number | null
  openOpportunities: number
  /** The latest activity on the company or its opportunities (planned or done), or null. */
  lastActivityAt: Date | null
}

/**
 * Companies with open opportunities where nothing happened for `days` days before `now`: no
 * activity on the company or on any of its opportunities planned (by a person) or done since then, and its
 * oldest open opportunity older than that (a new opportunity has not had the time to be quiet).
 */
export async function quietAccounts(
  organizationId: number,
  days: number,
  now: Date
): Promise<QuietAccount[]> {
  const since = dbTimestamp(new Date(now.getTime() - days * 86_400_000))
  const open = await db
    .from('crm_opportunities as o')
    .join('crm_companies as c', 'c.id', 'o.company_id')
    .where('o.organization_id', organizationId)
    .where('o.status', 'open')
    .whereNull('o.deleted_at')
    .whereNull('c.deleted_at')
    .groupBy('c.id', 'c.name', 'c.owner_id')
    .havingRaw('MIN(o.created_at) < ?', [since])
    .orderBy('c.id')
    .select('c.id', 'c.name', 'c.owner_id')
    .count('o.id as n')
  if (!open.length) return []
  const ids = open.map((r) => Number(r.id))
  const last = new Map<number, Date>()
  const keep = (companyId: number, at: unknown) => {
    if (at === null || at === undefined) return
    const date = toDate(at)
    const known = last.get(companyId)
    if (!known || date > known) last.set(companyId, date)
  }
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const onCompany = await db
      .from('crm_activities as a')
      .where('a.organization_id', organizationId)
      .where('a.subject_type', 'crm.company')
      .whereIn('a.subject_id', chunk)
      .groupBy('a.subject_id')
      .select('a.subject_id as company_id')
      .select(db.raw(PLANNED_BY_A_PERSON))
      .max('a.done_at as done')
    const onOpportunities = await db
      .from('crm_activities as a')
      .join('crm_opportunities as o', 'o.id', 'a.subject_id')
      .where('a.organization_id', organizationId)
      .where('a.subject_type', 'crm.opportunity')
      .whereIn('o.company_id', chunk)
      .groupBy('o.company_id')
      .select('o.company_id as company_id')
      .select(db.raw(PLANNED_BY_A_PERSON))
      .max('a.done_at as done')
    for (const r of [...onCompany, ...onOpportunities]) {
      keep(Number(r.company_id), r.created)
      keep(Number(r.company_id), r.done)
    }
  }
  const cutoff = toDate(since)
  return open
    .map((r) => ({
      companyId: Number(r.id),
      name: String(r.name),
      ownerId: r.owner_id === null ? null : Number(r.owner_id),
      openOpportunities: Number(r.n),
      lastActivityAt: last.get(Number(r.id)) ?? null,
    }))
    .filter((c) => !c.lastActivityAt || c.lastActivityAt < cutoff)
}

/** The organization's active activity types (code and name in `locale`), for a rule's form. */
export async function activityTypeOptions(organizationId: number, locale: string) {
  const types = await activityTypes(organizationId, locale)
  return types.map((t) => ({ code: t.code, name: t.name }))
}

export interface KeyedTask {
  /** Unique per organization: the same key never makes a second task. */
  key: string
  /** Activity type code (`task`, `call`…); unknown or missing: the first type. */
  typeCode?: string | null
  subjectType: 'crm.company' | 'crm.opportunity' | 'crm.contact' | null
  subjectId: number | null
  assigneeId: number | null
  title: string
  dueAt: Date
}

/**
 * Creates an automatic task (as the CRM's task rules do) unless one with this key exists:
 * the database's unique key decides, so two workers make it once. Returns its id, or null
 * when it existed.
 */
export async function createKeyedTask(
  organizationId: number,
  task: KeyedTask,
  trx: TransactionClientContract
): Promise<number | null> {
  await ensureActivityTypes(organizationId, trx)
  const type = await trx
    .from('crm_activity_types')
    .where('organization_id', organizationId)
    .orderByRaw('CASE WHEN code = ? THEN 0 ELSE 1 END', [task.typeCode ?? 'task'])
    .orderBy('position')
    .select('id')
    .first()
  const created = await insertActivity(trx, {
    organizationId,
    actorId: null,
    typeId: Number(type.id),
    subjectType: task.subjectType,
    subjectId: task.subjectId,
    title: task.title.slice(0, 200),
    dueAt: task.dueAt,
    allDay: false,
    durationMin: 15,
    assigneeId: task.assigneeId,
    ruleKey: task.key.slice(0, 120),
  })
  return created ? created.id : null
}

/** Tasks created under a key prefix (tests, the alerts list): id, type, title, assignee, subject. */
export async function keyedTasks(organizationId: number, keyPrefix: string) {
  const rows = await db
    .from('crm_activities as a')
    .join('crm_activity_types as t', 't.id', 'a.type_id')
    .where('a.organization_id', organizationId)
    .where('a.rule_key', 'like', `${keyPrefix}%`)
    .orderBy('a.id')
    .select(
      'a.id',
      'a.title',
      'a.assignee_id',
      'a.subject_type',
      'a.subject_id',
      'a.rule_key',
      'a.due_at',
      't.code'
    )
  return rows.map((r) => ({
    id: Number(r.id),
    typeCode: String(r.code),
    key: String(r.rule_key),
    title: String(r.title),
    assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
    subjectType: r.subject_type as string | null,
    subjectId: r.subject_id === null ? null : Number(r.subject_id),
    dueAt: toDate(r.due_at),
  }))
}
