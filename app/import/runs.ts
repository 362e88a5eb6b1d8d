import { withCustomImport } from '#app/custom_fields/exchange'
import { withTagsImport } from '#app/tags/exchange'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toDate, toIso } from '#app/support/dates'
import { moduleRegistry } from '#app/registry/main'
import type { ImportDefinition } from './types.js'
import type { ReadOptions } from './read.js'
import type { Mapping } from './mapping.js'

export type RunStatus =
  | 'uploaded'
  | 'previewing'
  | 'previewed'
  | 'committing'
  | 'committed'
  | 'rolling_back'
  | 'rolled_back'
  | 'failed'

export interface Totals {
  created: number
  updated: number
  duplicates: number
  rejected: number
}

export const emptyTotals = (): Totals => ({ created: 0, updated: 0, duplicates: 0, rejected: 0 })

export interface ImportRun {
  id: number
  organizationId: number
  userId: number
  resource: string
  status: RunStatus
  fileName: string
  filePath: string
  options: ReadOptions & { sheets?: string[] }
  headers: string[]
  mapping: Mapping
  totals: Totals
  rowsTotal: number
  rowsDone: number
  committedLine: number
  /** The failure: an i18n key and values (`{key, values}`) or a message. */
  error: { key: string; values?: Record<string, unknown> } | null
  createdAt: string
  committedAt: string | null
  rolledBackAt: string | null
  /** When the nightly pruning removed its file and preview (app/import/prune.ts). */
  prunedAt: string | null
}

/** A step that has not moved for this long died with its process (a restart): it may be resumed. */
const STALLED_MS = 10 * 60 * 1000
const RUNNING = new Set(['previewing', 'committing', 'rolling_back'])

function toRun(r: Record<string, any>): ImportRun {
  const stalled = RUNNING.has(r.status) && Date.now() - toDate(r.updated_at).getTime() > STALLED_MS
  if (stalled)
    return { ...toRun({ ...r, status: 'failed' }), error: { key: 'import.errors.interrupted' } }
  return {
    id: Number(r.id),
    organizationId: Number(r.organization_id),
    userId: Number(r.user_id),
    resource: r.resource,
    status: r.status,
    fileName: r.file_name,
    filePath: r.file_path,
    options: r.options ? JSON.parse(r.options) : { format: 'csv' },
    headers: r.headers ? JSON.parse(r.headers) : [],
    mapping: r.mapping ? JSON.parse(r.mapping) : [],
    totals: r.totals ? JSON.parse(r.totals) : emptyTotals(),
    rowsTotal: Number(r.rows_total),
    rowsDone: Number(r.rows_done),
    committedLine: Number(r.committed_line),
    error: r.error ? JSON.parse(r.error) : null,
    createdAt: toIso(r.created_at),
    committedAt: r.committed_at ? toIso(r.committed_at) : null,
    rolledBackAt: r.rolled_back_at ? toIso(r.rolled_back_at) : null,
    prunedAt: r.pruned_at ? toIso(r.pruned_at) : null,
  }
}

export async function loadRun(id: number, client: QueryClientContract = db.connection()) {
  const row = await client.from('import_runs').where('id', id).first()
  return row ? toRun(row) : null
}

/** The run of an organization (null when it is another's). */
export async function runOf(organizationId: number, id: number) {
  const run = await loadRun(id)
  return run && run.organizationId === organizationId ? run : null
}

/** The latest runs of a resource; only `userId`'s when given (a non-administrator sees her own). */
export async function listRuns(
  organizationId: number,
  resource: string,
  { userId = null, limit = 20 }: { userId?: number | null; limit?: number } = {}
) {
  const query = db
    .from('import_runs as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .where('r.organization_id', organizationId)
    .where('r.resource', resource)
  if (userId !== null) query.where('r.user_id', userId)
  const rows = await query
    .orderBy('r.id', 'desc')
    .limit(limit)
    .select('r.*', 'u.full_name as user_name')
  return rows.map((r) => ({ ...toRun(r), userName: (r.user_name as string) ?? null }))
}

type RunPatch = Partial<{
  status: RunStatus
  options: unknown
  headers: string[]
  mapping: Mapping
  totals: Totals
  rows_total: number
  rows_done: number
  committed_line: number
  error: unknown
  committed_at: string | null
  rolled_back_at: string | null
}>

export async function updateRun(
  id: number,
  patch: RunPatch,
  client: QueryClientContract = db.connection()
) {
  const row: Record<string, unknown> = { updated_at: dbTimestamp() }
  for (const [k, v] of Object.entries(patch)) {
    row[k] = ['options', 'headers', 'mapping', 'totals', 'error'].includes(k)
      ? v === null
        ? null
        : JSON.stringify(v)
      : v
  }
  await client.from('import_runs').where('id', id).update(row)
}

/**
 * Moves a run from one of `from` to `to` in one conditional statement: of two requests racing
 * to start the same step, one wins (true) and the other finds it already started (false).
 */
export async function claimRun(id: number, from: RunStatus[], to: RunStatus): Promise<boolean> {
  const changed = await db
    .from('import_runs')
    .where('id', id)
    .whereIn('status', from)
    .update({ status: to, error: null, updated_at: dbTimestamp() })
  return Number(Array.isArray(changed) ? changed[0] : changed) === 1
}

/**
 * The import definition a resource declares in its manifest, or null; with the organization,
 * extended with a target per active custom field of the resource (`cf.<key>`) and, when the
 * resource takes tags, an "Etiquetas" target (app/tags/exchange.ts).
 */
export async function importDefinition(
  resource: string,
  organizationId?: number
): Promise<ImportDefinition | null> {
  const registry = await moduleRegistry()
  const found = registry.resources().find((r) => r.key === resource)
  if (!found?.import) return null
  const def = (await found.import()).default as ImportDefinition
  if (organizationId === undefined) return def
  const custom = found.customFields ? await withCustomImport(def, resource, organizationId) : def
  return found.tags ? withTagsImport(custom, resource, organizationId) : custom
}

/** Resources that accept import, with their module. */
export async function importableResources() {
  const registry = await moduleRegistry()
  return registry.resources().filter((r) => r.import)
}
