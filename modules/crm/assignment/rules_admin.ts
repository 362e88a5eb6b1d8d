import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction, insertId, insertInBatches } from '#app/support/db'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import type { ruleValidator } from '../validators/assignment.js'
import type { AssignmentRuleRow, AssignmentRuleValues } from '../dto/assignment.js'
import { MEMBERS, RULES, SETTINGS, conditionsOf, fallbackUserId, territoryOf } from './load.js'

/*
 * The rules page's use cases: the ordered list, one rule's form values, save (rule and its
 * members in one transaction), delete, move up/down and the fallback setting. Rule changes
 * are configuration, not records: they write no history (an assignment keeps the rule's name
 * and strategy as they were).
 */

export type RuleInput = Infer<typeof ruleValidator>

const userNames = async (organizationId: number, ids: number[]) => {
  if (!ids.length) return new Map<number, string>()
  const rows = await db
    .from('users')
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .select('id', 'full_name')
  return new Map(rows.map((r) => [Number(r.id), String(r.full_name)]))
}

export async function listRules(organizationId: number): Promise<AssignmentRuleRow[]> {
  const rules = await db
    .from(RULES)
    .leftJoin('teams', 'teams.id', `${RULES}.team_id`)
    .where(`${RULES}.organization_id`, organizationId)
    .orderBy(`${RULES}.position`)
    .orderBy(`${RULES}.id`)
    .select(`${RULES}.*`, 'teams.name as team_name')
  const members = rules.length
    ? await db
        .from(MEMBERS)
        .whereIn(
          'rule_id',
          rules.map((r) => r.id)
        )
        .orderBy('position')
        .select('rule_id', 'user_id')
    : []
  const names = await userNames(organizationId, [
    ...members.map((m) => Number(m.user_id)),
    ...rules.filter((r) => r.fixed_user_id).map((r) => Number(r.fixed_user_id)),
  ])
  return rules.map((r) => ({
    id: Number(r.id),
    name: r.name,
    position: Number(r.position),
    active: !!r.active,
    strategy: r.strategy,
    fixedUser: r.fixed_user_id ? (names.get(Number(r.fixed_user_id)) ?? null) : null,
    team: r.team_name ?? null,
    members: members
      .filter((m) => Number(m.rule_id) === Number(r.id))
      .map((m) => names.get(Number(m.user_id)) ?? `#${m.user_id}`),
    conditions: conditionsOf(r.conditions),
  }))
}

export async function ruleValues(
  organizationId: number,
  ruleId: number
): Promise<AssignmentRuleValues> {
  const rule = await db.from(RULES).where({ id: ruleId, organization_id: organizationId }).first()
  if (!rule) notFound()
  const members = await db.from(MEMBERS).where('rule_id', ruleId).orderBy('position')
  return {
    id: Number(rule.id),
    name: rule.name,
    active: !!rule.active,
    strategy: rule.strategy,
    fixedUserId: rule.fixed_user_id ? Number(rule.fixed_user_id) : null,
    teamId: rule.team_id ? Number(rule.team_id) : null,
    conditions: conditionsOf(rule.conditions),
    members: members.map((m) => ({
      userId: Number(m.user_id),
      weight: Number(m.weight),
      capacity: m.capacity === null ? null : Number(m.capacity),
      territory: territoryOf(m.territory),
    })),
  }
}

/** Users and team of the input must be this organization's (else a field error). */
async function checkPeople(
  trx: TransactionClientContract,
  organizationId: number,
  data: RuleInput
) {
  if (data.strategy === 'fixed' && !data.fixedUserId)
    throw new RuleError('crm.assignment.validator.fixed_user', {}, 'fixedUserId')
  if (data.strategy !== 'fixed' && !data.members.length)
    throw new RuleError('crm.assignment.validator.members', {}, 'members')
  const ids = [
    ...data.members.map((m) => m.userId),
    ...(data.fixedUserId ? [data.fixedUserId] : []),
  ]
  if (ids.length) {
    const found = await trx
      .from('users')
      .where('organization_id', organizationId)
      .whereIn('id', ids)
      .select('id')
    if (found.length !== new Set(ids).size) notFound()
  }
  if (data.teamId) {
    const team = await trx
      .from('teams')
      .where({ id: data.teamId, organization_id: organizationId })
      .first()
    if (!team) notFound()
  }
}

