import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { normalizeEmail, normalizeName, normalizeNif, normalizePhone, prefixUpperBound } from './normalize.js'
import { isSqlite } from './db.js'

type Query = DatabaseQueryBuilderContract<any>

export interface SearchKeys {
  name: string
  nif: string | null
  email: string | null
  phone: string | null
}

/** What a search box entry can be: a name prefix, and possibly an exact NIF, e-mail or phone. */
export function searchKeys(q: string): SearchKeys {
  const nif = normalizeNif(q)
  const digits = q.replace(/\D/g, '')
  return {
    name: normalizeName(q),
    nif: /^[A-Z0-9]{9}$/.test(nif) && /\d/.test(nif) ? nif : null,
    email: q.includes('@') ? normalizeEmail(q) : null,
    phone: /^[+\d\s().-]+$/.test(q.trim()) && digits.length >= 6 ? normalizePhone(q) : null,
  }
}

/*
 * "Starts with" that an index can serve: on SQLite (binary collation, where LIKE skips
 * indexes) a half-open range [prefix, next); elsewhere LIKE 'prefix%', which MySQL/MariaDB and
 * MS SQL turn into a range under their case-insensitive collations.
 */
export function wherePrefix(query: Query, column: string, prefix: string) {
  const upper = prefixUpperBound(prefix)
  if (isSqlite(query.client) && upper) return query.where(column, '>=', prefix).where(column, '<', upper)
  return query.whereRaw(`${column} LIKE ? ESCAPE '!'`, [`${prefix.replace(/[!%_[]/g, (c) => `!${c}`)}%`])
}

/**
 * Restricts `query` to rows matching a search. A plain company name is a prefix condition on
 * the sorted index. When the text could also be a NIF, e-mail, phone (or, for people, a
 * surname), each key is looked up by its own index and the ids are combined with UNION: a
 * single WHERE name … OR nif = … OR … makes the databases give up on the indexes and scan.
 */
export function applySearch(query: Query, params: {
  organizationId: number
  q: string
  table: 'crm_companies' | 'crm_contacts'
  alias: string
}) {
  const keys = searchKeys(params.q)
  const { organizationId, table, alias } = params
  const parentColumn = table === 'crm_companies' ? 'company_id' : 'contact_id'
  const exact: Query[] = []
  if (keys.nif && table === 'crm_companies') {
    exact.push(db.from(table).where('organization_id', organizationId).where('nif', keys.nif).select('id'))
  }
  for (const [channel, value] of [['crm_emails', keys.email], ['crm_phones', keys.phone]] as const) {
    if (!value) continue
    exact.push(db.from(channel).where('organization_id', organizationId).where('value_normalized', value)
      .whereNotNull(parentColumn).select(`${parentColumn} as id`))
  }
  // People: the surname too ("garcia" finds "Ana García"), through its own index.
  if (table === 'crm_contacts') {
    exact.push(wherePrefix(db.from(table).where('organization_id', organizationId).select('id'), 'last_name_normalized', keys.name))
  }
  if (!exact.length) return wherePrefix(query, `${alias}.name_normalized`, keys.name)
  const byName = wherePrefix(db.from(table).where('organization_id', organizationId).select('id'), 'name_normalized', keys.name)
  return query.whereIn(`${alias}.id`, byName.union(exact))
}
