import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'

const KEY = 'auth_stamp'

/**
 * A fingerprint of the user's password hash kept in the session. Sessions live in a cookie, so
 * the server cannot list and revoke them; instead, when the password changes (profile, reset
 * link, an administrator) every other session's stamp stops matching and it is signed out.
 */
export function passwordStamp(user: User): string {
  return createHash('sha256').update(user.password).digest('base64url').slice(0, 16)
}

export function stampSession(ctx: HttpContext, user: User) {
  ctx.session.put(KEY, passwordStamp(user))
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
