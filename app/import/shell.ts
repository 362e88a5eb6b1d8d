import { resolve } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { installer } from '#app/registry/services'
import { analyserFor, batchesOf } from './context.js'
import { count, type LineResult } from './engine.js'
import { headerKey, type Mapping } from './mapping.js'
import { commitImport } from './commit.js'
import { inspect, startImport } from './start.js'
import { emptyTotals, importableResources, updateRun, type ImportRun, type Totals } from './runs.js'
import { ImportFileError } from './errors.js'

/*
 * `node ace import`: the same pipeline as the web, for scripts and large files. The file is
 * read where it is; --dry-run analyses it with reads only (no run row, nothing written).
 */

export interface ShellParams {
  resource: string
  file: string
  organization?: string
  mapping?: string
  dryRun?: boolean
}

export interface ShellLine {
  line: number
  outcome: LineResult['outcome']
  of?: string
  key?: string
  reason?: string
}

/** The organization by slug, else the only one; a clear error otherwise. */
export async function organizationFor(slug?: string) {
  if (slug) {
    const org = await db.from('organizations').where('slug', slug).select('id', 'name').first()
    if (!org) throw new ImportFileError('import.shell.unknown_organization', { slug })
    return org
  }
  const orgs = await db.from('organizations').orderBy('id').limit(50).select('id', 'slug')
  if (orgs.length === 1) return orgs[0]
  if (!orgs.length) throw new ImportFileError('import.shell.no_organization')
  throw new ImportFileError('import.shell.several_organizations', {
    slugs: orgs.map((o) => o.slug).join(', '),
  })
}

/** The organization's first active administrator acts for the shell. */
async function administratorOf(organizationId: number) {
  const admin = await db
    .from('users as u')
    .join('user_roles as ur', 'ur.user_id', 'u.id')
    .join('roles as r', 'r.id', 'ur.role_id')
    .where('u.organization_id', organizationId)
    .where('u.is_active', true)
    .where('r.is_admin', true)
    .orderBy('u.id')
    .select('u.id', 'u.locale')
    .first()
  if (!admin) throw new ImportFileError('import.shell.no_administrator')
  return { id: Number(admin.id), locale: (admin.locale as string) ?? 'es' }
}

/** `--mapping='{"Razón":"name","Notas":null}'` on top of the suggestion (by header name). */
function applyMapping(headers: string[], suggested: Mapping, json?: string): Mapping {
  if (!json) return suggested
  let given: unknown
  try {
    given = JSON.parse(json)
  } catch {
    throw new ImportFileError('import.shell.bad_mapping')
  }
  if (Array.isArray(given)) return headers.map((_, i) => (given as Mapping)[i] ?? null)
  if (!given || typeof given !== 'object') throw new ImportFileError('import.shell.bad_mapping')
  const byHeader = new Map(Object.entries(given).map(([h, f]) => [headerKey(h), f || null]))
  return headers.map((h, i) =>
    byHeader.has(headerKey(h)) ? (byHeader.get(headerKey(h)) as string | null) : suggested[i]
  )
}

export async function importFromShell(params: ShellParams) {
  const resources = await importableResources()
  const resource = resources.find((r) => r.key === params.resource)
  if (!resource)
    throw new ImportFileError('import.shell.unknown_resource', {
      resource: params.resource,
      resources: resources.map((r) => r.key).join(', '),
    })
  const org = await organizationFor(params.organization)
  const organizationId = Number(org.id)
  if (!(await (await installer()).enabled(organizationId)).has(resource.module))
    throw new ImportFileError('import.shell.module_disabled', { module: resource.module })
  const admin = await administratorOf(organizationId)
  const path = resolve(params.file)
  const fileName = path.split(/[\\/]/).pop()!
  const { options, headers, mapping, def } = await inspect(
    path,
    fileName,
    params.resource,
    organizationId
  )
  const finalMapping = applyMapping(headers, mapping, params.mapping)
  const known = new Set(def.fields.map((f) => f.key))
  const unknown = finalMapping.find((f) => f && !known.has(f))
  if (unknown) throw new ImportFileError('import.shell.unknown_field', { field: unknown })
  const t = (key: string, values?: Record<string, unknown>) =>
    i18nManager.locale(admin.locale).t(key, values ?? {})
  const lines: ShellLine[] = []
  const collect = (results: LineResult[]) => {
    for (const r of results) {
      const line: ShellLine = { line: r.line, outcome: r.outcome }
      if (r.of) line.of = `${r.of.kind} ${r.of.id}`
      if (r.key) line.key = r.key
      if (r.reason) line.reason = t(r.reason.key, r.reason.values)
      lines.push(line)
    }
  }
  let totals: Totals
  const probe = { filePath: path, options } as ImportRun
  let hasRows = false
  for await (const first of batchesOf(probe, 1)) {
    hasRows = first.length > 0
    break
  }
  if (!hasRows) throw new ImportFileError('import.errors.header_only')
  if (params.dryRun) {
    const run = {
      id: 0,
      organizationId,
      userId: admin.id,
      resource: params.resource,
      filePath: path,
      options,
      mapping: finalMapping,
    } as ImportRun
    const { analyser } = await analyserFor(run)
    totals = emptyTotals()
    for await (const batch of batchesOf(run)) {
      const results = await analyser.analyse(batch, db.connection())
      count(totals as unknown as Record<string, number>, results)
      collect(results)
    }
  } else {
    const run = await startImport({
      organizationId,
      userId: admin.id,
      resource: params.resource,
      path,
      fileName,
      mapping: finalMapping,
      inPlace: true,
    })
    await updateRun(run.id, { status: 'previewed' })
    totals = await commitImport(run.id, { onLines: collect })
  }
  return { totals, lines }
}
