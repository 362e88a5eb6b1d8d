import type { HttpContext } from '@adonisjs/core/http'
import type { CookieOptions } from '@adonisjs/core/types/http'
import type { SessionData, SessionStoreContract } from '@adonisjs/session/types'

/**
 * The session data in an encrypted cookie, as `stores.cookie()` keeps it, except that an
 * unchanged session is not written again. The framework "touches" a session on every request
 * to push its expiry forward: for a cookie with no lifetime of its own (cleared with the
 * browser, config/session.ts) that only re-encrypted the same values into one more Set-Cookie
 * header per response. A changed session is written as before.
 */
export class SessionCookieStore implements SessionStoreContract {
  constructor(
    private config: Partial<CookieOptions>,
    private ctx: HttpContext
  ) {}

  read(sessionId: string): SessionData | null {
    const value = this.ctx.request.encryptedCookie(sessionId)
    return typeof value === 'object' && value !== null ? value : null
  }

  write(sessionId: string, values: SessionData): void {
    this.ctx.response.encryptedCookie(sessionId, values, this.config)
  }

  destroy(sessionId: string): void {
    if (this.ctx.request.cookiesList()[sessionId]) this.ctx.response.clearCookie(sessionId)
  }

  touch(sessionId: string): void {
    if (!this.config.maxAge && !this.config.expires) return
    const value = this.read(sessionId)
    if (value) this.write(sessionId, value)
  }
}
