import { test } from '@japa/runner'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { readdirSync, statSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { moduleRegistry } from '#app/registry/main'
import modulesConfig from '#config/modules'
import {
  checkModuleImports,
  describeViolations,
  importsOf,
  manifestsOfTree,
  resolveSpecifier,
} from './support/module_imports.js'

test.group('Architecture · real imports vs manifests', () => {
  test('every module imports other modules only when declared, and only through contracts/ or events/', async ({
    assert,
  }) => {
    const registry = await moduleRegistry()
    const modules = registry.modules.map(({ manifest, dir }) => ({ ...manifest, dir }))
    const { violations, scannedFiles, scannedImports } = checkModuleImports(app.makePath(), modules)
    assert.deepEqual(
      violations,
      [],
      `module boundary violations:\n${describeViolations(violations)}`
    )
    assert.isAtLeast(scannedFiles, modules.length, 'at least each manifest was read')
    assert.isAtLeast(scannedImports, 1)
  })

  test('every folder under modules/ is a registered module, so none escapes the check', async ({
    assert,
  }) => {
    const registry = await moduleRegistry()
    const dir = app.makePath('modules')
    const folders = readdirSync(dir).filter(
      (name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'module.ts'))
    )
    const expected = folders.filter((name) => !modulesConfig.disabled.includes(name))
    const builtin = registry.modules
      .filter((m) => m.source === 'builtin')
      .map((m) => m.manifest.name)
    assert.sameMembers(builtin, expected)
  })

  test('the scanner sees every import form and ignores look-alikes in comments and strings', async ({
    assert,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'cartera-imports-'))
    try {
      const file = join(dir, 'sample.tsx')
      await writeFile(
        file,
        [
          "import a from './a.js'",
          "import type { B } from '#modules/b/contracts/b'",
          "export { c } from '../c.js'",
          "export * from '#modules/d/events/d'",
          "import e = require('./e.js')",
          "const f = await import('#modules/f/models/f')",
          "const g = require('./g.cjs')",
          "type H = typeof import('#modules/h/contracts/h')",
          "// import nope from '#modules/x/models/x'",
          'const text = "import nope2 from \'#modules/y/models/y\'"',
          'export const el = <div>{a}</div>',
        ].join('\n')
      )
      const specifiers = importsOf(file).map((s) => s.specifier)
      assert.deepEqual(specifiers, [
        './a.js',
        '#modules/b/contracts/b',
        '../c.js',
        '#modules/d/events/d',
        './e.js',
        '#modules/f/models/f',
        './g.cjs',
        '#modules/h/contracts/h',
      ])
      assert.deepEqual(
        importsOf(file).map((s) => s.line),
        [1, 2, 3, 4, 5, 6, 7, 8]
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('subpath imports resolve through package.json "imports"; packages do not', ({ assert }) => {
    const root = app.makePath()
    const from = app.makePath('modules/crm/module.ts')
    assert.equal(
      resolveSpecifier('#modules/crm/contracts/companies', from, root),
      app.makePath('modules/crm/contracts/companies.js')
    )
    assert.equal(
      resolveSpecifier('#app/registry/types', from, root),
      app.makePath('app/registry/types.js')
    )
    assert.equal(
      resolveSpecifier('../../sales/events/x.js', app.makePath('modules/crm/services/a.ts'), root),
      app.makePath('modules/sales/events/x.js')
    )
    assert.isNull(resolveSpecifier('@adonisjs/core', from, root))
  })

  test('a deliberately bad tree: undeclared and private cross-module imports are reported with file names', async ({
    assert,
  }) => {
    const root = app.makePath('tests/fixtures/bad_modules')
    const { violations, crossModule } = checkModuleImports(root, await manifestsOfTree(root))
    const summary = violations
      .map((v) => `${v.file} → ${v.to}/${v.target} [${v.reasons.join(',')}]`)
      .sort()
    assert.deepEqual(summary, [
      'modules/marketing/listeners/on_company_created.ts → crm/contracts/companies.js [optional-beyond-events]',
      'modules/soporte/listeners/on_quote_accepted.ts → ventas/events/quote_accepted.js [undeclared]',
      'modules/ventas/services/crm_manifest.ts → crm/module.js [private]',
      'modules/ventas/services/quote_customer.ts → crm/models/company.js [private]',
    ])
    const allowed = crossModule.filter((e) => e.file.endsWith('customer_name.ts'))
    assert.lengthOf(allowed, 2, 'the allowed contracts/ and events/ imports were seen')
    assert.isTrue(allowed.every((e) => e.reasons.length === 0))
    assert.match(
      describeViolations(violations),
      /on_quote_accepted\.ts:\d+ imports "#modules\/ventas\/events\/quote_accepted" \(soporte → ventas/
    )
  })

  test('declaring the dependency fixes the undeclared import but not the private reach', async ({
    assert,
  }) => {
    const root = app.makePath('tests/fixtures/bad_modules')
    const manifests = (await manifestsOfTree(root)).map((m) =>
      m.name === 'soporte' ? { ...m, optionalDeps: ['ventas'] } : m
    )
    const { violations } = checkModuleImports(root, manifests)
    assert.notInclude(
      violations.map((v) => v.from),
      'soporte'
    )
    assert.lengthOf(
      violations.filter((v) => v.from === 'ventas'),
      2
    )
  })
})

test.group('Architecture · scanning a module written on the fly', (group) => {
  let root: string
  group.each.setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'cartera-tree-'))
    await writeFile(
      join(root, 'package.json'),
      JSON.stringify({ type: 'module', imports: { '#modules/*': './modules/*.js' } })
    )
    for (const name of ['crm', 'ventas'])
      await mkdir(join(root, 'modules', name, 'services'), { recursive: true })
    return () => rm(root, { recursive: true, force: true })
  })

  test("a dynamic import of another module's service is caught too", async ({ assert }) => {
    await writeFile(
      join(root, 'modules/ventas/services/lazy.ts'),
      "export const load = () => import('#modules/crm/services/secret')\n"
    )
    const { violations } = checkModuleImports(root, [
      { name: 'crm', dependsOn: [], dir: join(root, 'modules/crm') },
      { name: 'ventas', dependsOn: ['crm'], dir: join(root, 'modules/ventas') },
    ])
    assert.deepEqual(
      violations.map((v) => [v.file, v.reasons]),
      [['modules/ventas/services/lazy.ts', ['private']]]
    )
  })
})
