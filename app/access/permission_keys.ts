import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'

/**
 * The permission keys the loaded manifests register (resource × action, plus `permissions`).
 * A check of any other key is a typo or a forgotten manifest entry: it would pass every
 * administrator-only test (administrators hold everything) and answer 403 to everyone else.
 * So, outside production, checking an unregistered key throws; in production it is logged as
 * a warning and denied — to administrators too.
 *
 * Administration itself is guarded by the role's administrator flag, not by a key.
 */
export class UnregisteredPermissionError extends Error {
  constructor(
    readonly permission: string,
    known: ReadonlySet<string>
  ) {
    const resource = permission.split('.').slice(0, -1).join('.')
    const siblings = [...known].filter((k) => k.startsWith(`${resource}.`)).sort()
    super(
      `Permission "${permission}" is not registered by any loaded module manifest ` +
        `(resources × actions, or permissions)` +
        (siblings.length ? `; "${resource}" registers: ${siblings.join(', ')}` : '')
    )
    this.name = 'UnregisteredPermissionError'
  }
}

export type UnregisteredPolicy = 'throw' | 'deny'

let registered: ReadonlySet<string> | null = null
let probes = new Set<string>()
let policyOverride: UnregisteredPolicy | null = null

/** Called by the registry once the manifests are loaded. */
export function registerPermissionKeys(keys: Iterable<string>): void {
  registered = new Set(keys)
}

/**
 * Tests only: keys of probe resources that no manifest declares (kernel tests on their own
 * tables). Returns the function that forgets them.
 */
export function registerProbePermissionKeys(keys: string[]): () => void {
  probes = new Set([...probes, ...keys])
  return () => {
    probes = new Set([...probes].filter((k) => !keys.includes(k)))
  }
}

/** `throw` in development and tests, `deny` (with a warning) in production. */
export function unregisteredPolicy(): UnregisteredPolicy {
  return policyOverride ?? (app.inProduction ? 'deny' : 'throw')
}

/** Tests only: forces a policy; returns the function that restores the default. */
export function forceUnregisteredPolicy(policy: UnregisteredPolicy): () => void {
  policyOverride = policy
  return () => {
    policyOverride = null
  }
}

/**
 * Whether `permission` is registered. Unregistered: throws (policy `throw`) or logs a warning
 * and answers false (policy `deny`). Before the registry has loaded nothing can be judged and
 * every key passes (requests always run after it has).
 */
export function isRegisteredPermission(permission: string): boolean {
  if (!registered || registered.has(permission) || probes.has(permission)) return true
  if (unregisteredPolicy() === 'throw')
    throw new UnregisteredPermissionError(permission, registered)
  logger.warn({ permission }, 'permission check of an unregistered key denied')
  return false
}
