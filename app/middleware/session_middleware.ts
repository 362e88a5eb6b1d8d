import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import { Session } from '@adonisjs/session'
// The framework's middleware module also adds the session's Redirect and error-page macros.
import '@adonisjs/session/session_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { ResolvedSessionConfig, SessionStoreFactory } from '@adonisjs/session/types'

/**
 * The framework's session middleware, except that a request which leaves the session as it
 * found it sends no Set-Cookie for it. The framework re-signs the session id cookie and sets it
 * again on every response so that a cookie with a lifetime is pushed forward; this session id
 * cookie has none (`clearWithBrowser`, config/session.ts: it goes with the browser, and the
 * idle timeout is enforced by the server, app/access/user_sessions.ts), so the same value was
 * sent back on every response. The store is still touched (a store with an expiry of its own,
 * Redis say, keeps it), and a changed, regenerated, flashed, new or emptied session is committed
 * exactly as before.
 */
class SteadySession extends Session {
  #store
  #cookieLasts: boolean

  constructor(config: ResolvedSessionConfig, storeFactory: SessionStoreFactory, ctx: HttpContext) {
    super(config, storeFactory, emitter, ctx)
    this.#store = storeFactory(ctx, config)
    this.#cookieLasts = config.cookie.maxAge !== undefined || config.cookie.expires !== undefined
  }

  get unchanged(): boolean {
    return (
      this.initiated &&
      !this.readonly &&
      !this.fresh &&
      !this.hasRegeneratedSession &&
      !this.isEmpty &&
      !this.hasBeenModified &&
      this.responseFlashMessages.isEmpty &&
      !this.#cookieLasts
    )
  }

  async commit() {
    if (!this.unchanged) return super.commit()
    await this.#store.touch(this.sessionId)
    emitter.emit('session:committed', { session: this })
  }
}

let resolved: Promise<ResolvedSessionConfig> | undefined
let overrides: Partial<ResolvedSessionConfig> = {}
async function sessionConfig(): Promise<ResolvedSessionConfig> {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  if (!config) throw new Error('config/session.ts must use defineConfig')
  return { ...config, ...overrides }
}

/**
 * Reads config/session.ts again on the next request, with `changes` over it (tests: the cookie
 * store of production instead of the tests' memory store).
 */
export function reloadSessionConfig(changes: Partial<ResolvedSessionConfig> = {}): void {
  overrides = changes
  resolved = undefined
}

export default class SessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const config = await (resolved ??= sessionConfig())
    if (!config.enabled) return next()
    ctx.session = new SteadySession(config, config.stores[config.store], ctx)
    await ctx.session.initiate(false)
    const response = await next()
    await ctx.session.commit()
    return response
  }
}
