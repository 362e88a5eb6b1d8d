import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'

/*
 * Users' absences: periods of days (both ends included) when work handed out automatically
 * (lead assignment, and later other queues) must skip them. Days are calendar days in the
 * organization's time zone, so "away today" flips at local midnight, not at UTC's.
 */

type Client = QueryClientContract | TransactionClientContract

export const ABSENCES = 'user_absences'

/** One period as pages and APIs see it; dates are `YYYY-MM-DD`. */
export interface AbsenceDto {
  id: number
  startsOn: string
  endsOn: string
  reason: string | null
  source: 'manual' | 'hr'
}

/** `YYYY-MM-DD` of an instant in a time zone (the day a user lives it). */
export function dayIn(at: Date, timeZone = 'UTC'): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/** A DATE column as `YYYY-MM-DD`: SQLite returns text, mysql2 a Date at local midnight. */
export function dateText(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  }
  return String(value).slice(0, 10)
}

async function organizationTimeZone(client: Client, organizationId: number): Promise<string> {
  const row = await client.from('organizations').where('id', organizationId).select('timezone')
  return (row[0]?.timezone as string | undefined) || 'UTC'
}

/**
 * Ids of the organization's users away at `at` (default now): one indexed query, for callers
 * that hand out work in batches (load once, check many times).
 */
export async function awayUserIds(
  organizationId: number,
  at: Date = new Date(),
  client: Client = db.connection()
): Promise<Set<number>> {
  const day = dayIn(at, await organizationTimeZone(client, organizationId))
  const rows = await client
    .from(ABSENCES)
    .where('organization_id', organizationId)
    .where('ends_on', '>=', day)
    .where('starts_on', '<=', day)
    .select('user_id')
  return new Set(rows.map((r) => Number(r.user_id)))
}

/** A user of another organization (or none) answers as a missing one: 404. */
export async function assertOrganizationUser(
  organizationId: number,
  userId: number,
  client: Client = db.connection()
): Promise<void> {
  const user = await client
    .from('users')
    .where({ id: userId, organization_id: organizationId })
    .select('id')
    .first()
  if (!user) notFound()
}

/** A user's periods, the current and future first by start, then the past (latest first). */
export async function listAbsences(
  organizationId: number,
  userId: number,
  client: Client = db.connection()
): Promise<(AbsenceDto & { past: boolean })[]> {
  const today = dayIn(new Date(), await organizationTimeZone(client, organizationId))
  const rows = await client
    .from(ABSENCES)
    .where({ organization_id: organizationId, user_id: userId })
    .orderBy('starts_on', 'desc')
    .limit(200)
    .select('id', 'starts_on', 'ends_on', 'reason', 'source')
  const list = rows.map((r) => ({
    id: Number(r.id),
    startsOn: dateText(r.starts_on),
    endsOn: dateText(r.ends_on),
    reason: r.reason ?? null,
    source: r.source,
    past: dateText(r.ends_on) < today,
  }))
  const current = list.filter((a) => !a.past).reverse()
  return [...current, ...list.filter((a) => a.past)]
}

/** A new period (the validator checked end ≥ start); the user must be of the organization. */
export async function addAbsence(params: {
  organizationId: number
  userId: number
  actorId: number | null
  startsOn: string
  endsOn: string
  reason?: string | null
  source?: 'manual' | 'hr'
  client?: Client
}): Promise<number> {
  const client = params.client ?? db.connection()
  await assertOrganizationUser(params.organizationId, params.userId, client)
  const now = dbTimestamp()
  return insertId(client, ABSENCES, {
    organization_id: params.organizationId,
    user_id: params.userId,
    starts_on: params.startsOn,
    ends_on: params.endsOn,
    reason: params.reason ?? null,
    source: params.source ?? 'manual',
    created_by: params.actorId,
    created_at: now,
    updated_at: now,
  })
}

/** Removes one period of this user (another user's or organization's id: 404). */
export async function removeAbsence(params: {
  organizationId: number
  userId: number
  absenceId: number
  client?: Client
}): Promise<void> {
  const client = params.client ?? db.connection()
  const deleted = await client
    .from(ABSENCES)
    .where({
      id: params.absenceId,
      organization_id: params.organizationId,
      user_id: params.userId,
    })
    .delete()
  if (!Number(Array.isArray(deleted) ? deleted[0] : deleted)) notFound()
}
