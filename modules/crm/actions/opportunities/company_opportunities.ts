import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dateOnly } from '#app/settings/currencies'
import { OPPORTUNITIES } from './load_opportunity.js'
import type { CompanyOpportunity } from '../../dto/opportunities.js'

/** Opportunities shown on a company page; beyond this the page links to the board. */
const SHOWN = 50

/**
 * The "Oportunidades" section of a company page: its opportunities the reader may see (their
 * own scope, not the company's), newest first. Null when the reader may not see any.
 */
export async function companyOpportunities(
  access: AccessContext,
  companyId: number
): Promise<CompanyOpportunity[] | null> {
  if (!access.can(`${OPPORTUNITIES}.view`)) return null
  const query = db
    .from('crm_opportunities as o')
    .join('crm_pipeline_stages as s', 's.id', 'o.stage_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .where('o.company_id', companyId)
    .orderBy('o.id', 'desc')
    .limit(SHOWN)
    .select(
      'o.id',
      'o.name',
      'o.status',
      'o.amount_minor',
      'o.currency',
      'o.expected_close_on',
      's.name as stage_name',
      'u.full_name as owner_name'
    )
  await access.scope(query, OPPORTUNITIES, { table: 'o' })
  const rows = await query
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    stageName: r.stage_name,
    status: r.status,
    amountMinor: String(r.amount_minor),
    currency: r.currency,
    ownerName: r.owner_name ?? null,
    expectedCloseOn: r.expected_close_on ? dateOnly(r.expected_close_on) : null,
  }))
}
