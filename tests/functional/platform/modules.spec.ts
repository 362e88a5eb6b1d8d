import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { moduleRegistry } from '#app/registry/main'
import { ModuleRegistry } from '#app/registry/registry'
import { ModuleInstaller, ModuleInstallError } from '#app/registry/installations'
import { installer } from '#app/registry/services'
import { defineModule, type Tier } from '#app/registry/types'
import { licences } from '#app/licensing/licence_service'
import { dbTimestamp } from '#app/support/dates'
import { testLicence } from '#tests/helpers/licences'
import { createOrganization, createUser } from '#tests/helpers/world'

/**
 * A registry of made-up modules (no routes, no migrations): `base` (basico) ← `ventas`
 * (profesional) ← `contabilidad` (empresa), and `avisos` (basico) that only listens to `base`
 * (optional dependency).
 */
function fakeInstaller() {
  const fake = (name: string, tier: Tier, dependsOn: string[], optionalDeps: string[] = []) => ({
    manifest: defineModule({
      name,
      label: `${name}.module.label`,
      description: '',
      version: '1.0.0',
      tier,
      dependsOn,
      optionalDeps,
      root: import.meta.url,
    }),
    dir: '/nonexistent',
    source: 'package' as const,
    packageName: `@pruebas/${name}`,
  })
  const registry = new ModuleRegistry([
    fake('contabilidad', 'empresa', ['ventas']),
    fake('ventas', 'profesional', ['base']),
    fake('base', 'basico', []),
    fake('avisos', 'basico', [], ['base']),
  ])
  return new ModuleInstaller(registry, licences)
}

async function installError(promise: Promise<unknown>): Promise<ModuleInstallError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ModuleInstallError) return error
    throw error
  }
  throw new Error('expected a ModuleInstallError')
}

