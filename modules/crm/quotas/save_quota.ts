import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import type { AccessContext } from '#app/access/access_context'
import { lists } from '#app/settings/lists'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { insertId } from '#app/support/db'
import { isUniqueViolation } from '../activities/insert_activity.js'
import { ZONES_LIST } from '../account_lists.js'
import { QUOTA_KINDS } from './kinds.js'
import type { QuotaKind } from '../dto/quotas.js'
import { PRODUCT_FAMILIES_LIST } from './lists.js'
import { MONTH_COLUMNS } from './list_quotas.js'
import { QUOTAS } from './visibility.js'

const minor = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{1,15}$/)

export const quotaValidator = vine.compile(
  vine.object({
    kind: vine.enum(QUOTA_KINDS as QuotaKind[]),
    userId: vine.number().withoutDecimals().positive().nullable().optional(),
    teamId: vine.number().withoutDecimals().positive().nullable().optional(),
    targetCode: vine.string().trim().maxLength(40).nullable().optional(),
    year: vine.number().withoutDecimals().min(2000).max(2100),
    amountMinor: minor(),
    months: vine.array(minor()).fixedLength(12),
  })
)
export type QuotaInput = Awaited<ReturnType<typeof quotaValidator.validate>>

/** The target's columns and its unique key, after checking it exists and is within scope. */
async function target(access: AccessContext, input: QuotaInput) {
  const org = access.organizationId
  const constraint = await access.constraint(QUOTAS, 'manage')
  const all = constraint.kind === 'all'
  const refuse = () => {
    throw new RuleError('crm.quotas.errors.target', {}, 'target')
  }
  if (input.kind === 'user') {
    const user = input.userId
      ? await db.from('users').where({ organization_id: org, id: input.userId }).first()
      : null
    if (!user || (!all && !(constraint.kind === 'owners' && constraint.ownerIds.includes(user.id))))
      refuse()
    return { user_id: input.userId, team_id: null, target_code: null, key: `user:${input.userId}` }
  }
  if (input.kind === 'team') {
    const query = db.from('teams').where({ organization_id: org, id: input.teamId ?? 0 })
    if (!all) query.where('leader_id', access.userId)
    if (!(await query.first())) refuse()
    return { user_id: null, team_id: input.teamId, target_code: null, key: `team:${input.teamId}` }
  }
  const list = input.kind === 'zone' ? ZONES_LIST : PRODUCT_FAMILIES_LIST
  if (!all || !input.targetCode || !(await lists.has(org, list, input.targetCode))) refuse()
  const code = input.targetCode as string
  return { user_id: null, team_id: null, target_code: code, key: `${input.kind}:${code}` }
}

/**
 * Creates (`id` absent) or updates a quota. The twelve months must add up to the annual
 * amount; one quota per organization, kind, target and year.
 */
export async function saveQuota(
  access: AccessContext,
  input: QuotaInput,
  params: { currency: string; id?: number }
): Promise<number> {
  const months = input.months.map((m) => BigInt(m))
  if (months.reduce((s, m) => s + m, 0n) !== BigInt(input.amountMinor))
    throw new RuleError('crm.quotas.errors.sum', {}, 'months')
  const { key, ...columns } = await target(access, input)
  const org = access.organizationId
  const clash = db
    .from('crm_quotas')
    .where({ organization_id: org, kind: input.kind, target_key: key, year: input.year })
  if (params.id) clash.whereNot('id', params.id)
  if (await clash.first()) throw new RuleError('crm.quotas.errors.duplicate', {}, 'target')
  const now = dbTimestamp()
  const values = {
    kind: input.kind,
    ...columns,
    target_key: key,
    year: input.year,
    amount_minor: input.amountMinor,
    ...Object.fromEntries(MONTH_COLUMNS.map((c, i) => [c, input.months[i]])),
    updated_at: now,
  }
  try {
    if (params.id) {
      await db.from('crm_quotas').where({ organization_id: org, id: params.id }).update(values)
      return params.id
    }
    return await insertId(db.connection() as any, 'crm_quotas', {
      organization_id: org,
      currency: params.currency,
      created_by: access.userId,
      created_at: now,
      ...values,
    })
  } catch (error) {
    // Two managers saving the same target at once: the unique index decides.
    if (isUniqueViolation(error)) throw new RuleError('crm.quotas.errors.duplicate', {}, 'target')
    throw error
  }
}
