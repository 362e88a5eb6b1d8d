import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import type { Scope } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { createUser, crud } from '#tests/helpers/world'
import { leadColumns } from '../actions/leads/load_lead.js'

const LEAD_ACTIONS = ['view', 'create', 'edit', 'delete', 'export', 'convert']

/** A user holding every leads, companies and contacts permission with one scope on all three. */
export function leadsUser(org: Organization, scope: Scope, attributes: Partial<User> = {}) {
  return createUser(
    org,
    {
      permissions: [
        ...crud('crm.leads', LEAD_ACTIONS),
        ...crud('crm.companies'),
        ...crud('crm.contacts'),
      ],
      scopes: { 'crm.leads': scope, 'crm.companies': scope, 'crm.contacts': scope },
    },
    attributes
  )
}

/** A bare lead row, straight into the table (fast; no history). */
export async function insertLead(
  org: Organization,
  fields: Record<string, any> = {},
  columns: Record<string, unknown> = {}
): Promise<number> {
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_leads', {
    ...leadColumns({ title: 'Quiere un CRM', ...fields }),
    organization_id: org.id,
    status: 'new',
    owner_id: null,
    created_at: now,
    updated_at: now,
    ...columns,
  })
}

/** A valid lead form submission. */
export function leadPayload(overrides: Record<string, unknown> = {}) {
  return {
    title: '20 puestos de TPV para tres tiendas',
    firstName: 'Lucía',
    lastName: 'Martín Ortega',
    companyName: 'Panaderías Martín S.L.',
    nif: 'b-1234567-4',
    email: 'Lucia@PanaderiasMartin.es',
    phone: '612 34 56 78',
    province: 'Valencia',
    postalCode: '46001',
    country: 'es',
    sector: 'alimentacion',
    companySize: 'pequena',
    productInterest: 'tpv',
    language: 'es',
    source: 'telefono',
    description: 'Llamó tras ver la feria.',
    ...overrides,
  }
}