/** Creates (no `ruleId`) or updates a rule and replaces its members; returns its id. */
export async function saveRule(params: {
  organizationId: number
  ruleId?: number
  data: RuleInput
  trx?: TransactionClientContract
}): Promise<number> {
  const { organizationId, data } = params
  return inTransaction(params.trx, async (trx) => {
    await checkPeople(trx, organizationId, data)
    const now = dbTimestamp()
    const c = data.conditions
    const values = {
      name: data.name,
      active: data.active,
      strategy: data.strategy,
      fixed_user_id: data.strategy === 'fixed' ? (data.fixedUserId ?? null) : null,
      team_id: data.teamId ?? null,
      conditions: JSON.stringify({
        sources: c.sources ?? [],
        provinces: c.provinces ?? [],
        postcodes: c.postcodes ?? [],
        sectors: c.sectors ?? [],
        sizes: c.sizes ?? [],
        productInterests: c.productInterests ?? [],
        languages: c.languages ?? [],
      }),
      updated_at: now,
    }
    let ruleId = params.ruleId
    const counts = new Map<number, number>()
    if (ruleId) {
      const existing = await trx
        .from(RULES)
        .where({ id: ruleId, organization_id: organizationId })
        .first()
      if (!existing) notFound()
      await trx.from(RULES).where('id', ruleId).update(values)
      // A member who stays keeps their weighted count.
      for (const m of await trx.from(MEMBERS).where('rule_id', ruleId))
        counts.set(Number(m.user_id), Number(m.assigned_count))
      await trx.from(MEMBERS).where('rule_id', ruleId).delete()
    } else {
      const last = await trx
        .from(RULES)
        .where('organization_id', organizationId)
        .max('position as p')
        .first()
      ruleId = await insertId(trx, RULES, {
        ...values,
        organization_id: organizationId,
        position: Number(last?.p ?? -1) + 1,
        rr_pointer: 0,
        created_at: now,
      })
    }
    await insertInBatches(
      trx,
      MEMBERS,
      data.members.map((m, position) => ({
        organization_id: organizationId,
        rule_id: ruleId,
        user_id: m.userId,
        position,
        weight: m.weight,
        capacity: m.capacity ?? null,
        territory: JSON.stringify({
          provinces: m.territory?.provinces ?? [],
          postcodes: m.territory?.postcodes ?? [],
        }),
        assigned_count: counts.get(m.userId) ?? 0,
      }))
    )
    return ruleId!
  })
}

export async function deleteRule(organizationId: number, ruleId: number) {
  await db.transaction(async (trx) => {
    const rule = await trx
      .from(RULES)
      .where({ id: ruleId, organization_id: organizationId })
      .first()
    if (!rule) notFound()
    await trx.from(MEMBERS).where('rule_id', ruleId).delete()
    await trx.from(RULES).where('id', ruleId).delete()
  })
}

/** Swaps the rule with its neighbour; positions are renumbered 0…n-1 on the way. */
export async function moveRule(organizationId: number, ruleId: number, direction: 'up' | 'down') {
  await db.transaction(async (trx) => {
    const rows = await trx
      .from(RULES)
      .where('organization_id', organizationId)
      .orderBy('position')
      .orderBy('id')
      .select('id')
    const ids = rows.map((r) => Number(r.id))
    const at = ids.indexOf(ruleId)
    if (at < 0) notFound()
    const to = direction === 'up' ? at - 1 : at + 1
    if (to >= 0 && to < ids.length) [ids[at], ids[to]] = [ids[to], ids[at]]
    for (const [position, id] of ids.entries())
      await trx.from(RULES).where('id', id).update({ position })
  })
}

export { fallbackUserId }

/** The fallback: a user of the organization, or null for the unassigned queue. */
export async function saveFallback(organizationId: number, userId: number | null) {
  await db.transaction(async (trx) => {
    if (userId !== null) {
      const user = await trx
        .from('users')
        .where({ id: userId, organization_id: organizationId })
        .first()
      if (!user) notFound()
    }
    const values = { fallback_user_id: userId, updated_at: dbTimestamp() }
    const updated = await trx.from(SETTINGS).where('organization_id', organizationId).update(values)
    if (!Number(Array.isArray(updated) ? updated[0] : updated))
      await trx.table(SETTINGS).insert({ organization_id: organizationId, ...values })
  })
}
