import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import { TABLE } from './documents.js'

/** Keys looked up in the documents table per query. */
const BATCH = 500

export interface SweepParams {
  /** The drive folder swept (`putSystemFile`'s `area`, e.g. `mail`); never the whole drive. */
  area: string
  /** Only files last written more than this long ago: a capture still running is never touched. */
  olderThanMs: number
  /** The sweep's clock (tests). */
  now?: number
}

/**
 * Removes drive files under `area` that no documents row names and that are older than the
 * threshold: what a process killed between storing a capture's files and committing their rows
 * left behind. Files are checked in batches against `documents.stored_key` (any organization,
 * in the bin or not), so a referenced file always stays. Returns the keys removed.
 */
export async function sweepOrphanFiles(params: SweepParams): Promise<string[]> {
  if (!/^[a-z0-9_-]+$/.test(params.area)) throw new Error(`invalid drive area "${params.area}"`)
  const disk = drive.use()
  const cutoff = (params.now ?? Date.now()) - params.olderThanMs
  const removed: string[] = []
  let candidates: string[] = []
  const flush = async () => {
    const keys = candidates
    candidates = []
    if (!keys.length) return
    const known = await db.from(TABLE).whereIn('stored_key', keys).select('stored_key')
    const referenced = new Set(known.map((r) => r.stored_key as string))
    for (const key of keys) {
      if (referenced.has(key)) continue
      await disk.delete(key)
      removed.push(key)
    }
  }
  let token: string | undefined
  do {
    const page = await listPage(params.area, token)
    token = page.paginationToken
    for (const object of page.objects) {
      if (!object.isFile) continue
      const meta = await object.getMetaData()
      if (meta.lastModified.getTime() > cutoff) continue
      candidates.push(object.key)
      if (candidates.length >= BATCH) await flush()
    }
  } while (token)
  await flush()
  return removed
}

/** One page of the area's files; an area nothing was ever written to is empty. */
async function listPage(area: string, paginationToken?: string) {
  try {
    return await drive.use().listAll(`${area}/`, { recursive: true, paginationToken })
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      return { objects: [], paginationToken: undefined }
    throw error
  }
}