test.group('Platform · installing and uninstalling modules', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('install pulls in hard dependencies first, once; optional ones are not installed', async ({
    assert,
  }) => {
    const modules = fakeInstaller()
    const org = await createOrganization()
    assert.deepEqual(await modules.install(org.id, 'contabilidad', null), [
      'base',
      'ventas',
      'contabilidad',
    ])
    assert.deepEqual(
      await modules.install(org.id, 'contabilidad', null),
      [],
      'installing again changes nothing'
    )
    assert.deepEqual(await modules.install(org.id, 'avisos', null), ['avisos'])
    assert.sameMembers(
      [...(await modules.installed(org.id))],
      ['base', 'ventas', 'contabilidad', 'avisos']
    )
    const rows = await db
      .from('module_installations')
      .where('organization_id', org.id)
      .select('module', 'status')
    assert.lengthOf(rows, 4)
  })

  test('statuses and enabled follow the installation and the licence tier', async ({ assert }) => {
    const modules = fakeInstaller()
    const org = await createOrganization()
    assert.deepEqual(await modules.statuses(org.id), [
      { name: 'base', installed: false, licensed: true, enabled: false },
      { name: 'avisos', installed: false, licensed: true, enabled: false },
      { name: 'ventas', installed: false, licensed: true, enabled: false },
      { name: 'contabilidad', installed: false, licensed: true, enabled: false },
    ])
    await modules.install(org.id, 'contabilidad', null)
    assert.sameMembers([...(await modules.enabled(org.id))], ['base', 'ventas', 'contabilidad'])

    // A smaller licence later: nothing is uninstalled, the modules above the tier are disabled.
    await licences.install(testLicence({ tier: 'profesional' }), null)
    const statuses = Object.fromEntries((await modules.statuses(org.id)).map((s) => [s.name, s]))
    assert.deepEqual(statuses.contabilidad, {
      name: 'contabilidad',
      installed: true,
      licensed: false,
      enabled: false,
    })
    assert.deepEqual(statuses.ventas, {
      name: 'ventas',
      installed: true,
      licensed: true,
      enabled: true,
    })
    assert.sameMembers([...(await modules.enabled(org.id))], ['base', 'ventas'])
    assert.sameMembers([...(await modules.installed(org.id))], ['base', 'ventas', 'contabilidad'])

    await licences.install(testLicence({ tier: 'basico' }), null)
    assert.sameMembers([...(await modules.enabled(org.id))], ['base'])
    await licences.install(testLicence({ tier: 'empresa' }), null)
    assert.sameMembers(
      [...(await modules.enabled(org.id))],
      ['base', 'ventas', 'contabilidad'],
      'a valid licence brings them back'
    )
  })

  test('the licence tier is checked for the module and each dependency before anything is installed', async ({
    assert,
  }) => {
    const modules = fakeInstaller()
    const org = await createOrganization()
    await licences.install(testLicence({ tier: 'basico' }), null)
    const error = await installError(modules.install(org.id, 'contabilidad', null))
    assert.equal(error.code, 'not_licensed')
    assert.equal(
      error.message,
      'module "ventas" needs the profesional tier; the licence grants basico'
    )
    assert.deepEqual([...(await modules.installed(org.id))], [])
    assert.deepEqual(await modules.install(org.id, 'base', null), ['base'])
  })

  test('uninstall is refused while an installed module needs it (transitively), and allowed after', async ({
    assert,
  }) => {
    const modules = fakeInstaller()
    const org = await createOrganization()
    await modules.install(org.id, 'contabilidad', null)
    await modules.install(org.id, 'avisos', null)

    const error = await installError(modules.uninstall(org.id, 'base'))
    assert.equal(error.code, 'required_by')
    assert.deepEqual(error.meta, { module: 'base', blockers: ['ventas', 'contabilidad'] })
    assert.include(error.message, 'ventas')
    assert.include(error.message, 'contabilidad')

    await modules.uninstall(org.id, 'contabilidad')
    await modules.uninstall(org.id, 'ventas')
    await modules.uninstall(org.id, 'base')
    assert.deepEqual(
      [...(await modules.installed(org.id))],
      ['avisos'],
      'an optional dependency never blocks'
    )
  })

  test('uninstall keeps the row (and the data); reinstall reuses it', async ({ assert }) => {
    const modules = fakeInstaller()
    const org = await createOrganization()
    const actor = await createUser(org, { isAdmin: true })
    await modules.install(org.id, 'base', actor.id)
    await modules.uninstall(org.id, 'base')
    let rows = await db
      .from('module_installations')
      .where({ organization_id: org.id, module: 'base' })
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].status, 'uninstalled')
    assert.isNotNull(rows[0].uninstalled_at)

    assert.deepEqual(await modules.install(org.id, 'base', actor.id), ['base'])
    rows = await db.from('module_installations').where({ organization_id: org.id, module: 'base' })
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].status, 'installed')
    assert.isNull(rows[0].uninstalled_at)
    assert.equal(rows[0].installed_by, actor.id)
  })

  test('installations are per organization; unknown modules are refused; stale rows are ignored', async ({
    assert,
  }) => {
    const modules = fakeInstaller()
    const [one, two] = [await createOrganization(), await createOrganization()]
    await modules.install(one.id, 'base', null)
    assert.deepEqual([...(await modules.enabled(two.id))], [])

    assert.equal(
      (await installError(modules.install(one.id, 'inexistente', null))).code,
      'unknown_module'
    )
    assert.equal(
      (await installError(modules.uninstall(one.id, 'inexistente'))).code,
      'unknown_module'
    )

    const now = dbTimestamp()
    await db.table('module_installations').insert({
      organization_id: one.id,
      module: 'retirado',
      status: 'installed',
      installed_at: now,
      updated_at: now,
    })
    assert.deepEqual(
      [...(await modules.installed(one.id))],
      ['base'],
      'a module no longer registered is not installed'
    )
  })
})

