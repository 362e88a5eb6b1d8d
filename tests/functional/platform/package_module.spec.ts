import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { existsSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import dbConfig from '#config/database'
import { APP_ROOT, moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { ModuleInstallError } from '#app/registry/installations'
import { loadModules } from '#app/registry/loader'
import { licences } from '#app/licensing/licence_service'
import { dbTimestamp } from '#app/support/dates'
import { testLicence } from '#tests/helpers/licences'
import { createOrganization, createUser } from '#tests/helpers/world'

const MIGRATIONS = 'node_modules/cartera-modulo-ejemplo/database/migrations'

async function addNotes(organizationId: number, texts: string[]) {
  await db
    .table('ejemplo_notas')
    .multiInsert(
      texts.map((text) => ({ organization_id: organizationId, text, created_at: dbTimestamp() }))
    )
}

/** Expects `promise` to reject with a ModuleInstallError and returns it. */
async function installError(promise: Promise<unknown>): Promise<ModuleInstallError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ModuleInstallError) return error
    throw error
  }
  throw new Error('expected a ModuleInstallError')
}

test.group('Platform · a module from an npm package (cartera-modulo-ejemplo)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the registry lists it as a package module, after crm, with its permissions and translations', async ({
    assert,
  }) => {
    const registry = await moduleRegistry()
    const loaded = registry.get('ejemplo')!
    assert.exists(
      loaded,
      'CARTERA_MODULE_PACKAGES=cartera-modulo-ejemplo (.env.test) loads the package'
    )
    assert.equal(loaded.source, 'package')
    assert.equal(loaded.packageName, 'cartera-modulo-ejemplo')
    assert.equal(loaded.dir, realpathSync(app.makePath('tests/fixtures/cartera-modulo-ejemplo')))
    assert.deepInclude(loaded.manifest, {
      name: 'ejemplo',
      tier: 'profesional',
      dependsOn: ['crm'],
    })
    assert.isBelow(
      registry.names().indexOf('crm'),
      registry.names().indexOf('ejemplo'),
      'dependencies come first'
    )
    assert.includeMembers(
      registry.permissions().map((p) => p.key),
      ['ejemplo.notas.view', 'ejemplo.notas.create']
    )
    assert.deepInclude(registry.navigation(), {
      module: 'ejemplo',
      moduleLabel: 'ejemplo.module.label',
      label: 'ejemplo.nav.notas',
      route: 'ejemplo.notas.index',
      permission: 'ejemplo.notas.view',
      icon: 'notes',
    })
    assert.equal(i18nManager.locale('es').t('ejemplo.nav.notas'), 'Notas')
    assert.equal(i18nManager.locale('en').t('ejemplo.module.label'), 'Example notes')
  })

  test('its migrations are named through node_modules/<package>, the same from the repository and from build/', async ({
    assert,
  }) => {
    const registry = await moduleRegistry()
    assert.equal(registry.migrationPath('ejemplo', APP_ROOT), MIGRATIONS)
    assert.equal(registry.migrationPath('ejemplo', join(APP_ROOT, 'build')), MIGRATIONS)
    // Built-in modules stay relative to the app root, which build/ mirrors.
    assert.equal(registry.migrationPath('crm', APP_ROOT), 'modules/crm/database/migrations')
    assert.isTrue(existsSync(app.makePath(MIGRATIONS)), 'Lucid finds the folder from the app root')

    const connection = dbConfig.connections[dbConfig.connection] as any
    const paths: string[] = connection.migrations.paths
    assert.include(paths, MIGRATIONS)
    assert.isBelow(paths.indexOf('modules/crm/database/migrations'), paths.indexOf(MIGRATIONS))

    const ran = await db
      .from('adonis_schema')
      .where('name', 'like', `${MIGRATIONS}/%`)
      .select('name')
    assert.deepEqual(
      ran.map((r) => r.name),
      [`${MIGRATIONS}/0001_create_ejemplo_notas_table`]
    )
  })

  test('a manifest in a subfolder of its package gets that subfolder in the migration path', async ({
    assert,
  }) => {
    const loaded = await loadModules({
      modulesDir: app.makePath('modules'),
      packages: ['cartera-modulo-ejemplo'],
    })
    const ejemplo = loaded.find((l) => l.manifest.name === 'ejemplo')!
    assert.equal(ejemplo.packageSubdir, '')
    const { ModuleRegistry } = await import('#app/registry/registry')
    const moved = new ModuleRegistry([
      ...loaded.filter((l) => l !== ejemplo),
      { ...ejemplo, packageName: '@acme/notas/build/module.js', packageSubdir: 'build' },
    ])
    assert.equal(
      moved.migrationPath('ejemplo', APP_ROOT),
      'node_modules/@acme/notas/build/database/migrations'
    )
  })

  test(
    'installing it (with crm) for an organization: ' +
      'its table is there and its route answers a permitted user',
    async ({ client, assert }) => {
      const org = await createOrganization()
      const modules = await installer()
      const added = await modules.install(org.id, 'ejemplo', null)
      assert.deepEqual(added, ['crm', 'ejemplo'], 'the hard dependency is installed first')
      assert.isTrue(await db.connection().schema.hasTable('ejemplo_notas'))

      const other = await createOrganization(['ejemplo'])
      await addNotes(org.id, ['Llamar a Acme', 'Enviar catálogo'])
      await addNotes(other.id, ['De otra organización'])

      const reader = await createUser(org, { permissions: ['ejemplo.notas.view'] })
      const response = await client.get('/ejemplo/notas').loginAs(reader)
      response.assertStatus(200)
      assert.equal(response.body().module, 'ejemplo')
      assert.deepEqual(
        response.body().notas.map((n: any) => n.text),
        ['Llamar a Acme', 'Enviar catálogo']
      )

      const stranger = await createUser(org, { permissions: [] })
      const refused = await client.get('/ejemplo/notas').loginAs(stranger).withInertia()
      refused.assertStatus(403)
      refused.assertInertiaComponent('errors/forbidden')
      assert.isNull(refused.inertiaProps.module, 'a missing permission is not a disabled module')
    }
  )

  test('uninstalling shows the "module disabled" page and keeps the rows; reinstalling brings them back', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    const reader = await createUser(org, { permissions: ['ejemplo.notas.view'] })
    await addNotes(org.id, ['Nota que sobrevive'])
    const modules = await installer()

    await modules.uninstall(org.id, 'ejemplo')
    assert.isFalse((await modules.enabled(org.id)).has('ejemplo'))
    const blocked = await client.get('/ejemplo/notas').loginAs(reader).withInertia()
    blocked.assertStatus(403)
    blocked.assertInertiaComponent('errors/forbidden')
    assert.equal(blocked.inertiaProps.module, 'ejemplo')
    const plain = await client.get('/ejemplo/notas').loginAs(reader)
    plain.assertStatus(403)
    assert.notProperty(plain.body(), 'notas')
    assert.deepEqual(
      (await db.from('ejemplo_notas').where('organization_id', org.id)).map((r) => r.text),
      ['Nota que sobrevive']
    )
    const row = await db
      .from('module_installations')
      .where({ organization_id: org.id, module: 'ejemplo' })
      .first()
    assert.equal(row.status, 'uninstalled')
    assert.isNotNull(row.uninstalled_at)

    assert.deepEqual(await modules.install(org.id, 'ejemplo', reader.id), ['ejemplo'])
    const back = await client.get('/ejemplo/notas').loginAs(reader)
    back.assertStatus(200)
    assert.deepEqual(
      back.body().notas.map((n: any) => n.text),
      ['Nota que sobrevive']
    )
  })

  test('a basico licence refuses installing a profesional module, with a clear error, and installs nothing', async ({
    assert,
  }) => {
    await licences.install(testLicence({ tier: 'basico' }), null)
    assert.equal((await licences.entitlement()).tier, 'basico')
    const org = await createOrganization()
    const modules = await installer()

    const error = await installError(modules.install(org.id, 'ejemplo', null))
    assert.equal(error.code, 'not_licensed')
    assert.equal(
      error.message,
      'module "ejemplo" needs the profesional tier; the licence grants basico'
    )
    assert.deepEqual(error.meta, { module: 'ejemplo', tier: 'profesional', licensed: 'basico' })
    assert.deepEqual(
      [...(await modules.installed(org.id))],
      [],
      'not even its dependency was installed'
    )

    assert.deepEqual(
      await modules.install(org.id, 'crm', null),
      ['crm'],
      'a basico module still installs'
    )
  })

  test('uninstalling a module another installed module depends on is refused, naming the dependent', async ({
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    const modules = await installer()

    const error = await installError(modules.uninstall(org.id, 'crm'))
    assert.equal(error.code, 'required_by')
    assert.equal(error.message, '"crm" is needed by ejemplo')
    assert.deepEqual(error.meta, { module: 'crm', blockers: ['ejemplo'] })
    assert.isTrue((await modules.enabled(org.id)).has('crm'), 'crm stays installed')

    await modules.uninstall(org.id, 'ejemplo')
    await modules.uninstall(org.id, 'crm')
    assert.deepEqual([...(await modules.installed(org.id))], [])
  })
})
