import db from '@adonisjs/lucid/services/db'
import { lists } from '#app/settings/lists'
import { INDUSTRIES_LIST } from '../lists.js'
import { PROVINCE_NAMES } from '../catalog.js'
import type { AssignmentFormOptions } from '../dto/assignment.js'

/** The editable lists the leads feature declares (their codes are what leads store). */
const LEAD_SOURCES = 'crm.lead_sources'
const COMPANY_SIZES = 'crm.company_sizes'
const PRODUCT_INTERESTS = 'crm.product_interests'
/** Languages a lead may be written in (codes stored on the lead). */
const LANGUAGES = ['es', 'en', 'ca', 'eu', 'gl', 'fr', 'de', 'pt', 'it']

/** What the rule form and the rules page offer: active users, teams, lists, provinces. */
export async function assignmentFormOptions(
  organizationId: number,
  locale: string
): Promise<AssignmentFormOptions> {
  const option = (o: { value: string; label: string }) => ({ value: o.value, label: o.label })
  const [users, teams, sources, sectors, sizes, interests] = await Promise.all([
    db
      .from('users')
      .where({ organization_id: organizationId, is_active: true })
      .orderBy('full_name_normalized')
      .select('id', 'full_name'),
    db.from('teams').where('organization_id', organizationId).orderBy('name').select('id', 'name'),
    lists.options(organizationId, LEAD_SOURCES, locale),
    lists.options(organizationId, INDUSTRIES_LIST, locale),
    lists.options(organizationId, COMPANY_SIZES, locale),
    lists.options(organizationId, PRODUCT_INTERESTS, locale),
  ])
  const names = new Intl.DisplayNames([locale], { type: 'language' })
  return {
    users: users.map((u) => ({ value: String(u.id), label: u.full_name })),
    teams: teams.map((t) => ({ value: String(t.id), label: t.name })),
    sources: sources.map(option),
    sectors: sectors.map(option),
    sizes: sizes.map(option),
    productInterests: interests.map(option),
    languages: LANGUAGES.map((code) => ({ value: code, label: names.of(code) ?? code })),
    provinces: PROVINCE_NAMES,
  }
}
