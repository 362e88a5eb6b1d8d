import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import ModuleList from '#commands/module_list'
import ModuleInstall from '#commands/module_install'
import ModuleUninstall from '#commands/module_uninstall'
import { installer } from '#app/registry/services'
import { createOrganization } from '#tests/helpers/world'

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

/** The table row `module:list` printed for crm. */
function crmRow(instance: ModuleList) {
  const line = instance.ui.logger.getLogs().find((l) => l.message.startsWith('crm|'))
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
    const org = await createOrganization(['crm'])
    const listed = await run(ModuleList, [`--org=${org.slug}`])
    listed.assertSucceeded()
    listed.assertLogMatches(new RegExp(`Organization: ${org.name}`))
    listed.assertLog('Module|Tier|Depends on|Source|Status')
    assert.deepEqual(crmRow(listed), ['crm', 'basico', '—', 'builtin', 'enabled'])
  })

  test('uninstall disables the module and keeps its rows; install brings it back', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await db.table('crm_companies').insert({
      organization_id: org.id,
      name: 'Talleres Ruiz',
      name_normalized: 'talleres ruiz',
      type: 'cliente',
      created_at: new Date(),
      updated_at: new Date(),
    })
    const modules = await installer()

    const removed = await run(ModuleUninstall, ['crm', `--org=${org.slug}`])
    removed.assertSucceeded()
    removed.assertLogMatches(/Uninstalled "crm" .*its data is kept/)
    assert.isFalse((await modules.installed(org.id)).has('crm'))
    assert.lengthOf(
      await db.from('crm_companies').where('organization_id', org.id),
      1,
      'the data stays'
    )
    assert.equal(crmRow(await run(ModuleList, [`--org=${org.slug}`]))?.[4], 'not installed')

    const added = await run(ModuleInstall, ['crm', `--org=${org.slug}`])
    added.assertSucceeded()
    added.assertLogMatches(/Installed for .*: crm/)
    assert.isTrue((await modules.enabled(org.id)).has('crm'))

    const again = await run(ModuleInstall, ['crm', `--org=${org.slug}`])
    again.assertSucceeded()
    again.assertLogMatches(/already installed/)
  })

  test('an unknown module or organization fails with a message and changes nothing', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const unknown = await run(ModuleInstall, ['ventas-inventadas', `--org=${org.slug}`])
    unknown.assertFailed()
    unknown.assertLogMatches(/unknown module "ventas-inventadas"/, 'stderr')

    for (const command of [ModuleInstall, ModuleUninstall]) {
      const noOrg = await run(command, ['crm', '--org=no-existe'])
      noOrg.assertFailed()
      noOrg.assertLogMatches(/No organization with slug "no-existe"/, 'stderr')
    }
    const listNoOrg = await run(ModuleList, ['--org=no-existe'])
    listNoOrg.assertFailed()
    listNoOrg.assertLogMatches(/No organization with slug "no-existe"/, 'stderr')
    assert.isTrue((await (await installer()).installed(org.id)).has('crm'))
  })
})
