import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { flatten } from '@poppinss/utils'
import { moduleRegistry } from './main.js'

/**
 * i18n loader for modules: modules/<name>/lang/<locale>.json, with every key prefixed by the
 * module name so modules never collide.
 */
export function moduleTranslationsLoader() {
  return {
    async load() {
      const registry = await moduleRegistry()
      const bag: Record<string, Record<string, string>> = {}
      for (const { manifest, dir } of registry.modules) {
        if (!manifest.lang) continue
        for (const locale of ['es', 'en']) {
          let text: string
          try {
            text = await readFile(join(dir, manifest.lang, `${locale}.json`), 'utf8')
          } catch {
            continue
          }
          const flat = flatten<Record<string, string>>({ [manifest.name]: JSON.parse(text) })
          bag[locale] = { ...bag[locale], ...flat }
        }
      }
      return bag
    },
  }
}
