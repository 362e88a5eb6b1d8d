import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { lists } from '#app/settings/lists'
import { assignableOwners } from '#app/access/owners'
import { PROVINCE_NAMES } from '../../catalog.js'
import { INDUSTRIES_LIST } from '../../lists.js'
import type { LeadCatalog } from '../../dto/leads.js'
import {
  COMPANY_SIZES_LIST,
  DISQUALIFY_REASONS_LIST,
  LEAD_LANGUAGES,
  LEAD_SOURCES_LIST,
  PRODUCT_INTERESTS_LIST,
} from '../../support/leads_lists.js'
import { LEADS } from './lead_scope.js'

/** The leads' list values in the reader's language (deactivated ones too with `inactive`). */
export async function leadCatalog(
  organizationId: number,
  locale: string,
  inactive = false
): Promise<LeadCatalog> {
  const options = async (key: string) => {
    const keep = inactive ? (await lists.values(organizationId, key)).map((v) => v.code) : []
    return (await lists.options(organizationId, key, locale, keep)).map(({ value, label }) => ({
      value,
      label,
    }))
  }
  const [sources, sizes, interests, reasons, sectors] = await Promise.all([
    options(LEAD_SOURCES_LIST),
    options(COMPANY_SIZES_LIST),
    options(PRODUCT_INTERESTS_LIST),
    options(DISQUALIFY_REASONS_LIST),
    options(INDUSTRIES_LIST),
  ])
  return {
    sources,
    sizes,
    interests,
    reasons,
    sectors,
    provinces: PROVINCE_NAMES,
    languages: [...LEAD_LANGUAGES],
  }
}

/** The organization's teams by name (a lead's team: whose queue it waits in). */
export async function teamOptions(organizationId: number) {
  const rows = await db
    .from('teams')
    .where('organization_id', organizationId)
    .orderBy('name')
    .select('id', 'name')
  return rows.map((r) => ({ value: String(r.id), label: String(r.name) }))
}

/** The form's choices: owners the user may give leads to, teams and the lists. */
export async function leadFormOptions(
  access: AccessContext,
  locale: string,
  action: 'create' | 'edit' = 'create'
) {
  const [owners, teams, catalog] = await Promise.all([
    assignableOwners(access, LEADS, { action }),
    teamOptions(access.organizationId),
    leadCatalog(access.organizationId, locale),
  ])
  return { owners, teams, catalog }
}
