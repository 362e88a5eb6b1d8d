import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { wherePrefix, whereWords } from '#app/support/like'
import { normalizeEmail, normalizeName, normalizeNif, normalizePhone } from './normalize.js'

type Query = DatabaseQueryBuilderContract<any>

export interface SearchKeys {
  name: string
  nif: string | null
  email: string | null
  phone: string | null
}

/**
 * What a search box entry can be: a name prefix, and possibly an exact NIF or phone, or the
 * start of an e-mail address ("ana.garcia@", "ana.garcia@talleres"): one word with an @ or
 * a dot in it.
 */
export function searchKeys(q: string): SearchKeys {
  const nif = normalizeNif(q)
  const digits = q.replace(/\D/g, '')
  const email = normalizeEmail(q)
  return {
    name: normalizeName(q),
    nif: /^[A-Z0-9]{9}$/.test(nif) && /\d/.test(nif) ? nif : null,
    email: email.length >= 3 && !/\s/.test(email) && /[@.]/.test(email) ? email : null,
    phone: /^[+\d\s().-]+$/.test(q.trim()) && digits.length >= 6 ? normalizePhone(q) : null,
  }
}

/** Ids of the rows not in the recycle bin (the list indexes start with organization, deleted_at). */
const live = (table: string, organizationId: number) =>
  db.from(table).where('organization_id', organizationId).whereNull('deleted_at').select('id')

/** The company columns a search matches by word. */
const COMPANY_WORDS = ['name_normalized', 'legal_name_normalized']

/**
 * Restricts `query` to rows matching a search. A company matches when each word starts a word
 * of its name or legal name; a person by the start of the full name. When the text could also
 * be a NIF, e-mail, phone (or, for people, a surname), each key is looked up by its own index
 * and the ids are combined with UNION: a single WHERE name … OR nif = … OR … makes the
 * databases give up on the indexes and scan.
 * NIF and phone match exactly; an e-mail by prefix of its normalized value, a range on the
 * (organization, value) index.
 */
export function applySearch(
  query: Query,
  params: {
    organizationId: number
    q: string
    table: 'crm_companies' | 'crm_contacts'
    alias: string
  }
) {
  const keys = searchKeys(params.q)
  const { organizationId, table, alias } = params
  const parentColumn = table === 'crm_companies' ? 'company_id' : 'contact_id'
  const others: Query[] = []
  if (keys.nif && table === 'crm_companies') {
    others.push(
      db
        .from(table)
        .where('organization_id', organizationId)
        .where('nif', keys.nif)
        .whereNull('deleted_at')
        .select('id')
    )
  }
  const channel = (name: 'crm_emails' | 'crm_phones') =>
    db
      .from(name)
      .where('organization_id', organizationId)
      .whereNotNull(parentColumn)
      .select(`${parentColumn} as id`)
  if (keys.email) others.push(wherePrefix(channel('crm_emails'), 'value_normalized', keys.email))
  if (keys.phone) others.push(channel('crm_phones').where('value_normalized', keys.phone))
  // People: the surname too ("garcia" finds "Ana García"), through its own index.
  if (table === 'crm_contacts') {
    others.push(wherePrefix(live(table, organizationId), 'last_name_normalized', keys.name))
  }
  const companies = table === 'crm_companies'
  if (!others.length) {
    return companies
      ? whereWords(
          query,
          COMPANY_WORDS.map((c) => `${alias}.${c}`),
          keys.name
        )
      : wherePrefix(query, `${alias}.name_normalized`, keys.name)
  }
  const ids = live(table, organizationId)
  const byName = companies
    ? whereWords(ids, COMPANY_WORDS, keys.name)
    : wherePrefix(ids, 'name_normalized', keys.name)
  return query.whereIn(`${alias}.id`, byName.union(others))
}
