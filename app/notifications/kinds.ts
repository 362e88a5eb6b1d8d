import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { moduleRegistry } from '#app/registry/main'
import type { NotificationDefinition, NotificationEmail } from '#app/registry/types'

export const EMAIL_MODES: NotificationEmail[] = ['off', 'immediate', 'digest']

/** A registered kind: `<source>.<kind>` with its label and default e-mail delivery. */
export interface NotificationKind {
  key: string
  /** `kernel` or the module that declares it. */
  source: string
  label: string
  defaultEmail: NotificationEmail
}

/**
 * The kernel's own kinds, declared the way a manifest declares a module's. Labels live in
 * resources/lang/<locale>/notifications.json.
 */
export const KERNEL_KINDS: NotificationDefinition[] = [
  // A background job of the organization failed for good: its administrators hear of it.
  { kind: 'job_failed', label: 'notifications.kinds.job_failed', defaultEmail: 'immediate' },
  // An import the user started has finished (called by the import pipeline).
  { kind: 'import_finished', label: 'notifications.kinds.import_finished', defaultEmail: 'off' },
  // A bulk action the user started on a list, run as a job, has finished (app/bulk).
  { kind: 'bulk_finished', label: 'notifications.kinds.bulk_finished', defaultEmail: 'off' },
]

export class UnregisteredNotificationKindError extends Error {
  constructor(kind: string) {
    super(
      `Notification kind "${kind}" is not declared by any loaded manifest (notifications: ` +
        `[{ kind, label, defaultEmail }]) nor by the kernel`
    )
    this.name = 'UnregisteredNotificationKindError'
  }
}

let probes: NotificationKind[] = []

/** Every kind: the kernel's, then each loaded module's, in graph order. */
export async function notificationKinds(): Promise<NotificationKind[]> {
  const registry = await moduleRegistry()
  const declared = (source: string, list: NotificationDefinition[] = []) =>
    list.map((n) => ({
      key: `${source}.${n.kind}`,
      source,
      label: n.label,
      defaultEmail: n.defaultEmail,
    }))
  return [
    ...declared('kernel', KERNEL_KINDS),
    ...registry.modules.flatMap((m) => declared(m.manifest.name, m.manifest.notifications)),
    ...probes,
  ]
}

/**
 * The registered kind `key`. Unknown: throws outside production (a typo must fail its test);
 * in production it is logged and the notification dropped (null).
 */
export async function findKind(key: string): Promise<NotificationKind | null> {
  const found = (await notificationKinds()).find((k) => k.key === key)
  if (found) return found
  if (!app.inProduction) throw new UnregisteredNotificationKindError(key)
  logger.warn({ kind: key }, 'notification of an unregistered kind dropped')
  return null
}

/** Tests only: a kind no manifest declares. Returns the function that forgets it. */
export function registerProbeKind(kind: NotificationKind): () => void {
  probes = [...probes, kind]
  return () => {
    probes = probes.filter((k) => k !== kind)
  }
}
