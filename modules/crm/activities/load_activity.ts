import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { ACTIVITIES } from './rows.js'

/**
 * The activity row when it exists in the organization and is within the user's scope for
 * `action` on its assignee; else null (the caller answers 404).
 */
export async function visibleActivity(
  access: AccessContext,
  id: number,
  action = 'view',
  client?: QueryClientContract
): Promise<Record<string, any> | null> {
  const query = (client ?? db).from('crm_activities as a').where('a.id', id).select('a.*')
  await access.scope(query, ACTIVITIES, { table: 'a', ownerColumn: 'assignee_id', action })
  return (await query.first()) ?? null
}
