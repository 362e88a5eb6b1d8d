import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'

const email = (ctx: { request: { input: (k: string, d: string) => unknown } }) =>
  String(ctx.request.input('email', '')).trim().toLowerCase()

/**
 * Login attempts, three ways: per e-mail + IP (10 a minute, then 5 minutes' wait) and per
 * account across IPs (30 in 15 minutes: a distributed guess at one password) as route
 * middleware, and failed attempts per IP across accounts (password spraying, below).
 */
export const loginThrottle = limiter.define('login', (ctx) =>
  limiter.allowRequests(10).every('1 minute').blockFor('5 minutes').usingKey(`login_${email(ctx)}_${ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { seconds: error.response.availableIn })
    })
)

/**
 * Failed logins per IP across accounts: after 60 in 10 minutes the address waits until that
 * window ends. Only failures count (and a success does not reset them), so an office whose staff
 * all sign in from one address in the morning is never locked out by its own successful logins.
 */
const failedByIp = () => limiter.use({ requests: 60, duration: '10 minutes' })
const failedByIpKey = (ctx: HttpContext) => `login_ip_failed_${ctx.request.ip()}`

/** Seconds this address must still wait after too many failed logins, or 0. */
export async function failedLoginWait(ctx: HttpContext): Promise<number> {
  const store = failedByIp()
  const key = failedByIpKey(ctx)
  return (await store.isBlocked(key)) ? Math.max(1, await store.availableIn(key)) : 0
}

export async function countFailedLogin(ctx: HttpContext): Promise<void> {
  await failedByIp().increment(failedByIpKey(ctx))
}

export const loginAccountThrottle = limiter.define('login_account', (ctx) =>
  limiter.allowRequests(30).every('15 minutes').usingKey(`login_account_${email(ctx)}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { seconds: error.response.availableIn })
    })
)

/** Password reset requests: 5 per 15 minutes per IP and 3 per 15 minutes per address. */
export const resetThrottle = limiter.define('password_reset', (ctx) =>
  limiter.allowRequests(5).every('15 minutes').usingKey(`reset_${ctx.request.ip()}`)
)
export const resetAddressThrottle = limiter.define('password_reset_address', (ctx) =>
  limiter.allowRequests(3).every('15 minutes').usingKey(`reset_address_${email(ctx)}`)
)

/** Changing one's password (the current one is checked): 10 tries per 15 minutes per user. */
export const passwordChangeThrottle = limiter.define('password_change', (ctx) =>
  limiter.allowRequests(10).every('15 minutes').usingKey(`password_change_${ctx.auth.user?.id ?? ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { seconds: error.response.availableIn })
    })
)
