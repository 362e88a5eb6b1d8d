import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Organization from '#models/organization'
import type User from '#models/user'
import { startImport } from '#app/import/start'

/* Helpers of the complete companies and contacts' tests (accounts_*.spec.ts). */

/** A temporary folder for import files, removed by the returned function. */
export async function importDir() {
  const dir = await mkdtemp(join(tmpdir(), 'cartera-accounts-'))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Starts an import of `content` as file `name` into `resource`. */
export async function importText(
  dir: string,
  org: Organization,
  user: User,
  resource: 'crm.companies' | 'crm.contacts',
  name: string,
  content: string
) {
  const path = join(dir, name)
  await writeFile(path, content)
  return startImport({ organizationId: org.id, userId: user.id, resource, path, fileName: name })
}

/** A CSV export's lines as cells (`;`-separated, the BOM dropped). */
export function csvCells(text: string) {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'))
}
