import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { CompanyData } from '../../validators/companies.js'
import { normalizeName } from '../../support/normalize.js'
import { companyNameKey, domainKey } from '../../support/keys.js'
import { RuleError } from '#app/support/rule_error'
import type { CompanyRecord } from './load_company.js'
import type { CompanySummary } from '../../contracts/types.js'

/** The row's columns from validated input (the validator is the allow-list). */
export function companyColumns(data: CompanyData) {
  return {
    name: data.name,
    name_normalized: normalizeName(data.name),
    // Duplicate keys an import looks up (support/keys.ts).
    name_key: companyNameKey(data.name),
    website_domain: data.website ? domainKey(data.website) : null,
    legal_name: data.legalName || null,
    legal_name_normalized: data.legalName ? normalizeName(data.legalName) : null,
    type: data.type,
    nif: data.nif || null,
    website: data.website ? withScheme(data.website) : null,
    industry: data.industry ?? null,
    description: data.description || null,
    parent_id: data.parentId ?? null,
    zone: data.zone ?? null,
    status: data.status ?? null,
    size: data.size ?? null,
    strengths: data.strengths || null,
    weaknesses: data.weaknesses || null,
  }
}

/** "empresa.es" is stored as "https://empresa.es" so it can be a link. */
function withScheme(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`
}

/**
 * One NIF per organization. Checked inside the write's transaction: MS SQL cannot have a
 * unique index on a column that is often NULL, so the database cannot do it for us.
 */
export async function assertNifFree(
  trx: TransactionClientContract,
  organizationId: number,
  nif: string | null | undefined,
  exceptId: number | null
) {
  if (!nif) return
  const query = trx
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('nif', nif)
    .select('id')
  if (exceptId) query.whereNot('id', exceptId)
  if (await query.first()) throw new RuleError('crm.errors.nif_taken', {}, 'nif')
}

export function companySummary(c: CompanyRecord): CompanySummary {
  return { id: c.id, name: c.name, nif: c.nif, type: c.type, ownerId: c.ownerId }
}
