import { createHash, randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import cache from '@adonisjs/cache/services/main'
import db from '@adonisjs/lucid/services/db'
import type { CacheProvider } from '@adonisjs/cache/types'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

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
 * - `custom_fields:<organizationId>`: an organization's custom field definitions
 *   (`forgetCustomFields`, called by each write of app/custom_fields/admin.ts).
 * - `auth:<userId>`, a version token under which the signed-in user's row (`user:<id>:<v>`)
 *   and each of their browser sessions (`session:<key>:<v>`) are kept. `forgetAuth` replaces
 *   it whenever the user is saved or (de)activated and whenever one of their sessions is
 *   revoked, expires or is touched: every instance then reads both anew.
 * - `records:<organizationId>:<resource>`, a version token of a resource's rows; list counts
 *   (`count:…:<v>:<query>`) and list pages (`page:…`, also under the users version: they show
 *   owners' names) live under it. `recordsChanged` replaces it after every create, update or
 *   delete of such a row.
 * - `users`, a version token of the users lists (`users:<what>:<v>`: owner pickers, active
 *   seat counts). `forgetUsers` replaces it when a user is created, deleted, renamed,
 *   (de)activated, moved or given another manager.
 *
 * A version token is dropped rather than its entries: one key, deleted on every instance by
 * the bus, and entries written under an old token are never read again (they expire). Changes
 * made in a transaction are announced once it commits (`afterCommit`), so no instance re-reads
 * the old row in between.
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
let ttlMs: number | undefined
// In milliseconds, worked out once: a duration string was parsed again for every cache read.
const ttl = () => (ttlMs ??= app.config.get('cache.default') === 'redis' ? 600_000 : 60_000)

/** JSON with Sets and Maps kept (grants hold both). */
export function pack(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Set) return { $set: [...v] }
    if (v instanceof Map) return { $map: [...v] }
    return v
  })
}

export function unpack<T>(text: string): T {
  // A reviver slows parsing several times over: only text that may hold a Set or Map takes it.
  if (!text.includes('"$set"') && !text.includes('"$map"')) return JSON.parse(text) as T
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (Array.isArray(v.$set) && Object.keys(v).length === 1) return new Set(v.$set)
      if (Array.isArray(v.$map) && Object.keys(v).length === 1) return new Map(v.$map)
    }
    return v
  }) as T
}

/** The configured store; `on` lets a test stand for a second app instance. */
export type Store = Pick<CacheProvider, 'getOrSet' | 'delete' | 'deleteByTag' | 'clear'>

async function remember<T>(
  key: string,
  tags: string[],
  load: () => Promise<T>,
  on: Store
): Promise<T> {
  const text = await on.getOrSet({ key, ttl: ttl(), tags, factory: async () => pack(await load()) })
  return parsed<T>(key, text)
}

/**
 * Parsing is most of what a cache hit costs (a list page is 8 KB of JSON, a signed-in request
 * reads a dozen entries, some several times): the value parsed from an entry's text is kept,
 * for the last few thousand keys, and handed out again while the store still holds that same
 * text. A different text (the entry was replaced) is parsed anew. Since every request then gets
 * the same object, it is frozen, objects and arrays all the way down: a caller that wants to
 * change a cached value must copy it (a Set or Map inside, the grants' say, cannot be frozen:
 * nothing changes those).
 */
const PARSED_MAX = 5000
const parsedValues = new Map<string, { text: string; value: unknown }>()

