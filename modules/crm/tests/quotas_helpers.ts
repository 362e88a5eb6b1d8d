import type Organization from '#models/organization'
import type User from '#models/user'
import type { Scope } from '#app/registry/types'
import { createUser } from '#tests/helpers/world'
import { insertQuotaRow } from '../contracts/quota_fixtures.js'
import type { QuotaKind } from '../dto/quotas.js'

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
export function insertQuota(
  org: Organization,
  target: { kind: string; user?: User; teamId?: number; code?: string },
  year: number,
  months: number[]
): Promise<number> {
  return insertQuotaRow(
    org.id,
    {
      kind: target.kind as QuotaKind,
      userId: target.user?.id,
      teamId: target.teamId,
      code: target.code,
    },
    year,
    months
  )
}

/** Twelve months of the same amount. */
export const flat = (minor: number) => Array(12).fill(minor) as number[]
