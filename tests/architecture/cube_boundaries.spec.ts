import { test } from '@japa/runner'
import { readdirSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { moduleRegistry } from '#app/registry/main'
import { manifestsOfTree } from './support/module_imports.js'
import {
  checkCubeBoundaries,
  describeCubeViolations,
  type CubeViolation,
} from './support/cube_boundaries.js'

const BAD = () => app.makePath('tests/fixtures/bad_cube_schema')
const line = (v: CubeViolation) => `${v.file}: ${v.from} → ${v.to} [${v.via}, ${v.reason}]`

async function realModules() {
  const registry = await moduleRegistry()
  return registry.modules.map(({ manifest }) => ({
    name: manifest.name,
    dependsOn: manifest.dependsOn,
    optionalDeps: manifest.optionalDeps,
  }))
}

test.group('Architecture · Cube joins stay within a module and its dependencies', () => {
  test('the real cube/schema reaches only own or declared cubes', async ({ assert }) => {
    const { violations, owners, references } = checkCubeBoundaries(
      app.makePath(),
      await realModules()
    )
    assert.deepEqual(
      violations,
      [],
      `cube boundary violations:\n${describeCubeViolations(violations)}`
    )
    // An empty or misread scan must not pass: the CRM cubes, its view and their joins were seen.
    assert.includeMembers(
      [...owners.keys()],
      ['crm_companies', 'crm_company_addresses', 'crm_contacts', 'crm_overview']
    )
    assert.equal(owners.get('crm_overview')?.file, 'cube/schema/crm/contacts.yml')
    assert.isAtLeast(references, 4)
  })

  test('every folder under cube/schema is a registered module, and manifests point at their own folder', async ({
    assert,
  }) => {
    const registry = await moduleRegistry()
    const folders = readdirSync(app.makePath('cube/schema'))
    assert.isNotEmpty(folders)
    for (const folder of folders)
      assert.isTrue(registry.has(folder), `cube/schema/${folder} belongs to no registered module`)
    // The check assigns cubes to modules by folder, so a manifest pointing elsewhere would escape it.
    for (const { manifest, source } of registry.modules) {
      if (source === 'builtin' && manifest.cubeSchema)
        assert.equal(manifest.cubeSchema, `cube/schema/${manifest.name}`)
    }
  })

  test('a deliberately bad tree: every violation is reported with its file', async ({ assert }) => {
    const { violations } = checkCubeBoundaries(BAD(), await manifestsOfTree(BAD()))
    assert.deepEqual(
      violations.map(line),
      [
        'cube/schema/huerfano: huerfano → huerfano [folder, unknown-module]',
        'cube/schema/ventas/overview.yml: ventas_overview → crm_companies [join_path, undeclared]',
        'cube/schema/ventas/overview.yml: ventas_overview → ventas_invoices [join_path, unknown-cube]',
        'cube/schema/ventas/quotes.yml: ventas_quotes → crm_companies [joins, undeclared]',
        'cube/schema/ventas/quotes.yml: ventas_quotes → crm_contacts [sql, undeclared]',
      ],
      describeCubeViolations(violations)
    )
    assert.match(
      describeCubeViolations(violations),
      /quotes\.yml: ventas_quotes → crm_companies \(ventas → crm\) via joins: undeclared/
    )
  })

  test('declaring the dependency fixes the cross-module joins but not the unknown cube or folder', async ({
    assert,
  }) => {
    const manifests = (await manifestsOfTree(BAD())).map((m) =>
      m.name === 'ventas' ? { ...m, optionalDeps: ['crm'] } : m
    )
    const { violations } = checkCubeBoundaries(BAD(), manifests)
    assert.deepEqual(violations.map((v) => v.reason).sort(), ['unknown-cube', 'unknown-module'])
  })
})
