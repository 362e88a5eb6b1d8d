import { test } from '@japa/runner'
import { readdirSync, statSync } from 'node:fs'
import { join, matchesGlob, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import rc from '../../adonisrc.js'

/** Every file under `dir` (relative to the app root), recursively. */
function filesUnder(root: string, dir: string): string[] {
  const out: string[] = []
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name)
      if (statSync(full).isDirectory()) walk(full)
      else out.push(relative(root, full))
    }
  }
  walk(join(root, dir))
  return out
}

test.group('Architecture · the production build carries what is read at run time', () => {
  test("every translation file (kernel, admin, modules and their feature folders) is in adonisrc's metaFiles", ({
    assert,
  }) => {
    const root = app.makePath()
    const patterns = (rc as any).metaFiles.map((m: { pattern: string }) => m.pattern) as string[]
    const langFiles = [
      ...filesUnder(root, 'resources/lang'),
      ...filesUnder(root, 'modules').filter((f) => /\/lang\//.test(f) && f.endsWith('.json')),
      ...filesUnder(root, 'app/admin').filter((f) => /\/lang\//.test(f) && f.endsWith('.json')),
    ]
    const nested = langFiles.filter((f) => /^modules\/[^/]+\/lang\/[^/]+\/[^/]+\.json$/.test(f))
    assert.isAbove(langFiles.length, 10)
    assert.isAbove(nested.length, 0, 'some module keeps its translations in feature folders')
    const missing = langFiles.filter((f) => !patterns.some((p) => matchesGlob(f, p)))
    assert.deepEqual(missing, [], `not copied into build/: ${missing.join(', ')}`)
  })
})
