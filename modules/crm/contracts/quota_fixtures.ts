/*
 * Bare quota rows for the tests, demo data and benches of modules that depend on the CRM
 * (analytics): a straight insert, no validation, no history. Never used by request handling.
 */
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import type { QuotaKind } from '../dto/quotas.js'

/** A quota row; `months` are the twelve monthly targets in minor units (the year is their sum). */
export async function insertQuotaRow(
  organizationId: number,
  target: { kind: QuotaKind; userId?: number; teamId?: number; code?: string },
  year: number,
  months: number[]
): Promise<number> {
  const now = dbTimestamp()
  const key =
    target.kind === 'user'
      ? `user:${target.userId}`
      : target.kind === 'team'
        ? `team:${target.teamId}`
        : `${target.kind}:${target.code}`
  return insertId(db.connection() as any, 'crm_quotas', {
    organization_id: organizationId,
    kind: target.kind,
    user_id: target.userId ?? null,
    team_id: target.teamId ?? null,
    target_code: target.code ?? null,
    target_key: key,
    year,
    currency: 'EUR',
    amount_minor: months.reduce((s, m) => s + m, 0),
    ...Object.fromEntries(months.map((m, i) => [`m${String(i + 1).padStart(2, '0')}_minor`, m])),
    created_at: now,
    updated_at: now,
  })
}
