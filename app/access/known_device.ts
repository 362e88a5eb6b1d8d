import { createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'

const COOKIE = 'known_device'
/** Accounts remembered per browser (a shared computer): the most recent ones. */
const MAX_ACCOUNTS = 5

/** Short fingerprint of a normalised e-mail: the cookie names no address. */
const fingerprint = (account: string) =>
  createHash('sha256').update(account).digest('base64url').slice(0, 22)

function accounts(ctx: HttpContext): string[] {
  const value = ctx.request.encryptedCookie(COOKIE)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/**
 * True when this browser signed in to the account before: it carries the encrypted (so also
 * signed), long-lived cookie set at a successful login. Such a device skips the per-account
 * failure delay (a stranger's wrong guesses never lock its owner out); per-IP limits still apply.
 */
export function isKnownDevice(ctx: HttpContext, account: string): boolean {
  return accounts(ctx).includes(fingerprint(account))
}

/** Remembers, on this browser, that it signed in to the account. */
export function rememberDevice(ctx: HttpContext, account: string): void {
  const mine = fingerprint(account)
  const list = [mine, ...accounts(ctx).filter((a) => a !== mine)].slice(0, MAX_ACCOUNTS)
  ctx.response.encryptedCookie(COOKIE, list, {
    maxAge: '400d',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.inProduction,
    path: '/login',
  })
}
