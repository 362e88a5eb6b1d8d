import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { dbTimestamp } from '#app/support/dates'
import { createUser, crud } from '#tests/helpers/world'
import type { Scope } from '#app/registry/types'
import { insertId, insertInBatches } from '#app/support/db'
import { normalizeName } from '../support/normalize.js'

/** A user holding every CRM permission with the given scope on both resources. */
export function crmUser(
  org: Organization,
  scope: Scope,
  attributes: Partial<User> = {},
  actions?: string[]
) {
  return createUser(
    org,
    {
      permissions: [...crud('crm.companies', actions), ...crud('crm.contacts', actions)],
      scopes: { 'crm.companies': scope, 'crm.contacts': scope },
    },
    attributes
  )
}

/** A bare company row, straight into the table (fast; no history). */
export async function insertCompany(
  org: Organization | number,
  attributes: Record<string, unknown> = {}
): Promise<number> {
  const organizationId = typeof org === 'number' ? org : org.id
  const name = String(attributes.name ?? `Empresa ${Math.random().toString(36).slice(2, 8)}`)
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_companies', {
    organization_id: organizationId,
    name,
    name_normalized: normalizeName(name),
    type: 'cliente',
    owner_id: null,
    created_at: now,
    updated_at: now,
    ...attributes,
  })
}

/** Many companies in multi-row inserts (pagination and count tests). */
export async function insertCompanies(
  org: Organization,
  count: number,
  attributes: (i: number) => Record<string, unknown>
) {
  const now = dbTimestamp()
  await insertInBatches(
    db.connection() as any,
    'crm_companies',
    Array.from({ length: count }, (_, i) => {
      const extra = attributes(i)
      const name = String(extra.name ?? `Empresa ${i}`)
      return {
        organization_id: org.id,
        name,
        name_normalized: normalizeName(name),
        type: 'cliente',
        owner_id: null,
        created_at: now,
        updated_at: now,
        ...extra,
      }
    })
  )
}

export async function insertContact(
  org: Organization,
  attributes: Record<string, unknown> = {}
): Promise<number> {
  const first = String(attributes.first_name ?? 'Persona')
  const last = String(attributes.last_name ?? 'Prueba')
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_contacts', {
    organization_id: org.id,
    first_name: first,
    last_name: last,
    name_normalized: normalizeName(`${first} ${last}`),
    last_name_normalized: normalizeName(last),
    owner_id: null,
    created_at: now,
    updated_at: now,
    ...attributes,
  })
}

/** A valid company form submission. */
export function companyPayload(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Construcciones Hermanos Pérez S.L.',
    legalName: 'Construcciones Hermanos Pérez, S.L.',
    type: 'cliente',
    nif: 'b-1234567-4',
    website: 'construccionesperez.es',
    industry: 'construccion',
    description: 'Cliente desde 2019.',
    addresses: [
      {
        kind: 'fiscal',
        street: 'Calle Mayor 12',
        postalCode: '28013',
        city: 'Madrid',
        province: 'Madrid',
        country: 'ES',
      },
      {
        kind: 'envio',
        street: 'Polígono Las Arenas, nave 4',
        postalCode: '28906',
        city: 'Getafe',
        province: 'Madrid',
        country: 'ES',
      },
    ],
    phones: [
      { label: 'Oficina', number: '912 345 678' },
      { label: 'Móvil', number: '+34 600 11 22 33', primary: true },
    ],
    emails: [{ label: 'General', address: 'Info@ConstruccionesPerez.es' }],
    ...overrides,
  }
}

/**
 * Runs `work` and counts the SQL statements matching `pattern` it sent (every statement of the
 * default connection, transactions included: knex reports them all).
 */
export async function countQueries<T>(
  pattern: RegExp,
  work: () => Promise<T>
): Promise<{ result: T; count: number; sql: string[] }> {
  const knex = db.connection().getWriteClient()
  const sql: string[] = []
  const listener = (query: { sql: string }) => {
    if (pattern.test(query.sql)) sql.push(query.sql)
  }
  knex.on('query', listener)
  try {
    const result = await work()
    return { result, count: sql.length, sql }
  } finally {
    knex.off('query', listener)
  }
}
