import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { flatten } from '@poppinss/utils'
import { moduleRegistry } from './main.js'

/**
 * Translation files of one module's lang folder: `<locale>.json` and, for a module split by
 * feature, `<feature>/<locale>.json` (e.g. `lang/leads/es.json`). All hold keys below the
 * module's name ("crm.*"), so a feature's file adds keys without editing a shared file.
 */
export async function moduleLangFiles(langDir: string, locale: string): Promise<string[]> {
  const files = [join(langDir, `${locale}.json`)]
  const entries = await readdir(langDir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name)))
    if (entry.isDirectory()) files.push(join(langDir, entry.name, `${locale}.json`))
  return files
}

/**
 * i18n loader for modules: modules/<name>/lang/<locale>.json (and <feature>/<locale>.json),
 * with every key prefixed by the module name so modules never collide.
 */
export function moduleTranslationsLoader() {
  return {
    async load() {
      const registry = await moduleRegistry()
      const bag: Record<string, Record<string, string>> = {}
      for (const { manifest, dir } of registry.modules) {
        if (!manifest.lang) continue
        for (const locale of ['es', 'en']) {
          for (const file of await moduleLangFiles(join(dir, manifest.lang), locale)) {
            let text: string
            try {
              text = await readFile(file, 'utf8')
            } catch {
              continue
            }
            const flat = flatten<Record<string, string>>({ [manifest.name]: JSON.parse(text) })
            bag[locale] = { ...bag[locale], ...flat }
          }
        }
      }
      return bag
    },
  }
}
