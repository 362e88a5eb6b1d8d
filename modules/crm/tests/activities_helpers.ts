import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createUser, crud } from '#tests/helpers/world'
import type { Scope } from '#app/registry/types'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { ensureActivityTypes } from '../activities/types.js'
import { createOrganization } from '#tests/helpers/world'
import { insertCompany } from './helpers.js'

/** A user with every CRM permission (companies, contacts, activities) at one scope. */
export function activitiesUser(
  org: Organization,
  scope: Scope,
  attributes: Partial<User> = {},
  activityActions?: string[]
) {
  return createUser(
    org,
    {
      permissions: [
        ...crud('crm.companies'),
        ...crud('crm.contacts'),
        ...crud('crm.activities', activityActions ?? ['view', 'create', 'edit', 'delete']),
      ],
      scopes: { 'crm.companies': scope, 'crm.contacts': scope, 'crm.activities': scope },
    },
    { timezone: 'Europe/Madrid', ...attributes }
  )
}

/** The organization's activity type ids by code (defaults seeded on first use). */
export async function typeIds(org: Organization): Promise<Record<string, number>> {
  await ensureActivityTypes(org.id)
  const rows = await db.from('crm_activity_types').where('organization_id', org.id)
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.id)]))
}

/** A bare activity row (fast; no history). */
export async function insertActivityRow(
  org: Organization,
  attributes: Record<string, unknown>
): Promise<number> {
  const now = dbTimestamp()
  const types = await typeIds(org)
  return insertId(db.connection() as any, 'crm_activities', {
    organization_id: org.id,
    type_id: types.call,
    title: 'Llamada de prueba',
    due_at: now,
    all_day: false,
    duration_min: 30,
    status: 'open',
    created_at: now,
    updated_at: now,
    ...attributes,
  })
}

/** An organization with two reps (own scope), a company of each and the default types. */
export async function world() {
  const org = await createOrganization(['crm'])
  const rep = await activitiesUser(org, 'own', { fullName: 'Rosa Comercial' })
  const colleague = await activitiesUser(org, 'own', { fullName: 'Colega' })
  const mine = await insertCompany(org, { name: 'Mía S.L.', owner_id: rep.id })
  const theirs = await insertCompany(org, { name: 'Ajena Secreta S.A.', owner_id: colleague.id })
  return { org, rep, colleague, mine, theirs, types: await typeIds(org) }
}
