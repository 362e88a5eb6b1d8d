import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportField, ImportValues } from '#app/import/types'
import { insertRows, paddedIn } from '#app/import/sql'
import { COMPANY_SIZES_LIST, COMPANY_STATUSES_LIST, ZONES_LIST } from '../account_lists.js'
import { normalizeText } from '../support/normalize.js'
import { codeLookup, reason, type Check } from './shared.js'

/*
 * The classification columns of a company import (zone, status, size, extra sectors, competitor
 * notes), as the list exports them: coded values by label or code, extra sectors separated by
 * ";" (or ","). Kept apart from imports/companies.ts, which wires them in.
 */

const F = 'crm.companies.fields'

export const CLASSIFICATION_FIELDS: ImportField[] = [
  { key: 'industries', label: `${F}.industries`, aliases: ['otros sectores', 'sectores'] },
  {
    key: 'zone',
    label: `${F}.zone`,
    aliases: ['zona', 'territorio', 'territory'],
    codes: ZONES_LIST,
  },
  { key: 'status', label: `${F}.status`, aliases: ['estado'], codes: COMPANY_STATUSES_LIST },
  { key: 'size', label: `${F}.size`, aliases: ['tamano', 'plantilla'], codes: COMPANY_SIZES_LIST },
  { key: 'strengths', label: `${F}.strengths`, aliases: ['fortalezas'] },
  { key: 'weaknesses', label: `${F}.weaknesses`, aliases: ['debilidades'] },
]

export interface ClassificationState {
  zones: Map<string, string>
  statuses: Map<string, string>
  sizes: Map<string, string>
}

export async function classificationState(organizationId: number): Promise<ClassificationState> {
  const [zones, statuses, sizes] = await Promise.all([
    codeLookup(organizationId, ZONES_LIST),
    codeLookup(organizationId, COMPANY_STATUSES_LIST),
    codeLookup(organizationId, COMPANY_SIZES_LIST),
  ])
  return { zones, statuses, sizes }
}

/** Codes for labels; the extra sectors as sorted codes joined by "; " (compared as text). */
export function checkClassification(
  values: ImportValues,
  state: ClassificationState & { industries: Map<string, string> }
): Check | null {
  for (const [field, map] of [
    ['zone', state.zones],
    ['status', state.statuses],
    ['size', state.sizes],
  ] as const) {
    const raw = values[field]
    if (!raw) continue
    const code = map.get(normalizeText(raw))
    if (!code) return reason('code', { field, value: raw })
    values[field] = code
  }
  for (const field of ['strengths', 'weaknesses'])
    if ((values[field]?.length ?? 0) > 5000) return reason('too_long', { field, max: 5000 })
  if (values.industries) {
    const codes = new Set<string>()
    for (const raw of values.industries
      .split(/[;,]/)
      .map((v) => v.trim())
      .filter(Boolean)) {
      const code = state.industries.get(normalizeText(raw))
      if (!code) return reason('industry', { value: raw })
      codes.add(code)
    }
    values.industries = [...codes].sort().join('; ')
  }
  return null
}

/** The row's classification columns from a validated line (fields it has). */
export function classificationColumns(v: ImportValues) {
  const cols: Record<string, unknown> = {}
  for (const field of ['zone', 'status', 'size', 'strengths', 'weaknesses'])
    if (field in v) cols[field] = v[field] || null
  return cols
}

/** Each company's extra sectors as the import compares them ("a; b", sorted codes). */
export async function industriesText(client: QueryClientContract, ids: number[]) {
  const map = new Map<number, string>()
  if (!ids.length) return map
  const rows = await client
    .from('crm_company_industries')
    .whereIn('company_id', paddedIn(ids))
    .orderBy('industry')
    .select('company_id', 'industry')
  for (const r of rows) {
    const id = Number(r.company_id)
    map.set(id, map.has(id) ? `${map.get(id)}; ${r.industry}` : r.industry)
  }
  return map
}

/** Sets the extra sectors of the lines that name them (an empty cell removes them). */
export async function writeIndustries(
  trx: TransactionClientContract,
  organizationId: number,
  rows: { id: number; values: ImportValues }[]
) {
  const named = rows.filter((r) => 'industries' in r.values)
  if (!named.length) return
  const ids = named.map((r) => r.id)
  for (let i = 0; i < ids.length; i += 500)
    await trx
      .from('crm_company_industries')
      .whereIn('company_id', ids.slice(i, i + 500))
      .delete()
  await insertRows(
    trx,
    'crm_company_industries',
    named.flatMap(({ id, values }) =>
      (values.industries ?? '')
        .split('; ')
        .filter(Boolean)
        .map((industry) => ({ organization_id: organizationId, company_id: id, industry }))
    )
  )
}
