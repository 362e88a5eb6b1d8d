import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import { dbTimestamp } from '#app/support/dates'
import { insertId, insertInBatches } from '#app/support/db'
import type { RuleConditions, Strategy, Territory } from '../assignment/types.js'

/** The assignment feature's test fixtures: leads, rules and their members, straight into the tables. */

export async function insertLead(
  org: Organization | number,
  attributes: Record<string, unknown> = {}
): Promise<number> {
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_leads', {
    organization_id: typeof org === 'number' ? org : org.id,
    title: 'Quiere TPV',
    first_name: 'Lucía',
    status: 'new',
    source: 'web',
    province: 'Madrid',
    postal_code: '28001',
    language: 'es',
    owner_id: null,
    created_at: now,
    updated_at: now,
    ...attributes,
  })
}

export async function insertLeads(
  org: Organization,
  count: number,
  attributes: (i: number) => Record<string, unknown> = () => ({})
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < count; i++) ids.push(await insertLead(org, attributes(i)))
  return ids
}

export interface RuleSpec {
  name?: string
  position?: number
  active?: boolean
  strategy: Strategy
  conditions?: Partial<RuleConditions>
  fixedUserId?: number | null
  teamId?: number | null
  members?: { userId: number; weight?: number; capacity?: number | null; territory?: Territory }[]
}

export async function insertRule(org: Organization, spec: RuleSpec): Promise<number> {
  const now = dbTimestamp()
  const id = await insertId(db.connection() as any, 'crm_assignment_rules', {
    organization_id: org.id,
    name: spec.name ?? `Regla ${spec.strategy}`,
    position: spec.position ?? 0,
    active: spec.active ?? true,
    conditions: JSON.stringify(spec.conditions ?? {}),
    strategy: spec.strategy,
    fixed_user_id: spec.fixedUserId ?? null,
    team_id: spec.teamId ?? null,
    rr_pointer: 0,
    created_at: now,
    updated_at: now,
  })
  await insertInBatches(
    db.connection() as any,
    'crm_assignment_rule_members',
    (spec.members ?? []).map((m, position) => ({
      organization_id: org.id,
      rule_id: id,
      user_id: m.userId,
      position,
      weight: m.weight ?? 1,
      capacity: m.capacity ?? null,
      territory: m.territory ? JSON.stringify(m.territory) : null,
      assigned_count: 0,
    }))
  )
  return id
}

export async function setFallback(org: Organization, userId: number | null) {
  await db.table('crm_assignment_settings').insert({
    organization_id: org.id,
    fallback_user_id: userId,
    updated_at: dbTimestamp(),
  })
}

export async function ownersOf(ids: number[]): Promise<(number | null)[]> {
  const rows = await db.from('crm_leads').whereIn('id', ids).orderBy('id').select('owner_id')
  return rows.map((r) => (r.owner_id === null ? null : Number(r.owner_id)))
}

export async function countRows(table: string, organizationId: number): Promise<number> {
  const row = await db.from(table).where('organization_id', organizationId).count('* as n').first()
  return Number(row?.n ?? 0)
}
