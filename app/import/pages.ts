import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'
import { lists } from '#app/settings/lists'
import { batchesOf } from './context.js'
import { listRuns, type ImportRun } from './runs.js'
import type { ImportDefinition } from './types.js'

/*
 * What the import pages show, as plain DTOs: the run, its first lines (for the mapping), a
 * page of preview lines filtered by outcome, the history. Messages are translated by `t`.
 */

type T = (key: string, values?: Record<string, unknown>) => string

export const LINES_PAGE = 50

export async function resourceLabel(resource: string): Promise<string | null> {
  const found = (await moduleRegistry()).resources().find((r) => r.key === resource)
  return found?.label ?? null
}

export function runDto(run: ImportRun, t: T) {
  return {
    id: run.id,
    resource: run.resource,
    status: run.status,
    fileName: run.fileName,
    options: run.options,
    headers: run.headers,
    mapping: run.mapping,
    totals: run.totals,
    rowsTotal: run.rowsTotal,
    rowsDone: run.rowsDone,
    error: run.error ? t(run.error.key, run.error.values) : null,
    createdAt: run.createdAt,
    committedAt: run.committedAt,
    rolledBackAt: run.rolledBackAt,
    prunedAt: run.prunedAt,
  }
}

export type RunDto = ReturnType<typeof runDto>

/** The first data lines, for the mapping step. */
export async function samples(run: ImportRun, count = 3): Promise<string[][]> {
  for await (const batch of batchesOf(run, count)) return batch.map((r) => r.cells)
  return []
}

export async function previewLines(
  run: { id: number; organizationId: number },
  def: ImportDefinition,
  t: T,
  locale: string,
  filter: { outcome?: string; after?: number }
) {
  const runId = run.id
  const query = db
    .from('import_lines')
    .where('run_id', runId)
    .orderBy('line')
    .limit(LINES_PAGE + 1)
    .select('line', 'outcome', 'of_kind', 'of_id', 'key', 'reason', 'changes')
  if (filter.outcome) query.where('outcome', filter.outcome)
  if (filter.after) query.where('line', '>', filter.after)
  const rows = await query
  const labels = new Map(def.fields.map((f) => [f.key, f.text ?? t(f.label)]))
  const codes = new Map<string, Record<string, string>>()
  for (const f of def.fields)
    if (f.codes) codes.set(f.key, await lists.labels(run.organizationId, f.codes, locale))
  const displays = new Map(def.fields.filter((f) => f.display).map((f) => [f.key, f.display!]))
  const shown = (field: string, value: unknown) => {
    if (value === null) return value
    if (displays.has(field)) return displays.get(field)!(String(value), (k) => t(k))
    return codes.has(field) ? (codes.get(field)![String(value)] ?? value) : value
  }
  const lines = rows.slice(0, LINES_PAGE).map((r) => ({
    line: Number(r.line),
    outcome: r.outcome as string,
    of: r.of_kind ? { kind: r.of_kind as string, id: Number(r.of_id) } : null,
    key: r.key ? t(`import.keys.${r.key}`) : null,
    reason: r.reason ? translateReason(JSON.parse(r.reason), t) : null,
    changes: (
      (r.changes ? JSON.parse(r.changes) : []) as { field: string; from: unknown; to: unknown }[]
    )
      // A value a definition computes for matching (`_nameKey`) is no field of the record.
      .filter((c) => !c.field.startsWith('_'))
      .map((c) => ({
        field: c.field,
        label: labels.get(c.field) ?? c.field,
        from: shown(c.field, c.from),
        to: shown(c.field, c.to),
      })),
  }))
  return { lines, next: rows.length > LINES_PAGE ? lines[lines.length - 1].line : null }
}

function translateReason(reason: { key: string; values?: Record<string, unknown> }, t: T) {
  return t(reason.key, reason.values ?? {})
}

export async function history(
  organizationId: number,
  resource: string,
  t: T,
  filter: { userId: number | null } = { userId: null }
) {
  return (await listRuns(organizationId, resource, filter)).map((r) => ({
    ...runDto(r, t),
    userName: r.userName,
  }))
}
