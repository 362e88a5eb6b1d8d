import limiter from '@adonisjs/limiter/services/main'

const email = (ctx: { request: { input: (k: string, d: string) => unknown } }) =>
  String(ctx.request.input('email', '')).trim().toLowerCase()

/**
 * Login attempts, three ways: per e-mail + IP (10 a minute, then 5 minutes' wait), per IP
 * across accounts (60 in 10 minutes: password spraying) and per account across IPs (30 in 15
 * minutes: a distributed guess at one password).
 */
export const loginThrottle = limiter.define('login', (ctx) =>
  limiter.allowRequests(10).every('1 minute').blockFor('5 minutes').usingKey(`login_${email(ctx)}_${ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { seconds: error.response.availableIn })
    })
)
export const loginIpThrottle = limiter.define('login_ip', (ctx) =>
  limiter.allowRequests(60).every('10 minutes').usingKey(`login_ip_${ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { seconds: error.response.availableIn })
    })
)
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
