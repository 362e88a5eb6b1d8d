import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { publishRead } from './live.js'
import { toItem, type NotificationItem, type NotificationRow } from './render.js'

const COLUMNS = ['id', 'kind', 'message_key', 'message_params', 'link', 'read_at', 'created_at']
/** The bell's count stops here ("99+"): never an unbounded COUNT. */
export const UNREAD_CAP = 99

export interface InboxPage {
  items: NotificationItem[]
  /** Id to pass as `before` for the next (older) page, or null on the last page. */
  next: number | null
}

/**
 * One user's notifications: every query is by the user's id (her own rows only), so nobody
 * reads, counts or marks another user's.
 */
export const inbox = {
  /** Newest first, keyset on id. */
  async page(
    userId: number,
    locale: string,
    options: { before?: number | null; limit?: number; unread?: boolean } = {}
  ): Promise<InboxPage> {
    const limit = options.limit ?? 20
    const query = db
      .from('notifications')
      .where('user_id', userId)
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .select(COLUMNS)
    if (options.before) query.where('id', '<', options.before)
    if (options.unread) query.whereNull('read_at')
    const rows = (await query) as NotificationRow[]
    const more = rows.length > limit
    const shown = rows.slice(0, limit)
    return {
      items: shown.map((r) => toItem(r, locale)),
      next: more ? Number(shown[shown.length - 1].id) : null,
    }
  },

  /** Unread notifications, counted up to UNREAD_CAP + 1 (the index on user_id, read_at). */
  async unread(userId: number): Promise<number> {
    const rows = await db
      .from('notifications')
      .where('user_id', userId)
      .whereNull('read_at')
      .limit(UNREAD_CAP + 1)
      .select('id')
    return rows.length
  },

  /** Marks one of the user's notifications read; its link (null when it is not hers). */
  async markRead(userId: number, id: number): Promise<{ found: boolean; link: string | null }> {
    const row = await db
      .from('notifications')
      .where('user_id', userId)
      .where('id', id)
      .select('id', 'link', 'read_at')
      .first()
    if (!row) return { found: false, link: null }
    if (!row.read_at) {
      await db.from('notifications').where('id', id).update({ read_at: dbTimestamp() })
      await publishRead(userId)
    }
    return { found: true, link: row.link }
  },

  async markAllRead(userId: number): Promise<number> {
    const changed = await db
      .from('notifications')
      .where('user_id', userId)
      .whereNull('read_at')
      .update({ read_at: dbTimestamp() })
    if (Number(changed)) await publishRead(userId)
    return Number(changed)
  },
}
