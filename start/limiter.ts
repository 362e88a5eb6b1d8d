import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'

const email = (ctx: { request: { input: (k: string, d: string) => unknown } }) =>
  String(ctx.request.input('email', '')).trim().toLowerCase()

/** The wait in whole minutes, rounded up (a throttled user is told minutes, not seconds). */
export const waitMinutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))

/**
 * Login attempts, three ways: per e-mail + IP (10 a minute, then 5 minutes' wait) as route
 * middleware; failed attempts per IP across accounts (password spraying) and failed attempts
 * per account from devices that never signed in to it (a guess at one password), below.
 */
export const loginThrottle = limiter.define('login', (ctx) =>
  limiter
    .allowRequests(10)
    .every('1 minute')
    .blockFor('5 minutes')
    .usingKey(`login_${email(ctx)}_${ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { minutes: waitMinutes(error.response.availableIn) })
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

/**
 * Failed logins per account. After 5 failures each further attempt waits 2^(n-4) seconds since
 * the last failure (n = failures so far: 2 s, 4 s, 8 s … at most 15 minutes), so guessing
 * slows down without locking the owner out: a device that signed in to the account before
 * (known-device cookie) skips this wait, and a successful login clears the count. Failures
 * are forgotten 24 hours after the first.
 */
const FREE_FAILURES = 5
const MAX_DELAY_SECONDS = 15 * 60
const accountFailures = () => limiter.use({ requests: 1_000_000, duration: '24 hours' })
const accountDelay = () => limiter.use({ requests: 1, duration: '15 minutes' })
// Hashed: an address may be 254 characters, the key column holds 255.
const digest = (account: string) => createHash('sha256').update(account).digest('base64url')
const accountKey = (account: string) => `login_account_failed_${digest(account)}`
const delayKey = (account: string) => `login_account_delay_${digest(account)}`

/** Seconds an attempt at this account from an unknown device must still wait, or 0. */
export async function accountLoginWait(account: string): Promise<number> {
  const store = accountDelay()
  return (await store.isBlocked(delayKey(account)))
    ? Math.max(1, await store.availableIn(delayKey(account)))
    : 0
}

export async function countAccountFailure(account: string): Promise<void> {
  const failures = (await accountFailures().increment(accountKey(account))).consumed
  if (failures < FREE_FAILURES) return
  await accountDelay().block(
    delayKey(account),
    Math.min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS)
  )
}

export async function clearAccountFailures(account: string): Promise<void> {
  await Promise.all([
    accountFailures().delete(accountKey(account)),
    accountDelay().delete(delayKey(account)),
  ])
}

/** Password reset requests: 5 per 15 minutes per IP and 3 per 15 minutes per address. */
export const resetThrottle = limiter.define('password_reset', (ctx) =>
  limiter.allowRequests(5).every('15 minutes').usingKey(`reset_${ctx.request.ip()}`)
)
export const resetAddressThrottle = limiter.define('password_reset_address', (ctx) =>
  limiter
    .allowRequests(3)
    .every('15 minutes')
    .usingKey(`reset_address_${email(ctx)}`)
)

/** Changing one's password (the current one is checked): 10 tries per 15 minutes per user. */
export const passwordChangeThrottle = limiter.define('password_change', (ctx) =>
  limiter
    .allowRequests(10)
    .every('15 minutes')
    .usingKey(`password_change_${ctx.auth.user?.id ?? ctx.request.ip()}`)
    .limitExceeded((error) => {
      error.t('auth.errors.throttled', { minutes: waitMinutes(error.response.availableIn) })
    })
)
