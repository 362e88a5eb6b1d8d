import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { isUniqueViolation } from './insert_activity.js'

/** The reminder lead times a user may choose (minutes before the due time); null: none. */
export const REMIND_CHOICES = [null, 0, 5, 10, 15, 30, 60, 1440] as const
/** The lead time when the user never chose one. */
export const DEFAULT_REMIND_MINUTES = 15

/** The user's default reminder lead time (minutes; null: no reminder). */
export async function remindDefault(
  userId: number,
  client?: QueryClientContract
): Promise<number | null> {
  const row = await (client ?? db)
    .from('crm_activity_preferences')
    .where('user_id', userId)
    .select('remind_minutes')
    .first()
  if (!row) return DEFAULT_REMIND_MINUTES
  return row.remind_minutes === null ? null : Number(row.remind_minutes)
}

/**
 * Saves the user's default lead time (one row per user: update, else insert). No transaction:
 * two first saves at once both find no row and insert; the unique key on user_id lets one win.
 */
export async function saveRemindDefault(
  organizationId: number,
  userId: number,
  minutes: number | null
): Promise<void> {
  if (await updateRemindDefault(userId, minutes)) return
  await insertRemindDefault(organizationId, userId, minutes)
}

/** The insert half of a first save: when another save inserted meanwhile, this one updates. */
export async function insertRemindDefault(
  organizationId: number,
  userId: number,
  minutes: number | null
): Promise<void> {
  try {
    await db.table('crm_activity_preferences').insert({
      organization_id: organizationId,
      user_id: userId,
      remind_minutes: minutes,
      updated_at: dbTimestamp(),
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    await updateRemindDefault(userId, minutes)
  }
}

async function updateRemindDefault(userId: number, minutes: number | null) {
  const changed = await db
    .from('crm_activity_preferences')
    .where('user_id', userId)
    .update({ remind_minutes: minutes, updated_at: dbTimestamp() })
  return Number(changed) > 0
}
