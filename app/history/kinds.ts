import logger from '@adonisjs/core/services/logger'
import { unregisteredPolicy } from '#app/access/permission_keys'

/*
 * The names history is written under: timeline entry kinds and audit actions.
 *
 * The kernel's own names have no dot (`created`, `update`…) and are labelled in the kernel's
 * lang files (timeline.kinds.<kind>, admin.audit.actions.<action>). Any module may write
 * them. A module's own names are `<module>.<name>` (e.g. `crm.call_logged`), declared in its
 * manifest (`timelineKinds`, `auditActions`) with the i18n key of their label in the module's
 * lang files. Writing any other name is a typo or a forgotten declaration: outside production
 * the writer throws; in production it logs a warning and writes the entry anyway (losing
 * history would be worse than an entry shown under its raw name).
 */

/** Timeline kinds of the kernel (written by the kernel, or by any module for generic events). */
export const KERNEL_TIMELINE_KINDS = [
  'created',
  'updated',
  // Notes are generic: the shared timeline widget shows, edits and deletes them.
  'note',
  'note_deleted',
  'binned',
  'restored',
  'import_reverted',
  'document_added',
  'document_deleted',
  'document_restored',
] as const

/** Audit actions of the kernel. `export` is an entry about a list (subject id 0). */
export const KERNEL_AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'restore',
  'purge',
  'export',
] as const

/** A kernel audit action, or a module's declared `<module>.<name>`. */
export type AuditAction = (typeof KERNEL_AUDIT_ACTIONS)[number] | `${string}.${string}`

/** A module's timeline kind as the kernel keeps it. */
export interface TimelineKindLabel {
  /** i18n key of the entry's title; receives `{actor}`. */
  label: string
  /** Icon name (resources/js/ui/timeline.tsx); a dot when absent or unknown. */
  icon?: string
}

export class UnregisteredHistoryNameError extends Error {
  constructor(what: 'timeline kind' | 'audit action', name: string) {
    super(
      `History ${what} "${name}" is neither the kernel's nor declared by a loaded manifest ` +
        `(${what === 'timeline kind' ? 'timelineKinds' : 'auditActions'}: [{ ${
          what === 'timeline kind' ? 'kind' : 'action'
        }: '<module>.<name>', label }])`
    )
    this.name = 'UnregisteredHistoryNameError'
  }
}

/**
 * The filter chips of a record's timeline (record pages): the kernel's groups of its own kinds,
 * then the modules' (manifest `timelineKinds[].filter`). `label` is an i18n key.
 */
export interface TimelineFilter {
  key: string
  label: string
  kinds: string[]
}

const KERNEL_FILTERS: TimelineFilter[] = [
  { key: 'notes', label: 'timeline.filters.notes', kinds: ['note', 'note_deleted'] },
  {
    key: 'changes',
    label: 'timeline.filters.changes',
    kinds: ['created', 'updated', 'binned', 'restored', 'import_reverted'],
  },
  {
    key: 'documents',
    label: 'timeline.filters.documents',
    kinds: ['document_added', 'document_deleted', 'document_restored'],
  },
]

let moduleFilters: { kind: string; filter: string }[] = []

/** The chips in order, each with every kind it shows (module kinds included). */
export function timelineFilters(): TimelineFilter[] {
  const filters = KERNEL_FILTERS.map((f) => ({ ...f, kinds: [...f.kinds] }))
  for (const { kind, filter } of moduleFilters) {
    let chip = filters.find((f) => f.key === filter)
    if (!chip) {
      chip = { key: filter, label: filter, kinds: [] }
      filters.push(chip)
    }
    chip.kinds.push(kind)
  }
  return filters
}

/** The kinds of one chip; undefined for an unknown chip (the timeline then shows everything). */
export function timelineFilterKinds(key: string | undefined | null): string[] | undefined {
  if (!key) return undefined
  return timelineFilters().find((f) => f.key === key)?.kinds
}

let moduleMessageKinds: { kind: string; message: 'in' | 'out' }[] = []
const probeMessageKinds: { kind: string; message: 'in' | 'out' }[] = []

