import { test } from '@japa/runner'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { csvCell, csvLine } from '#app/support/csv'

function flatten(value: unknown, prefix = '', out: string[] = []): string[] {
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  else out.push(prefix)
  return out
}

test.group('CSV cells', () => {
  test('quotes separators and neutralises spreadsheet formulas', ({ assert }) => {
    assert.equal(csvCell('Pérez; Hijos'), '"Pérez; Hijos"')
    assert.equal(csvCell('dice "hola"'), '"dice ""hola"""')
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`)
    assert.equal(csvCell('+34 600 000 000'), "'+34 600 000 000")
    assert.equal(csvCell('-5'), "'-5")
    assert.equal(csvCell(null), '')
    assert.equal(csvLine(['a', 1, 'b\nc']), 'a;1;"b\nc"\r\n')
  })
})

test.group('Translations', () => {
  test('Spanish and English have the same keys (kernel and every module)', ({ assert }) => {
    const pairs: [string, string][] = []
    const kernel = app.languageFilesPath()
    for (const file of readdirSync(join(kernel, 'es')))
      pairs.push([join(kernel, 'es', file), join(kernel, 'en', file)])
    // Administración keeps its lang files beside each feature (app/admin/<feature>/lang).
    const adminDir = app.makePath('app/admin')
    for (const dir of ['lang', ...readdirSync(adminDir).map((f) => join(f, 'lang'))]) {
      const es = join(adminDir, dir, 'es.json')
      if (existsSync(es)) pairs.push([es, join(adminDir, dir, 'en.json')])
    }
    const modulesDir = app.makePath('modules')
    for (const m of readdirSync(modulesDir)) {
      const langDir = join(modulesDir, m, 'lang')
      if (!existsSync(langDir)) continue
      // lang/<locale>.json and, for a module split by feature, lang/<feature>/<locale>.json.
      for (const sub of ['', ...readdirSync(langDir).filter((f) => !f.endsWith('.json'))]) {
        const es = join(langDir, sub, 'es.json')
        if (existsSync(es)) pairs.push([es, join(langDir, sub, 'en.json')])
      }
    }
    assert.isAbove(pairs.length, 5)
    assert.isTrue(
      pairs.some(([es]) => es.endsWith(join('app', 'admin', 'users', 'lang', 'es.json'))),
      "the admin features' lang files are compared too"
    )
    for (const [es, en] of pairs) {
      assert.isTrue(existsSync(en), `${en} is missing`)
      const esKeys = flatten(JSON.parse(readFileSync(es, 'utf8'))).sort()
      const enKeys = flatten(JSON.parse(readFileSync(en, 'utf8'))).sort()
      assert.deepEqual(
        enKeys.filter((k) => !esKeys.includes(k)),
        [],
        `keys only in ${en}`
      )
      assert.deepEqual(
        esKeys.filter((k) => !enKeys.includes(k)),
        [],
        `keys missing from ${en}`
      )
    }
  })
})
