import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import {
  builtinModules,
  describeMentions,
  moduleMentions,
  type Mention,
} from './support/kernel_tests.js'

/**
 * Kernel test files allowed to mention a built-in module, with the reason. Each entry is a
 * deliberate, reviewed decision; a stale one (the file is gone or mentions none) fails.
 */
const ALLOWED: Record<string, string> = {
  'tests/functional/platform/package_module.spec.ts':
    'tests the package fixture cartera-modulo-ejemplo, whose manifest declares dependsOn: [crm]',
  'tests/functional/platform/manifest_v2.spec.ts':
    'proves the manifest v2 with the ejemplo package (dependsOn: [crm]) and checks that the ' +
    "CRM's own manifest gets its defaults and demo grants from it",
}

const BAD = () => app.makePath('tests/fixtures/bad_kernel_tests')
const keys = (mentions: Mention[]) => mentions.map((m) => `${m.file}:${m.line} ${m.kind}`)

test.group('Architecture · kernel tests depend on no built-in module', () => {
  test('no file of tests/unit, tests/functional, tests/browser or tests/helpers mentions one', ({
    assert,
  }) => {
    const modules = builtinModules(app.makePath())
    assert.include(modules, 'crm', 'the built-in modules are found')
    const mentions = moduleMentions(app.makePath(), modules).filter((m) => !ALLOWED[m.file])
    assert.deepEqual(
      mentions,
      [],
      'kernel tests must use the probe module (tests/fixtures/cartera-modulo-sonda), and a ' +
        "module's own tests live in modules/<name>/tests:\n" +
        describeMentions(mentions)
    )
  })

  test('every allowed file still exists and still mentions a module', ({ assert }) => {
    const mentioned = new Set(
      moduleMentions(app.makePath(), builtinModules(app.makePath())).map((m) => m.file)
    )
    for (const file of Object.keys(ALLOWED)) {
      assert.isTrue(existsSync(app.makePath(file)), `stale entry: ${file} is gone`)
      assert.isTrue(mentioned.has(file), `stale entry: ${file} mentions no module`)
    }
  })

  test('the bad fixture: imports, tables, keys, URLs and names are reported, look-alikes are not', ({
    assert,
  }) => {
    const modules = builtinModules(BAD())
    assert.deepEqual(modules, ['crm'], 'a folder without a manifest is no module')
    const mentions = moduleMentions(BAD(), modules)
    assert.deepEqual(keys(mentions), [
      'tests/unit/imports.spec.ts:1 import',
      'tests/unit/imports.spec.ts:2 import',
      'tests/functional/admin/roles.spec.ts:1 key',
      'tests/functional/admin/roles.spec.ts:2 table',
      'tests/functional/admin/roles.spec.ts:3 url',
      'tests/functional/admin/roles.spec.ts:4 name',
      'tests/browser/form.spec.ts:1 url',
    ])
    assert.isTrue(mentions.every((m) => m.module === 'crm'))
    assert.include(
      describeMentions(mentions),
      'tests/functional/admin/roles.spec.ts:2 table of "crm"'
    )
  })
})
