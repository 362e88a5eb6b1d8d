import db from '@adonisjs/lucid/services/db'
import { timeline, type MessageEntry } from '#app/history/timeline'
import { toDate } from '#app/support/dates'
import { CRM_SUBJECTS } from '../catalog.js'
import type { Candidate } from './task_rule_types.js'

/*
 * Trigger `message_received`: a message from a record's people (a captured e-mail: any timeline
 * kind a module declares `message: 'in'`) has waited `hours` with no answer (no `message: 'out'`
 * entry on the same record after it). The record's owner gets a task "Responder: …", due now.
 *
 * One task per record and wait: a record with three unanswered mails gets one task (for the
 * newest), and a message that arrives after that task was made starts a new wait. A message
 * linked to several records (a contact and its company) counts for the most specific one.
 * Messages dated before the rule existed, or more than a week before the wait ended, are left
 * alone (an archive import of old mail makes no tasks).
 */

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WINDOW = 7 * DAY
/** Most specific first: a message on an opportunity and its company is the opportunity's. */
const SUBJECTS = ['crm.opportunity', 'crm.lead', 'crm.contact', 'crm.company'] as const

export interface MessageRule {
  id: number
  organization_id: number
  hours: number | null
  title: string | null
  created_at: unknown
}

export async function messageCandidates(
  rule: MessageRule,
  now: Date,
  limit: number
): Promise<Candidate[]> {
  const org = Number(rule.organization_id)
  const until = new Date(now.getTime() - (rule.hours ?? 4) * HOUR)
  const since = new Date(Math.max(toDate(rule.created_at).getTime(), until.getTime() - WINDOW))
  const rows = await timeline.unansweredMessages({
    organizationId: org,
    subjectTypes: [...SUBJECTS],
    since,
    until,
    limit: limit * 4,
  })

  // The most specific record of each message, then the newest message of each record.
  const rank = (type: string) => SUBJECTS.indexOf(type as (typeof SUBJECTS)[number])
  const byMessage = new Map<string, MessageEntry>()
  for (const row of rows) {
    const key = String(row.data.dedupeKey ?? `entry:${row.id}`)
    const kept = byMessage.get(key)
    if (!kept || rank(row.subjectType) < rank(kept.subjectType)) byMessage.set(key, row)
  }
  const byRecord = new Map<string, MessageEntry>()
  for (const row of byMessage.values()) {
    const kept = byRecord.get(recordKey(row))
    if (!kept || row.id > kept.id) byRecord.set(recordKey(row), row)
  }
  // A task of this rule made on the record since the message arrived covers it.
  const covered = await lastTasks(rule, [...byRecord.values()])
  const chosen = [...byRecord.values()]
    .filter((row) => (covered.get(recordKey(row)) ?? 0) < row.createdAt.getTime())
    .slice(0, limit)
  const owners = await ownersOf(org, chosen)
  return chosen.flatMap((row) => {
    const owner = owners.get(recordKey(row))
    if (!owner) return []
    const summary = String(row.data.summary || row.data.from || '').trim()
    return [
      {
        key: `rule:${rule.id}:msg:${row.id}`,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        assigneeId: owner,
        title: (rule.title || `Responder: ${summary}`).slice(0, 200),
        dueAt: now,
      },
    ]
  })
}

const recordKey = (row: { subjectType: string; subjectId: number }) =>
  `${row.subjectType}:${row.subjectId}`

const idsOf = (rows: MessageEntry[], type: string) =>
  rows.filter((r) => r.subjectType === type).map((r) => r.subjectId)

/** When this rule last made a task on each record (epoch ms), by `type:id`. */
async function lastTasks(rule: MessageRule, rows: MessageEntry[]) {
  const last = new Map<string, number>()
  for (const type of SUBJECTS) {
    const ids = idsOf(rows, type)
    if (!ids.length) continue
    const found = await db
      .from('crm_activities')
      .where({ organization_id: rule.organization_id, subject_type: type })
      .whereIn('subject_id', ids)
      .where('rule_key', 'like', `rule:${rule.id}:msg:%`)
      .groupBy('subject_id')
      .select('subject_id')
      .max('created_at as last')
    for (const r of found) last.set(`${type}:${r.subject_id}`, toDate(r.last).getTime())
  }
  return last
}

/** The owners of live records, by `type:id` (records in the bin or without owner are left out). */
async function ownersOf(org: number, rows: MessageEntry[]) {
  const owners = new Map<string, number>()
  for (const type of SUBJECTS) {
    const ids = idsOf(rows, type)
    if (!ids.length) continue
    const found = await db
      .from(CRM_SUBJECTS[type].table)
      .where('organization_id', org)
      .whereIn('id', ids)
      .whereNull('deleted_at')
      .whereNotNull('owner_id')
      .select('id', 'owner_id')
    for (const r of found) owners.set(`${type}:${r.id}`, Number(r.owner_id))
  }
  return owners
}
