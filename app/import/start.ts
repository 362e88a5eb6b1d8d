import { randomUUID } from 'node:crypto'
import { copyFile, mkdir, rm } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { dataPath } from '#app/support/paths'
import { formatOf, sniff, type ReadOptions } from './read.js'
import { headerOf } from './context.js'
import { rememberedMapping, suggestMapping, type Mapping } from './mapping.js'
import { importDefinition, loadRun, updateRun } from './runs.js'
import { ImportFileError } from './errors.js'
import { insertIdOf } from './sql.js'

export interface StartParams {
  organizationId: number
  userId: number
  resource: string
  /** The uploaded file (a temporary copy: it is copied into the data directory). */
  path: string
  fileName: string
  override?: Partial<ReadOptions>
  /** Column → field; suggested from the headers (and the remembered mapping) when absent. */
  mapping?: Mapping
  /** Keep the file where it is (the shell) instead of copying it under DATA_DIR/imports. */
  inPlace?: boolean
}

/** Sniffs the file and reads its header: the options, the header cells, and a suggested mapping. */
export async function inspect(
  path: string,
  fileName: string,
  resource: string,
  organizationId: number,
  override: Partial<ReadOptions> = {}
) {
  const format = override.format ?? formatOf(fileName)
  if (!format) throw new ImportFileError('import.errors.format')
  const def = await importDefinition(resource, organizationId)
  if (!def) throw new ImportFileError('import.errors.not_importable')
  const options = await sniff(path, format, override)
  const headers = await headerOf(path, options)
  if (!headers.some((h) => h)) throw new ImportFileError('import.errors.empty')
  const mapping = suggestMapping(
    headers,
    def.fields,
    await rememberedMapping(organizationId, resource)
  )
  return { options, headers, mapping, def }
}

/** A new import run in `uploaded` state, its file kept under DATA_DIR/imports. */
export async function startImport(params: StartParams) {
  const { options, headers, mapping } = await inspect(
    params.path,
    params.fileName,
    params.resource,
    params.organizationId,
    params.override
  )
  let filePath = params.path
  if (!params.inPlace) {
    await mkdir(dataPath('imports'), { recursive: true })
    filePath = dataPath('imports', `${randomUUID()}.${options.format}`)
    await copyFile(params.path, filePath)
  }
  const now = dbTimestamp()
  const id = await insertIdOf(db.connection(), 'import_runs', {
    organization_id: params.organizationId,
    user_id: params.userId,
    resource: params.resource,
    status: 'uploaded',
    file_name: params.fileName.slice(0, 255),
    file_path: filePath,
    format: options.format,
    options: JSON.stringify(options),
    headers: JSON.stringify(headers),
    mapping: JSON.stringify(params.mapping ?? mapping),
    created_at: now,
    updated_at: now,
  })
  return (await loadRun(id))!
}

/** Re-reads the file with other options (encoding, delimiter, sheet) and suggests again. */
export async function reinspect(runId: number, override: Partial<ReadOptions>) {
  const run = (await loadRun(runId))!
  const { options, headers, mapping } = await inspect(
    run.filePath,
    run.fileName,
    run.resource,
    run.organizationId,
    { ...override, format: run.options.format }
  )
  await updateRun(runId, { options, headers, mapping, status: 'uploaded' })
  return (await loadRun(runId))!
}

/** Deletes the stored file of a run (after a rollback, or when the run is abandoned). */
export async function dropFile(path: string) {
  await rm(path, { force: true })
}