/**
 * The declared kinds of messages exchanged with a record's people (manifest
 * `timelineKinds[].message`): `in` received, `out` sent.
 */
export function messageKinds(direction: 'in' | 'out'): string[] {
  return [...moduleMessageKinds, ...probeMessageKinds]
    .filter((k) => k.message === direction)
    .map((k) => k.kind)
}

let moduleKinds: Map<string, TimelineKindLabel> | null = null
let moduleActions: Map<string, string> | null = null
const probeKinds = new Map<string, TimelineKindLabel>()
const probeActions = new Map<string, string>()

/** Called by the registry once the manifests are loaded. */
export function registerHistoryNames(declared: {
  kinds: { kind: string; label: string; icon?: string; filter?: string; message?: 'in' | 'out' }[]
  actions: { action: string; label: string }[]
}): void {
  moduleFilters = declared.kinds.flatMap((k) =>
    k.filter ? [{ kind: k.kind, filter: k.filter }] : []
  )
  moduleMessageKinds = declared.kinds.flatMap((k) =>
    k.message ? [{ kind: k.kind, message: k.message }] : []
  )
  moduleKinds = new Map(declared.kinds.map((k) => [k.kind, { label: k.label, icon: k.icon }]))
  moduleActions = new Map(declared.actions.map((a) => [a.action, a.label]))
}

/**
 * Tests only: kinds and actions no manifest declares (a probe module). Returns the function
 * that forgets them.
 */
export function registerProbeHistoryNames(probe: {
  kinds?: { kind: string; label: string; icon?: string; message?: 'in' | 'out' }[]
  actions?: { action: string; label: string }[]
}): () => void {
  for (const k of probe.kinds ?? []) {
    probeKinds.set(k.kind, { label: k.label, icon: k.icon })
    if (k.message) probeMessageKinds.push({ kind: k.kind, message: k.message })
  }
  for (const a of probe.actions ?? []) probeActions.set(a.action, a.label)
  return () => {
    for (const k of probe.kinds ?? []) {
      probeKinds.delete(k.kind)
      const i = probeMessageKinds.findIndex((m) => m.kind === k.kind)
      if (i >= 0) probeMessageKinds.splice(i, 1)
    }
    for (const a of probe.actions ?? []) probeActions.delete(a.action)
  }
}

const kernelKinds: ReadonlySet<string> = new Set(KERNEL_TIMELINE_KINDS)
const kernelActions: ReadonlySet<string> = new Set(KERNEL_AUDIT_ACTIONS)

/** A module kind's label and icon; undefined for kernel kinds and unknown ones. */
export function timelineKindLabel(kind: string): TimelineKindLabel | undefined {
  return probeKinds.get(kind) ?? moduleKinds?.get(kind)
}

/** A module action's label key; undefined for kernel actions and unknown ones. */
export function auditActionLabel(action: string): string | undefined {
  return probeActions.get(action) ?? moduleActions?.get(action)
}

function check(what: 'timeline kind' | 'audit action', name: string, known: boolean) {
  if (known) return
  if (unregisteredPolicy() === 'throw') throw new UnregisteredHistoryNameError(what, name)
  logger.warn({ [what === 'timeline kind' ? 'kind' : 'action']: name }, `unregistered ${what}`)
}

/**
 * Refuses a kind that is neither the kernel's nor declared (throws outside production, logs in
 * production). Before the registry has loaded only kernel names and `<x>.<y>` names pass.
 */
export function assertTimelineKind(kind: string): void {
  const known =
    kernelKinds.has(kind) ||
    probeKinds.has(kind) ||
    (moduleKinds ? moduleKinds.has(kind) : kind.includes('.'))
  check('timeline kind', kind, known)
}

/** The same for an audit action. */
export function assertAuditAction(action: string): void {
  const known =
    kernelActions.has(action) ||
    probeActions.has(action) ||
    (moduleActions ? moduleActions.has(action) : action.includes('.'))
  check('audit action', action, known)
}