function parsed<T>(key: string, text: string): T {
  const known = parsedValues.get(key)
  if (known && known.text === text) return known.value as T
  const value = deepFreeze(unpack<T>(text))
  if (known) parsedValues.delete(key)
  else if (parsedValues.size >= PARSED_MAX) parsedValues.delete(parsedValues.keys().next().value!)
  parsedValues.set(key, { text, value })
  return value
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  if (value instanceof Set) for (const item of value) deepFreeze(item)
  else if (value instanceof Map) for (const item of value.values()) deepFreeze(item)
  else {
    Object.freeze(value)
    for (const item of Object.values(value)) deepFreeze(item)
  }
  return value
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

export function cachedCustomFields<T>(organizationId: number, load: () => Promise<T>): Promise<T> {
  return remember(`custom_fields:${organizationId}`, ['custom_fields'], load, cache)
}

export async function forgetCustomFields(organizationId: number): Promise<void> {
  await cache.delete({ key: `custom_fields:${organizationId}` })
}

/**
 * Runs `work` once `client`'s transaction has committed; at once outside a transaction, and
 * for a global transaction (tests run each inside one that never commits: it stands for the
 * database itself).
 */
export async function afterCommit(
  client: QueryClientContract | null | undefined,
  work: () => Promise<void>
): Promise<void> {
  const global = client && db.connectionGlobalTransactions.get(client.connectionName) === client
  if (client?.isTransaction && !global) (client as unknown as Committable).after('commit', work)
  else await work()
}

interface Committable {
  after(event: 'commit', handler: () => Promise<void>): void
}

/** A version token: a fresh random one whenever the key was dropped. */
function version(key: string, on: Store): Promise<string> {
  return on.getOrSet({ key, ttl: ttl(), factory: async () => randomBytes(9).toString('base64url') })
}

async function underVersion<T>(
  versionKey: string,
  key: (v: string) => string,
  load: () => Promise<T>,
  on: Store
): Promise<T> {
  return remember(key(await version(versionKey, on)), [], load, on)
}

/** The signed-in user's row, as `load` reads it (no password). */
export function cachedAuthUser<T>(
  userId: number,
  load: () => Promise<T>,
  on: Store = cache
): Promise<T> {
  return underVersion(`auth:${userId}`, (v) => `user:${userId}:${v}`, load, on)
}

/** One browser session's record (user_sessions), kept under its user's version. */
export function cachedAuthSession<T>(
  sessionKey: string,
  userId: number,
  load: () => Promise<T>,
  on: Store = cache
): Promise<T> {
  return underVersion(`auth:${userId}`, (v) => `session:${sessionKey}:${v}`, load, on)
}

/** The user's row or one of their sessions changed: every instance reads them anew. */
export function forgetAuth(
  userId: number,
  client?: QueryClientContract | null,
  on: Store = cache
): Promise<void> {
  return afterCommit(client, async () => {
    await on.delete({ key: `auth:${userId}` })
  })
}

/**
 * A list count (or any figure derived from a resource's rows only), keyed by what decides the
 * query that computes it (its SQL with the bindings, or the scope and filters it is built from).
 */
export function cachedCount<T>(
  organizationId: number,
  resource: string,
  query: string,
  load: () => Promise<T>,
  on: Store = cache
): Promise<T> {
  const hash = createHash('sha1').update(query).digest('base64url')
  const prefix = `count:${organizationId}:${resource}`
  return underVersion(
    `records:${organizationId}:${resource}`,
    (v) => `${prefix}:${v}:${hash}`,
    load,
    on
  )
}

/**
 * A page of a list: rows of `resource` with their owners' names, keyed by what decides its
 * query (scope, filters and cursor), under both the resource's version and the users version.
 */
export async function cachedPage<T>(
  organizationId: number,
  resource: string,
  query: string,
  load: () => Promise<T>,
  on: Store = cache
): Promise<T> {
  const hash = createHash('sha1').update(query).digest('base64url')
  const [records, users] = await Promise.all([
    version(`records:${organizationId}:${resource}`, on),
    version('users', on),
  ])
  return remember(`page:${organizationId}:${resource}:${records}:${users}:${hash}`, [], load, on)
}

/** Rows of `resource` were created, changed or deleted in the organization. */
export function recordsChanged(
  organizationId: number,
  resource: string,
  client?: QueryClientContract | null,
  on: Store = cache
): Promise<void> {
  return afterCommit(client, async () => {
    await on.delete({ key: `records:${organizationId}:${resource}` })
  })
}

/** A list of users or a figure about them (`what` names it, organization included). */
export function cachedUsers<T>(
  what: string,
  load: () => Promise<T>,
  on: Store = cache
): Promise<T> {
  return underVersion('users', (v) => `users:${what}:${v}`, load, on)
}

/** A user was created, deleted, renamed, (de)activated, moved or given another manager. */
export function forgetUsers(client?: QueryClientContract | null, on: Store = cache): Promise<void> {
  return afterCommit(client, async () => {
    await on.delete({ key: 'users' })
  })
}

/** Empties every cached fact (tests, between one test and the next). */
export async function forgetAll(): Promise<void> {
  parsedValues.clear()
  await cache.clear()
}
