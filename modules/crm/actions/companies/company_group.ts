import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'

type Client = TransactionClientContract | typeof db

/** A group deeper than this is refused: it is a loop in old data, or a mistake. */
const MAX_DEPTH = 50

/**
 * A company's parent: none, unchanged, or another company the user can see, of the same
 * organization, that is not the company itself nor one of its subsidiaries at any depth
 * (A → B → … → A would make a group its own parent). The chain is walked up from the parent,
 * one indexed look-up per level (groups are a few levels deep).
 */
export async function assertParent(
  trx: TransactionClientContract,
  params: {
    access: AccessContext
    companyId: number | null
    parentId: number | null
    current: number | null
  }
) {
  const { access, companyId, parentId } = params
  if (parentId === null) return
  if (parentId === companyId) throw new RuleError('crm.errors.parent_cycle', {}, 'parentId')
  if (parentId !== params.current) {
    const query = trx.from('crm_companies as c').where('c.id', parentId).select('c.id')
    await access.scope(query, 'crm.companies', { table: 'c' })
    if (!(await query.first())) throw new RuleError('crm.errors.parent_not_found', {}, 'parentId')
  }
  if (companyId === null) return
  let next: number | null = parentId
  for (let depth = 0; next !== null && depth < MAX_DEPTH; depth++) {
    const row: { parent_id: number | null } | null = await trx
      .from('crm_companies')
      .where('organization_id', access.organizationId)
      .where('id', next)
      .select('parent_id')
      .first()
    next = row?.parent_id === null || row?.parent_id === undefined ? null : Number(row.parent_id)
    if (next === companyId) throw new RuleError('crm.errors.parent_cycle', {}, 'parentId')
  }
  if (next !== null) throw new RuleError('crm.errors.parent_cycle', {}, 'parentId')
}

/** The extra sectors of each company (the main one stays in `crm_companies.industry`). */
export async function industriesOf(ids: number[], client: Client = db) {
  const map = new Map<number, string[]>()
  if (!ids.length) return map
  const rows = await client
    .from('crm_company_industries')
    .whereIn('company_id', ids)
    .orderBy('company_id')
    .orderBy('industry')
    .select('company_id', 'industry')
  for (const r of rows) {
    const id = Number(r.company_id)
    map.set(id, [...(map.get(id) ?? []), r.industry])
  }
  return map
}

/** Replaces a company's extra sectors (the main one is left out: it is not repeated). */
export async function replaceIndustries(
  trx: TransactionClientContract,
  organizationId: number,
  companyId: number,
  industries: string[],
  main: string | null | undefined
) {
  await trx.from('crm_company_industries').where('company_id', companyId).delete()
  const codes = [...new Set(industries)].filter((code) => code !== main)
  if (codes.length)
    await trx.table('crm_company_industries').multiInsert(
      codes.map((industry) => ({
        organization_id: organizationId,
        company_id: companyId,
        industry,
      }))
    )
}

/** The names of parent companies, by id (the list's "Grupo" column and the page's header). */
export async function companyNames(organizationId: number, ids: number[], client: Client = db) {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map<number, string>()
  const rows = await client
    .from('crm_companies')
    .where('organization_id', organizationId)
    .whereIn('id', unique)
    .select('id', 'name')
  return new Map(rows.map((r) => [Number(r.id), r.name as string]))
}
