import { randomBytes } from 'node:crypto'
import string from '@adonisjs/core/helpers/string'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toDate } from '#app/support/dates'
import { afterCommit, cachedAuthSession, forgetAuth } from '#app/support/cache'
import { announceRevoked, sessionTag } from '#app/notifications/session_streams'

import { SESSION_KEY } from './session_key.js'

export { SESSION_KEY }
const SEEN = 'seen_at'
/** `last_seen_at` is informative: rewritten at most this often, not on every request. */
const TOUCH_AFTER_MS = 5 * 60_000
/** The idle clock in the session cookie moves by whole minutes at least (sessionFresh). */
const SEEN_PRECISION_S = 60

export type RevokeReason = 'logout' | 'all_devices' | 'password_changed' | 'deactivated' | 'expired'
/** Why a request's session was refused (key of `auth.errors.*`). */
export type SessionRefusal = 'inactive' | 'password_changed' | 'session_expired' | 'session_ended'

/** What this file needs of a user (no import of the model, which imports this file). */
interface SessionUser {
  id: number
  isActive: boolean
}

interface SessionRow {
  id: string
  user_id: number
  last_seen_at: unknown
  revoked_at: unknown
  revoked_reason: string | null
}

/**
 * Server-side record of browser sessions. The session data travels in a cookie, so without it
 * a cookie copied before logout would keep working; every authenticated request checks its row,
 * from the shared cache (`cached`): every write below drops the user's cached copies on every
 * instance (app/support/cache.ts, `forgetAuth`), after its transaction commits.
 */
export const userSessions = {
  async open(userId: number, client: { userAgent?: string; ip?: string } = {}): Promise<string> {
    const id = randomBytes(24).toString('base64url')
    const now = dbTimestamp()
    await db.table('user_sessions').insert({
      id,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      user_agent: client.userAgent?.slice(0, 255) ?? null,
      ip: client.ip?.slice(0, 64) ?? null,
    })
    return id
  },

  async find(id: string): Promise<SessionRow | null> {
    return db
      .from('user_sessions')
      .where('id', id)
      .select('id', 'user_id', 'last_seen_at', 'revoked_at', 'revoked_reason')
      .first()
  },

  /** The row as the session check reads it, from the shared cache. */
  cached(id: string, userId: number): Promise<SessionRow | null> {
    return cachedAuthSession(id, userId, () => this.find(id).then((row) => row ?? null))
  },

  /** Revokes one session (of `userId`, when the caller knows whose). */
  async revoke(id: string, reason: RevokeReason, userId?: number): Promise<void> {
    userId ??= (await db.from('user_sessions').where('id', id).select('user_id').first())?.user_id
    if (userId === undefined) return
    await db
      .from('user_sessions')
      .where('id', id)
      .whereNull('revoked_at')
      .update({ revoked_at: dbTimestamp(), revoked_reason: reason })
    await forgetAuth(userId)
    await announceRevoked({ userId, sessions: [sessionTag(id)] })
  },

  /** Records that the session was used now (informative, at most every few minutes). */
  async touch(id: string, userId: number): Promise<void> {
    await db.from('user_sessions').where('id', id).update({ last_seen_at: dbTimestamp() })
    await forgetAuth(userId)
  },

  /** Revokes every live session of the user, except `except` (this device) when given. */
  async revokeAll(
    userId: number,
    reason: RevokeReason,
    options: { except?: string; trx?: TransactionClientContract } = {}
  ) {
    const query = (options.trx ?? db)
      .from('user_sessions')
      .where('user_id', userId)
      .whereNull('revoked_at')
    if (options.except) query.whereNot('id', options.except)
    await query.update({ revoked_at: dbTimestamp(), revoked_reason: reason })
    await forgetAuth(userId, options.trx)
    // Their open event streams end once the revocation is committed.
    const except = options.except ? sessionTag(options.except) : undefined
    await afterCommit(options.trx, () => announceRevoked({ userId, except }))
  },
}

/** Records a new session for this browser (login, remember-me, own password change). */
export async function startSession(ctx: HttpContext, user: SessionUser): Promise<string> {
  const key = await userSessions.open(user.id, {
    userAgent: ctx.request.header('user-agent'),
    ip: ctx.request.ip(),
  })
  ctx.session.put(SESSION_KEY, key)
  ctx.session.put(SEEN, nowSeconds())
  return key
}

/** Revokes this browser's session (logout). */
export async function endSession(ctx: HttpContext, reason: RevokeReason = 'logout'): Promise<void> {
  const key = ctx.session.get(SESSION_KEY)
  if (typeof key === 'string') await userSessions.revoke(key, reason, ctx.auth.user?.id)
  ctx.session.forget(SESSION_KEY)
  forgetPageHistory(ctx)
}

/**
 * The next page clears the browser's page history (kept encrypted by Inertia): after a
 * sign-out, Back shows no record page of the signed-out user.
 */
export function forgetPageHistory(ctx: HttpContext): void {
  ctx.session.flash('clear_history', true)
}

/**
 * Null when the signed-in user's session may go on; otherwise why not. A session restored by
 * the remember-me cookie gets a new record. A session without a record (signed in before
 * sessions were recorded) is refused: one more sign-in after upgrading.
 */
export async function sessionRefusal(
  ctx: HttpContext,
  user: SessionUser
): Promise<SessionRefusal | null> {
  if (!user.isActive) return 'inactive'
  if (ctx.auth.use('web').viaRemember) {
    await startSession(ctx, user)
    return null
  }
  const key = ctx.session.get(SESSION_KEY)
  const row = typeof key === 'string' ? await userSessions.cached(key, user.id) : null
  if (!row || row.user_id !== user.id) return 'session_ended'
  if (row.revoked_at)
    return row.revoked_reason === 'password_changed' ? 'password_changed' : 'session_ended'
  if (!sessionFresh(ctx)) {
    await userSessions.revoke(row.id, 'expired', user.id)
    return 'session_expired'
  }
  if (Date.now() - toDate(row.last_seen_at).getTime() > TOUCH_AFTER_MS)
    await userSessions.touch(row.id, user.id)
  return null
}

/**
 * False when the session sat idle longer than the session `age` (config/session.ts). The last
 * request time travels in the session (the cookie), checked against the record above. A user
 * who asked to be remembered is never timed out (the remember-me cookie would sign them straight
 * back in anyway). Otherwise the time is renewed, to the minute: requests within the same
 * minute leave the session unchanged, so it is not written (encrypted, sent) again.
 */
function sessionFresh(ctx: HttpContext): boolean {
  const now = nowSeconds()
  const seen = Number(ctx.session.get(SEEN))
  const remembered = Boolean(ctx.request.encryptedCookie('remember_web'))
  const known = Number.isFinite(seen) && seen > 0
  if (!remembered && known && now - seen > idleSeconds()) {
    ctx.session.forget(SEEN)
    return false
  }
  if (!known || now - seen >= SEEN_PRECISION_S || now < seen) ctx.session.put(SEEN, now)
  return true
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000)
}

function idleSeconds(): number {
  return string.seconds.parse(app.config.get<string | number>('session.age', '8h'))
}