test.group('Platform · module guard and navigation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const navigation = async (client: any, user: any) => {
    const response = await client.get('/').loginAs(user).withInertia()
    response.assertStatus(200)
    return response.inertiaProps.shell.navigation as {
      module: string
      label: string
      href: string
      icon: string | null
    }[]
  }

  test(
    'a module route answers 403 with the module page when ' +
      'the module is not enabled, even for an administrator',
    async ({ client, assert }) => {
      const org = await createOrganization()
      const admin = await createUser(org, { isAdmin: true })
      const never = await client.get('/ejemplo/notas').loginAs(admin).withInertia()
      never.assertStatus(403)
      never.assertInertiaComponent('errors/forbidden')
      assert.equal(never.inertiaProps.module, 'ejemplo')

      await (await installer()).install(org.id, 'ejemplo', admin.id)
      ;(await client.get('/ejemplo/notas').loginAs(admin)).assertStatus(200)

      await licences.install(testLicence({ tier: 'basico' }), null)
      const unlicensed = await client.get('/ejemplo/notas').loginAs(admin).withInertia()
      unlicensed.assertStatus(403)
      assert.equal(
        unlicensed.inertiaProps.module,
        'ejemplo',
        'outside the licence tier: the same module page'
      )

      const anonymous = await client.get('/ejemplo/notas').redirects(0)
      anonymous.assertStatus(302)
      anonymous.assertHeader('location', '/login')
    }
  )

  test('shell.navigation lists only enabled modules, filtered by permission', async ({
    client,
    assert,
  }) => {
    const registry = await moduleRegistry()
    const items = registry
      .navigation()
      .find((n) => n.module === 'sonda' && n.permission === 'sonda.items.view')
    const org = await createOrganization(['sonda', 'ejemplo'])
    const notes = {
      module: 'ejemplo',
      label: 'ejemplo.nav.notas',
      href: '/ejemplo/notas',
      icon: 'notes',
      section: null,
      moduleLabel: 'ejemplo.module.label',
    }

    const reader = await createUser(org, { permissions: ['ejemplo.notas.view'] })
    assert.deepEqual(await navigation(client, reader), [notes])

    const nobody = await createUser(org, {})
    assert.deepEqual(await navigation(client, nobody), [])

    const admin = await createUser(org, { isAdmin: true })
    const adminNav = await navigation(client, admin)
    const enabled = await (await installer()).enabled(org.id)
    const expected = registry.navigation().filter((n) => enabled.has(n.module))
    assert.includeMembers(
      expected.map((n) => n.module),
      ['sonda', 'ejemplo']
    )
    assert.deepEqual(
      adminNav.map((n) => n.label),
      expected.map((n) => n.label),
      'an administrator sees every enabled module, in graph order'
    )

    assert.exists(items, 'sonda declares an items entry')
    const seller = await createUser(org, {
      permissions: ['sonda.items.view', 'ejemplo.notas.view'],
    })
    assert.deepEqual(
      (await navigation(client, seller)).map((n) => n.label),
      registry
        .navigation()
        .filter((n) => n.label === items!.label || n.permission === 'ejemplo.notas.view')
        .map((n) => n.label)
    )
    assert.sameMembers(
      (await navigation(client, seller)).map((n) => n.label),
      [items!.label, notes.label]
    )

    await (await installer()).uninstall(org.id, 'ejemplo')
    assert.deepEqual(await navigation(client, reader), [], 'uninstalled: gone from the menu')
    assert.notInclude(
      (await navigation(client, admin)).map((n) => n.module),
      'ejemplo'
    )
  })

  test('a module outside the licence tier leaves the menu while staying installed', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['sonda', 'ejemplo'])
    const admin = await createUser(org, { isAdmin: true })
    assert.include(
      (await navigation(client, admin)).map((n) => n.module),
      'ejemplo'
    )
    await licences.install(testLicence({ tier: 'basico' }), null)
    const modules = (await navigation(client, admin)).map((n) => n.module)
    assert.notInclude(modules, 'ejemplo')
    assert.include(modules, 'sonda')
    assert.isTrue((await (await installer()).installed(org.id)).has('ejemplo'))
  })

  test('an organization without modules has an empty menu', async ({ client, assert }) => {
    const org = await createOrganization()
    const admin = await createUser(org, { isAdmin: true })
    assert.deepEqual(await navigation(client, admin), [])
  })
})
