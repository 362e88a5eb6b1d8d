import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { flatten } from '@poppinss/utils'

const LOCALES = ['es', 'en']

/** app/admin/lang/<locale>.json holds "admin.*"; app/admin/<feature>/lang/<locale>.json "admin.<feature>.*". */
async function adminLangFiles(): Promise<{ prefix: string; dir: string }[]> {
  const root = app.makePath('app/admin')
  const entries = await readdir(root, { withFileTypes: true })
  const features = entries
    .filter((e) => e.isDirectory() && e.name !== 'lang')
    .map((e) => ({ prefix: `admin.${e.name}`, dir: join(root, e.name, 'lang') }))
  return [{ prefix: 'admin', dir: join(root, 'lang') }, ...features]
}

/**
 * i18n loader for Administración, laid out by feature like a module: each feature's lang files
 * sit beside its controller and pages, and keep the keys users and tests know ("admin.users.…").
 */
export function adminTranslationsLoader() {
  return {
    async load() {
      const bag: Record<string, Record<string, string>> = {}
      for (const { prefix, dir } of await adminLangFiles()) {
        for (const locale of LOCALES) {
          let text: string
          try {
            text = await readFile(join(dir, `${locale}.json`), 'utf8')
          } catch {
            continue
          }
          const flat = flatten<Record<string, string>>({ [prefix]: JSON.parse(text) })
          bag[locale] = { ...bag[locale], ...flat }
        }
      }
      return bag
    },
  }
}
