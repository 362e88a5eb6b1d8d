import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { normalizeName } from '../../support/normalize.js'
import { COMPANIES } from './load_company.js'

/** The company that already has the name: linked when the user may see it, else unnamed. */
export type ExistingCompany = { id: number; name: string } | { hidden: true }

/**
 * Another company of the organization has the same name (case and accents ignored). A warning,
 * not a rule: the form shows it and may resend with `confirmDuplicate`. A company the user may
 * not see is reported without its id or name.
 */
export class DuplicateCompanyName extends RuleError {
  constructor(readonly existing: ExistingCompany) {
    const named = 'id' in existing
    super(
      named ? 'crm.errors.duplicate_name_of' : 'crm.errors.duplicate_name',
      named ? { name: existing.name } : {},
      'name'
    )
  }
}

/**
 * Throws DuplicateCompanyName when another company (not `exceptId`) has this name. Run before
 * the write's own transaction (its scope lookup uses the query's connection, which SQLite's
 * single connection would hold), or inside the caller's `trx` when given. Two people saving
 * the same name at once may both get through; it is a warning, the database does not forbid it.
 */
export async function assertNameUnique(
  access: AccessContext,
  name: string,
  exceptId: number | null,
  trx?: TransactionClientContract
) {
  const same = () => {
    const query = (trx ?? db)
      .from('crm_companies as c')
      .where('c.organization_id', access.organizationId)
      .where('c.name_normalized', normalizeName(name))
      // A binned company warns of nothing (restoring it is the user's choice).
      .whereNull('c.deleted_at')
      .orderBy('c.id')
      .select('c.id', 'c.name')
      .limit(1)
    if (exceptId) query.whereNot('c.id', exceptId)
    return query
  }
  const visible = same()
  await access.scope(visible, COMPANIES, { table: 'c' })
  const seen = await visible.first()
  if (seen) throw new DuplicateCompanyName({ id: Number(seen.id), name: seen.name })
  if (await same().first()) throw new DuplicateCompanyName({ hidden: true })
}

/** Whether an edit renames the company (a name already shared is not warned about again). */
export async function renames(
  organizationId: number,
  companyId: number,
  name: string,
  trx?: TransactionClientContract
): Promise<boolean> {
  const row = await (trx ?? db)
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('id', companyId)
    .select('name_normalized')
    .first()
  return !row || row.name_normalized !== normalizeName(name)
}
