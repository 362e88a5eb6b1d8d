import app from '@adonisjs/core/services/app'
import cache from '@adonisjs/cache/services/main'
import type { CacheProvider } from '@adonisjs/cache/types'

/**
 * Per-request facts that rarely change, cached across requests and across app instances
 * (config/cache.ts), each with the one place that invalidates it:
 *
 * - `grants:<userId>` (tag `grants`): a user's permissions and record scopes. Any change to
 *   roles, role grants or a user's roles drops them all (`forgetGrants`), an admin-rare event.
 * - `modules:<organizationId>`: the modules installed for an organization (`forgetModules`).
 * - `licence:content`: the installed licence (`forgetLicence`).
 * - `organization:<id>` (tag `organizations`): an organization's row (`forgetOrganizations`,
 *   called by the model on every save and by the direct updates of the seat quotas).
 * - `currencies:<organizationId>`: an organization's currencies, shared with every page
 *   (`forgetCurrencies`, called by each write of app/settings/currencies.ts).
 * - `lists:<organizationId>`: the values of an organization's editable lists (`forgetLists`,
 *   called by each write of app/settings/lists.ts).
 *
 * Values are stored as JSON text (Sets and Maps included), so every instance reads the same
 * thing whatever the store.
 */
/** Said by the commands that change what a running server caches. */
export const RUNNING_SERVER_NOTE =
  'A running Cartera server sees this within a minute (at once with CACHE_STORE=redis).'

/**
 * With Redis every instance hears each invalidation, so entries may live 10 minutes. The memory
 * store serves one web process: a change made elsewhere (an ace command, a second instance set
 * up without Redis) reaches it when its copy expires, after at most a minute.
 */
const ttl = () => (app.config.get('cache.default') === 'redis' ? '10m' : '1m')

/** JSON with Sets and Maps kept (grants hold both). */
export function pack(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Set) return { $set: [...v] }
    if (v instanceof Map) return { $map: [...v] }
    return v
  })
}

export function unpack<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (Array.isArray(v.$set) && Object.keys(v).length === 1) return new Set(v.$set)
      if (Array.isArray(v.$map) && Object.keys(v).length === 1) return new Map(v.$map)
    }
    return v
  }) as T
}

/** The configured store; `on` lets a test stand for a second app instance. */
type Store = Pick<CacheProvider, 'getOrSet' | 'delete' | 'deleteByTag' | 'clear'>

async function remember<T>(
  key: string,
  tags: string[],
  load: () => Promise<T>,
  on: Store
): Promise<T> {
  const text = await on.getOrSet({ key, ttl: ttl(), tags, factory: async () => pack(await load()) })
  return unpack<T>(text)
}

export function cachedGrants<T>(
  userId: number,
  load: () => Promise<T>,
  on: Store = cache
): Promise<T> {
  return remember(`grants:${userId}`, ['grants'], load, on)
}

export async function forgetGrants(on: Store = cache): Promise<void> {
  await on.deleteByTag({ tags: ['grants'] })
}

export function cachedModules(
  organizationId: number,
  load: () => Promise<string[]>
): Promise<string[]> {
  return remember(`modules:${organizationId}`, ['modules'], load, cache)
}

export async function forgetModules(organizationId: number): Promise<void> {
  await cache.delete({ key: `modules:${organizationId}` })
}

export function cachedLicence(
  ttlSeconds: number,
  load: () => Promise<string | null>
): Promise<string | null> {
  if (ttlSeconds <= 0) return load()
  return cache
    .getOrSet({
      key: 'licence:content',
      ttl: ttlSeconds * 1000,
      factory: async () => pack(await load()),
    })
    .then((text) => unpack<string | null>(text))
}

export async function forgetLicence(): Promise<void> {
  await cache.delete({ key: 'licence:content' })
}

export function cachedOrganization<T>(id: number, load: () => Promise<T>): Promise<T> {
  return remember(`organization:${id}`, ['organizations'], load, cache)
}

export async function forgetOrganizations(): Promise<void> {
  await cache.deleteByTag({ tags: ['organizations'] })
}

export function cachedCurrencies<T>(organizationId: number, load: () => Promise<T>): Promise<T> {
  return remember(`currencies:${organizationId}`, ['currencies'], load, cache)
}

export async function forgetCurrencies(organizationId: number): Promise<void> {
  await cache.delete({ key: `currencies:${organizationId}` })
}

export function cachedLists<T>(organizationId: number, load: () => Promise<T>): Promise<T> {
  return remember(`lists:${organizationId}`, ['lists'], load, cache)
}

export async function forgetLists(organizationId: number): Promise<void> {
  await cache.delete({ key: `lists:${organizationId}` })
}

/** Empties every cached fact (tests, between one test and the next). */
export async function forgetAll(): Promise<void> {
  await cache.clear()
}
