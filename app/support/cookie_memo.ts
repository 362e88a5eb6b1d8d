import { CookieClient } from '@adonisjs/core/http'

/**
 * A small bounded map, least recently used out first: the values one browser sends again and
 * again (its session cookies) stay, a flood of new ones pushes out only the oldest.
 */
export class BoundedMemo<V> {
  #entries = new Map<string, V>()
  constructor(private max: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value === undefined) return undefined
    // Most recently used last.
    this.#entries.delete(key)
    this.#entries.set(key, value)
    return value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key)
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!)
    this.#entries.set(key, value)
  }

  get size(): number {
    return this.#entries.size
  }

  clear(): void {
    this.#entries.clear()
  }
}

/** Signed and encrypted cookie values already verified, by cookie name and exact raw value. */
export const verifiedCookies = new BoundedMemo<{ value: unknown }>(2000)

/**
 * Signed and encrypted request cookies verified (HMAC; decrypted and authenticated) once per
 * distinct value instead of on every request: a browser sends the same session cookies with
 * every request, and checking them was a tenth of the CPU time of a signed-in page.
 *
 * Same bytes, same result: only a value that verified is remembered, under its cookie name and
 * its exact raw text, so a changed (tampered) byte is a different key and is verified — and
 * refused — as before. The framework signs and encrypts cookies without an expiry of their own
 * (CookieClient passes none), so there is no expiry a remembered result could outlive; the
 * session's own limits (idle timeout, revocation) are checked on every request from the
 * session's values and `user_sessions` (app/access/user_sessions.ts), not here. A remembered
 * object is handed out as a copy, so a caller that changes it (the session) changes only its own.
 */
export function installCookieMemo(): void {
  const proto = CookieClient.prototype
  const unsign = proto.unsign
  const decrypt = proto.decrypt
  proto.unsign = function (this: CookieClient, key: string, value: string) {
    return remembered(`s\u0000${key}\u0000${value}`, () => unsign.call(this, key, value))
  }
  proto.decrypt = function (this: CookieClient, key: string, value: string) {
    return remembered(`e\u0000${key}\u0000${value}`, () => decrypt.call(this, key, value))
  }
}

function remembered(key: string, verify: () => any): any {
  const known = verifiedCookies.get(key)
  if (known) return copy(known.value)
  const value = verify()
  if (value === null || value === undefined) return value
  verifiedCookies.set(key, { value: copy(value) })
  return value
}

function copy<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value
}
