import { createHash } from 'node:crypto'
import string from '@adonisjs/core/helpers/string'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'

const KEY = 'auth_stamp'
const SEEN = 'seen_at'

/**
 * A fingerprint of the user's password hash kept in the session. Sessions live in a cookie, so
 * the server cannot list and revoke them; instead, when the password changes (profile, reset
 * link, an administrator) every other session's stamp stops matching and it is signed out.
 */
export function passwordStamp(user: User): string {
  return createHash('sha256').update(user.password).digest('base64url').slice(0, 16)
}

/** Marks the session as signed in by this user now (login, own password change). */
export function stampSession(ctx: HttpContext, user: User) {
  ctx.session.put(KEY, passwordStamp(user))
  ctx.session.put(SEEN, Math.floor(Date.now() / 1000))
}

/** False when the session predates a password change. A session without a stamp gets one. */
export function sessionStampValid(ctx: HttpContext, user: User): boolean {
  const stamp = ctx.session.get(KEY)
  if (!stamp) {
    stampSession(ctx, user)
    return true
  }
  return stamp === passwordStamp(user)
}

/**
 * False when the session sat idle longer than the session `age` (config/session.ts). A cookie
 * store cannot expire sessions on the server, so the last request time travels in the session.
 * A user who asked to be remembered is never timed out (the remember-me cookie would sign them
 * straight back in anyway). Otherwise the time is renewed.
 */
export function sessionFresh(ctx: HttpContext): boolean {
  const now = Math.floor(Date.now() / 1000)
  const seen = Number(ctx.session.get(SEEN))
  const remembered = Boolean(ctx.request.encryptedCookie('remember_web'))
  if (!remembered && Number.isFinite(seen) && seen > 0 && now - seen > idleSeconds()) {
    ctx.session.forget(SEEN)
    return false
  }
  ctx.session.put(SEEN, now)
  return true
}

function idleSeconds(): number {
  return string.seconds.parse(app.config.get<string | number>('session.age', '8h'))
}
