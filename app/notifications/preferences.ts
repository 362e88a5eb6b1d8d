import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NotificationEmail } from '#app/registry/types'
import { notificationKinds } from './kinds.js'

export interface KindPreference {
  kind: string
  label: string
  email: NotificationEmail
  defaultEmail: NotificationEmail
}

/**
 * What a user chose per kind (in-app is always on): e-mail off, immediate or in the daily
 * digest; the manifest's default where she chose nothing. Kinds of modules not enabled for
 * her organization are left out when `enabled` is given.
 */
export async function preferencesOf(
  userId: number,
  locale: string,
  enabled?: ReadonlySet<string>
): Promise<KindPreference[]> {
  const kinds = (await notificationKinds()).filter(
    (k) => k.source === 'kernel' || !enabled || enabled.has(k.source)
  )
  const rows = await db.from('notification_preferences').where('user_id', userId).select('*')
  const chosen = new Map(rows.map((r) => [r.kind as string, r.email as NotificationEmail]))
  const t = i18nManager.locale(locale)
  return kinds.map((k) => ({
    kind: k.key,
    label: t.t(k.label),
    email: chosen.get(k.key) ?? k.defaultEmail,
    defaultEmail: k.defaultEmail,
  }))
}

/** Saves the user's choices for registered kinds (others are ignored). */
export async function savePreferences(
  userId: number,
  choices: Record<string, NotificationEmail>
): Promise<void> {
  const known = new Set((await notificationKinds()).map((k) => k.key))
  const entries = Object.entries(choices).filter(([kind]) => known.has(kind))
  await db.transaction(async (trx) => {
    await trx
      .from('notification_preferences')
      .where('user_id', userId)
      .whereIn(
        'kind',
        entries.map(([kind]) => kind)
      )
      .delete()
    if (entries.length)
      await trx
        .table('notification_preferences')
        .multiInsert(entries.map(([kind, email]) => ({ user_id: userId, kind, email })))
  })
}
