import limiter from '@adonisjs/limiter/services/main'

/**
 * Login attempts: 10 per minute per email + IP; after that the user waits 5 minutes.
 */
export const loginThrottle = limiter.define('login', (ctx) => {
  const email = String(ctx.request.input('email', '')).trim().toLowerCase()
  return limiter
    .allowRequests(10)
    .every('1 minute')
    .blockFor('5 minutes')
    .usingKey(`login_${email}_${ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { seconds: error.response.availableIn })
    })
})

/** Password reset requests: 5 per 15 minutes per IP. */
export const resetThrottle = limiter.define('password_reset', (ctx) =>
  limiter.allowRequests(5).every('15 minutes').usingKey(`reset_${ctx.request.ip()}`)
)
