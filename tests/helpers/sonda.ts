import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { dbTimestamp } from '#app/support/dates'
import type { Scope } from '#app/registry/types'
import { createUser, crud } from '#tests/helpers/world'

/*
 * The probe module (tests/fixtures/cartera-modulo-sonda) kernel tests use instead of a business
 * module: resource `sonda.items` (table `sonda_items`) behind JSON routes under /sonda.
 */

/** The probe module's name, resource, subject type and editable list. */
export const SONDA = 'sonda'
export const ITEMS = 'sonda.items'
export const ITEM_SUBJECT = 'sonda.item'
export const COLORS_LIST = 'sonda.colores'

/** A user holding every action on the probe items with the given record scope. */
export function itemsUser(
  org: Organization,
  scope: Scope,
  attributes: Partial<User> = {},
  actions?: string[]
) {
  return createUser(
    org,
    { permissions: crud(ITEMS, actions), scopes: { [ITEMS]: scope } },
    attributes
  )
}

/** A probe item row, straight into the table. */
export async function insertItem(
  org: Organization | number,
  attributes: Record<string, unknown> = {}
): Promise<number> {
  const now = dbTimestamp()
  const [id] = await db.table('sonda_items').insert({
    organization_id: typeof org === 'number' ? org : org.id,
    name: `Elemento ${Math.random().toString(36).slice(2, 8)}`,
    owner_id: null,
    created_at: now,
    updated_at: now,
    ...attributes,
  })
  return Number(id)
}

/** The names of the items a JSON list answer holds. */
export function itemNames(body: { items: { name: string }[] }): string[] {
  return body.items.map((i) => i.name)
}
