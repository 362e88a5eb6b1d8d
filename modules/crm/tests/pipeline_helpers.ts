import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createUser, crud } from '#tests/helpers/world'
import type { Scope } from '#app/registry/types'
import { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { normalizeName } from '../support/normalize.js'
import { defaultStages } from '../support/opportunities_stages.js'

/** A user with every CRM permission (companies, contacts, opportunities) at one scope. */
export function pipelineUser(
  org: Organization,
  scope: Scope,
  attributes: Partial<User> = {},
  actions?: string[]
) {
  const resources = ['crm.companies', 'crm.contacts', 'crm.opportunities']
  return createUser(
    org,
    {
      permissions: resources.flatMap((r) => crud(r, actions)),
      scopes: Object.fromEntries(resources.map((r) => [r, scope])),
    },
    attributes
  )
}

export const accessOf = (user: User) => AccessContext.forUser(user)

/** The organization's default stages by name. */
export async function stagesByName(org: Organization | number) {
  const id = typeof org === 'number' ? org : org.id
  const stages = await defaultStages(id)
  return Object.fromEntries(stages.map((s) => [s.name, s]))
}

/** A bare opportunity row (fast; no history): amounts in EUR at rate 1 unless given. */
export async function insertOpportunity(
  org: Organization | number,
  attributes: Record<string, unknown> & { stage_id: number }
): Promise<number> {
  const organizationId = typeof org === 'number' ? org : org.id
  const name = String(attributes.name ?? `Oportunidad ${Math.random().toString(36).slice(2, 8)}`)
  const amount = BigInt(String(attributes.amount_minor ?? 0))
  const probability = Number(attributes.probability ?? 10)
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_opportunities', {
    organization_id: organizationId,
    name,
    name_normalized: normalizeName(name),
    currency: 'EUR',
    amount_minor: amount.toString(),
    amount_org_minor: amount.toString(),
    exchange_rate: '1',
    weighted_org_minor: ((amount * BigInt(probability)) / 100n).toString(),
    probability,
    status: 'open',
    stage_entered_at: now,
    created_at: now,
    updated_at: now,
    ...attributes,
  })
}
