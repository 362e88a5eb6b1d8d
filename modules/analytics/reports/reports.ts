import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp, toIso } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { inTransaction, insertId } from '#app/support/db'
import { organizationRoleIds, userRoleIds } from '#app/access/roles'
import type { PivotState, ReportDto } from '../dto/pivot.js'
import { foreignMember, pivotStateSchema } from '../pivot/state.js'

export const REPORTS_MANAGE = 'analytics.reports.manage'

export const reportValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    description: vine.string().trim().maxLength(500).nullable().optional(),
    state: pivotStateSchema,
    roleIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(50).optional(),
  })
)
export type ReportInput = Awaited<ReturnType<typeof reportValidator.validate>>

/**
 * Reports the user may open: their own and those shared with one of their roles; with
 * `analytics.reports.manage`, every report of the organization.
 */
function visibleQuery(access: AccessContext, roles: number[]) {
  const all = access.can(REPORTS_MANAGE)
  return db
    .from('analytics_reports as r')
    .join('users as u', 'u.id', 'r.owner_id')
    .where('r.organization_id', access.organizationId)
    .if(!all, (query) =>
      query.where((q) => {
        q.where('r.owner_id', access.userId)
        if (roles.length)
          q.orWhereIn(
            'r.id',
            db.from('analytics_report_roles').whereIn('role_id', roles).select('report_id')
          )
      })
    )
    .select('r.*', 'u.full_name as owner_name')
}

async function toDtos(access: AccessContext, rows: any[]): Promise<ReportDto[]> {
  const ids = rows.map((r) => Number(r.id))
  const shares = ids.length
    ? await db.from('analytics_report_roles').whereIn('report_id', ids).select('*')
    : []
  // Shares with a role deleted since (no constraint on the kernel's table) are not shown.
  const roles = new Set(
    await organizationRoleIds(access.organizationId, [
      ...new Set(shares.map((s) => Number(s.role_id))),
    ])
  )
  const manager = access.can(REPORTS_MANAGE)
  return rows.map((r) => {
    const mine = Number(r.owner_id) === access.userId
    const state = JSON.parse(r.query) as PivotState
    return {
      id: Number(r.id),
      name: r.name,
      description: r.description ?? null,
      view: r.view,
      state,
      ownerId: Number(r.owner_id),
      ownerName: r.owner_name,
      roleIds: shares
        .filter((s) => Number(s.report_id) === Number(r.id) && roles.has(Number(s.role_id)))
        .map((s) => Number(s.role_id))
        .sort((a, b) => a - b),
      mine,
      canManage: mine || manager,
      updatedAt: toIso(r.updated_at),
    }
  })
}

/** Analítica › Informes: mine first, then those shared with me, by name. */
export async function listReports(access: AccessContext): Promise<ReportDto[]> {
  const rows = await visibleQuery(access, await userRoleIds(access.userId))
    .orderBy('r.name')
    .orderBy('r.id')
  const dtos = await toDtos(access, rows)
  return [...dtos.filter((r) => r.mine), ...dtos.filter((r) => !r.mine)]
}

/** One report the user may open, or null (another organization's, or not shared with them). */
export async function findReport(access: AccessContext, id: number): Promise<ReportDto | null> {
  const row = await visibleQuery(access, await userRoleIds(access.userId))
    .where('r.id', id)
    .first()
  return row ? (await toDtos(access, [row]))[0] : null
}

async function checkRoles(access: AccessContext, roleIds: number[]) {
  const found = await organizationRoleIds(access.organizationId, roleIds)
  if (found.length !== roleIds.length)
    throw new RuleError('analytics.reports.errors.roles', {}, 'roleIds')
}

/**
 * Creates a report owned by the user (`id` absent) or updates one the user may manage (its
 * owner, or `analytics.reports.manage`). Names are unique per owner.
 */
export async function saveReport(
  access: AccessContext,
  input: ReportInput,
  id?: number
): Promise<number> {
  const foreign = foreignMember(input.state as PivotState)
  if (foreign) throw new RuleError('analytics.reports.errors.member', { member: foreign }, 'state')
  const roleIds = [...new Set(input.roleIds ?? [])]
  await checkRoles(access, roleIds)
  return inTransaction(undefined, async (trx) => {
    const existing = id
      ? await trx
          .from('analytics_reports')
          .where({ organization_id: access.organizationId, id })
          .first()
      : null
    const ownerId = existing ? Number(existing.owner_id) : access.userId
    const clash = await trx
      .from('analytics_reports')
      .where({ organization_id: access.organizationId, owner_id: ownerId, name: input.name })
      .if(id, (q) => q.whereNot('id', id!))
      .first()
    if (clash) throw new RuleError('analytics.reports.errors.name_taken', {}, 'name')
    const now = dbTimestamp()
    const columns = {
      name: input.name,
      description: input.description || null,
      view: input.state.view,
      query: JSON.stringify(input.state),
      pivot_config: JSON.stringify({ rows: input.state.rows, columns: input.state.columns }),
      chart_type: input.state.chart,
      updated_at: now,
    }
    let reportId = id
    if (reportId) {
      await trx.from('analytics_reports').where('id', reportId).update(columns)
      if (input.roleIds !== undefined)
        await trx.from('analytics_report_roles').where('report_id', reportId).delete()
    } else {
      reportId = await insertId(trx, 'analytics_reports', {
        ...columns,
        organization_id: access.organizationId,
        owner_id: access.userId,
        created_at: now,
      })
    }
    if (input.roleIds !== undefined && roleIds.length)
      await trx
        .table('analytics_report_roles')
        .insert(roleIds.map((roleId) => ({ report_id: reportId, role_id: roleId })))
    return reportId!
  })
}

export async function deleteReport(id: number) {
  await inTransaction(undefined, async (trx) => {
    await trx.from('analytics_report_roles').where('report_id', id).delete()
    await trx.from('analytics_reports').where('id', id).delete()
  })
}
