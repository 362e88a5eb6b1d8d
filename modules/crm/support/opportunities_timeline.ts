import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { moduleRegistry } from '#app/registry/main'

const LEAD_SUBJECT = 'crm.lead'
const LEADS = 'crm.leads'

/**
 * An opportunity's timeline holds its origin lead's entries (conversion carries the history
 * over): when `lead_id` is set, the lead still exists and the reader may see it. Without the
 * leads feature (no `crm.leads` resource in the manifest) nothing is added.
 */
export async function originLeadOf(access: AccessContext, opportunityId: number) {
  if (!(await leadsDeclared()) || !access.can(`${LEADS}.view`)) return undefined
  const row = await db
    .from('crm_opportunities')
    .where({ id: opportunityId, organization_id: access.organizationId })
    .select('lead_id')
    .first()
  if (!row?.lead_id) return undefined
  const query = db.from('crm_leads as l').where('l.id', Number(row.lead_id)).select('l.id')
  await access.scope(query, LEADS, { table: 'l' })
  const lead = await query.first()
  return lead ? { subjectType: LEAD_SUBJECT, ids: [Number(lead.id)] } : undefined
}

/** Whether a loaded manifest declares the leads resource (the leads feature is there). */
async function leadsDeclared() {
  const registry = await moduleRegistry()
  return registry.modules.some((m) => m.manifest.resources?.some((r) => r.key === LEADS))
}
