import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import type { Scope } from '#app/registry/types'
import { createUser } from '#tests/helpers/world'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'

/** A user with quota permissions (`view`, plus `manage` when asked) at one scope. */
export function quotaUser(org: Organization, scope: Scope, manage = false, name?: string) {
  return createUser(
    org,
    {
      permissions: manage ? ['crm.quotas.view', 'crm.quotas.manage'] : ['crm.quotas.view'],
      scopes: { 'crm.quotas': scope },
    },
    name ? { fullName: name } : {}
  )
}

/** A quota row: `months` in minor units (the annual amount is their sum). */
export async function insertQuota(
  org: Organization,
  target: { kind: string; user?: User; teamId?: number; code?: string },
  year: number,
  months: number[]
): Promise<number> {
  const now = dbTimestamp()
  const key =
    target.kind === 'user'
      ? `user:${target.user!.id}`
      : target.kind === 'team'
        ? `team:${target.teamId}`
        : `${target.kind}:${target.code}`
  return insertId(db.connection() as any, 'crm_quotas', {
    organization_id: org.id,
    kind: target.kind,
    user_id: target.user?.id ?? null,
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

/** Twelve months of the same amount. */
export const flat = (minor: number) => Array(12).fill(minor) as number[]
