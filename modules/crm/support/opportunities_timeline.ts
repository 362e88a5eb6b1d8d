import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'

const LEAD_SUBJECT = 'crm.lead'
const LEADS = 'crm.leads'

/**
 * An opportunity's timeline holds its origin lead's entries (conversion carries the history
 * over): when `lead_id` is set, the lead is still there (not binned) and the reader may see it.
 */
export async function originLeadOf(access: AccessContext, opportunityId: number) {
  if (!access.can(`${LEADS}.view`)) return undefined
  const row = await db
    .from('crm_opportunities')
    .where({ id: opportunityId, organization_id: access.organizationId })
    .select('lead_id')
    .first()
  if (!row?.lead_id) return undefined
  const query = db
    .from('crm_leads as l')
    .where('l.organization_id', access.organizationId)
    .where('l.id', Number(row.lead_id))
    .whereNull('l.deleted_at')
    .select('l.id')
  await access.scope(query, LEADS, { table: 'l' })
  const lead = await query.first()
  return lead ? { subjectType: LEAD_SUBJECT, ids: [Number(lead.id)] } : undefined
}

const OPPORTUNITY_SUBJECT = 'crm.opportunity'
/** How many of a company's opportunities its timeline follows (the newest by id). */
export const RELATED_OPPORTUNITIES_MAX = 200

/**
 * A company's timeline holds its opportunities' entries too: those (not binned) the reader may
 * see, newest RELATED_OPPORTUNITIES_MAX by id; none without access to opportunities.
 */
export async function companyOpportunityIds(access: AccessContext, companyId: number) {
  if (!access.can('crm.opportunities.view')) return []
  const query = db
    .from('crm_opportunities as ro')
    .where('ro.organization_id', access.organizationId)
    .where('ro.company_id', companyId)
    .whereNull('ro.deleted_at')
    .orderBy('ro.id', 'desc')
    .limit(RELATED_OPPORTUNITIES_MAX)
    .select('ro.id')
  await access.scope(query, 'crm.opportunities', { table: 'ro' })
  const ids = (await query).map((r) => Number(r.id))
  return ids.length ? [{ subjectType: OPPORTUNITY_SUBJECT, ids }] : []
}

/** Entries of a related opportunity say whose they are (`about`: its name and page). */
export async function nameRelatedOpportunities(
  subjectType: string,
  entries: { subjectType: string; subjectId: number }[]
) {
  const related = entries.filter(
    (e) => e.subjectType === OPPORTUNITY_SUBJECT && subjectType !== OPPORTUNITY_SUBJECT
  )
  if (!related.length) return
  const rows = await db
    .from('crm_opportunities')
    .whereIn('id', [...new Set(related.map((e) => e.subjectId))])
    .select('id', 'name')
  const names = new Map(rows.map((r) => [Number(r.id), String(r.name)]))
  for (const e of related)
    Object.assign(e, {
      about: { name: names.get(e.subjectId) ?? '', href: `/crm/opportunities/${e.subjectId}` },
    })
}
