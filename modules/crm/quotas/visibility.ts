import type { AccessContext } from '#app/access/access_context'

export const QUOTAS = 'crm.quotas'

/**
 * Which quotas a user may see (`view`) or manage (`manage`), from the one scope resolver:
 * scope `all` → every quota of the organization; otherwise the quotas of the users in scope
 * (`own`: only the user's own) plus those of the teams the user leads. Zone and family
 * quotas need scope `all` (they cross every owner).
 */
export async function constrainQuotas(
  query: any,
  access: AccessContext,
  action: 'view' | 'manage' = 'view',
  alias = 'q'
): Promise<void> {
  query.where(`${alias}.organization_id`, access.organizationId)
  const constraint = await access.constraint(QUOTAS, action, query.client)
  if (constraint.kind === 'all') return
  if (constraint.kind === 'none') return void query.whereRaw('1 = 0')
  query.where((w: any) => {
    w.where((u: any) => {
      u.where(`${alias}.kind`, 'user').whereIn(`${alias}.user_id`, constraint.ownerIds)
    }).orWhere((t: any) => {
      t.where(`${alias}.kind`, 'team').whereIn(
        `${alias}.team_id`,
        query.client
          .from('teams')
          .where('organization_id', access.organizationId)
          .where('leader_id', access.userId)
          .select('id')
      )
    })
  })
}
