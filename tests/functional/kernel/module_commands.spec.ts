import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import ModuleList from '#commands/module_list'
import ModuleInstall from '#commands/module_install'
import ModuleUninstall from '#commands/module_uninstall'
import { installer } from '#app/registry/services'
import { moduleRegistry } from '#app/registry/main'
import { createOrganization } from '#tests/helpers/world'
import { insertItem } from '#tests/helpers/sonda'

/** Runs a command with its output captured (raw mode, this run's lines only) and returns it. */
async function run(
  command: typeof ModuleList | typeof ModuleInstall | typeof ModuleUninstall,
  argv: string[]
) {
  ace.ui.logger.getRenderer().flushLogs()
  const instance = await ace.create(command, argv)
  await instance.exec()
  return instance
}

/** The table row `module:list` printed for module `name` (the probe module by default). */
function moduleRow(instance: ModuleList, name = 'sonda') {
  const line = instance.ui.logger.getLogs().find((l) => l.message.startsWith(`${name}|`))
  return line?.message.split('|')
}

test.group('node ace module:list / module:install / module:uninstall', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('list shows each module with tier, dependencies, source and status for the organization', async ({
    assert,
  }) => {
    const org = await createOrganization(['sonda'])
    const listed = await run(ModuleList, [`--org=${org.slug}`])
    listed.assertSucceeded()
    listed.assertLogMatches(new RegExp(`Organization: ${org.name}`))
    listed.assertLog('Module|Tier|Depends on|Source|Status')
    assert.deepEqual(moduleRow(listed), ['sonda', 'basico', '—', 'cartera-modulo-sonda', 'enabled'])
    // Every module has its row: its package, or "builtin"; its dependencies; the rest not installed.
    const registry = await moduleRegistry()
    assert.isAbove(registry.names().length, 1)
    for (const name of registry.names()) {
      const row = moduleRow(listed, name)
      assert.exists(row, name)
      const loaded = registry.get(name)!
      assert.equal(row![3], loaded.source === 'builtin' ? 'builtin' : loaded.packageName, name)
      const needs = registry.manifest(name).dependsOn
      assert.equal(row![2], needs.length ? needs.join(', ') : '—', name)
      if (name !== 'sonda') assert.equal(row![4], 'not installed', name)
    }
  })

  test('uninstall disables the module and keeps its rows; install brings it back', async ({
    assert,
  }) => {
    const org = await createOrganization(['sonda'])
    await insertItem(org, { name: 'Talleres Ruiz' })
    const modules = await installer()

    const removed = await run(ModuleUninstall, ['sonda', `--org=${org.slug}`])
    removed.assertSucceeded()
    removed.assertLogMatches(/Uninstalled "sonda" .*its data is kept/)
    assert.isFalse((await modules.installed(org.id)).has('sonda'))
    assert.lengthOf(
      await db.from('sonda_items').where('organization_id', org.id),
      1,
      'the data stays'
    )
    assert.equal(moduleRow(await run(ModuleList, [`--org=${org.slug}`]))?.[4], 'not installed')

    const added = await run(ModuleInstall, ['sonda', `--org=${org.slug}`])
    added.assertSucceeded()
    added.assertLogMatches(/Installed for .*: sonda/)
    assert.isTrue((await modules.enabled(org.id)).has('sonda'))

    const again = await run(ModuleInstall, ['sonda', `--org=${org.slug}`])
    again.assertSucceeded()
    again.assertLogMatches(/already installed/)
  })

  test('an unknown module or organization fails with a message and changes nothing', async ({
    assert,
  }) => {
    const org = await createOrganization(['sonda'])
    const unknown = await run(ModuleInstall, ['ventas-inventadas', `--org=${org.slug}`])
    unknown.assertFailed()
    unknown.assertLogMatches(/unknown module "ventas-inventadas"/, 'stderr')

    for (const command of [ModuleInstall, ModuleUninstall]) {
      const noOrg = await run(command, ['sonda', '--org=no-existe'])
      noOrg.assertFailed()
      noOrg.assertLogMatches(/No organization with slug "no-existe"/, 'stderr')
    }
    const listNoOrg = await run(ModuleList, ['--org=no-existe'])
    listNoOrg.assertFailed()
    listNoOrg.assertLogMatches(/No organization with slug "no-existe"/, 'stderr')
    assert.isTrue((await (await installer()).installed(org.id)).has('sonda'))
  })
})
