import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { AccessContext } from '#app/access/access_context'

export const LEADS = 'crm.leads'
export const LEAD_SUBJECT = 'crm.lead'

/**
 * Restricts a leads query (alias `table`) to the organization, the live rows and the leads the
 * user may `action`: the resolver's owner set (access.constraint), plus — for a scope narrower
 * than `all` — the unowned leads waiting in the fallback queue of a team the user leads, so a
 * team leader can hand them out. Unowned leads of no team are seen by scope `all` only.
 * Everything kernel-side (documents, tags, search, bin) uses access.scope, the owner set alone:
 * the same rule minus the queue, never more.
 */
export async function scopeLeads(
  access: AccessContext,
  query: DatabaseQueryBuilderContract<any>,
  options: { table?: string; action?: string } = {}
): Promise<void> {
  const col = (name: string) => (options.table ? `${options.table}.${name}` : name)
  query.where(col('organization_id'), access.organizationId).whereNull(col('deleted_at'))
  const client = query.client as QueryClientContract
  const constraint = await access.constraint(LEADS, options.action ?? 'view', client)
  if (constraint.kind === 'none') query.whereRaw('1 = 0')
  if (constraint.kind !== 'owners') return
  const led = (
    await client
      .from('teams')
      .where('organization_id', access.organizationId)
      .where('leader_id', access.userId)
      .select('id')
  ).map((r) => Number(r.id))
  query.where((w) => {
    w.whereIn(col('owner_id'), constraint.ownerIds)
    if (led.length) w.orWhere((q) => q.whereNull(col('owner_id')).whereIn(col('team_id'), led))
  })
}

/**
 * The id when the lead exists in the user's organization and scope for `action`, else null
 * (the caller answers 404: an out-of-scope lead looks exactly like a missing one).
 */
export async function visibleLeadId(
  access: AccessContext,
  id: number,
  action = 'view',
  client: QueryClientContract = db.connection()
): Promise<number | null> {
  const query = client.from('crm_leads as l').where('l.id', id).select('l.id')
  await scopeLeads(access, query, { table: 'l', action })
  const row = await query.first()
  return row ? Number(row.id) : null
}
