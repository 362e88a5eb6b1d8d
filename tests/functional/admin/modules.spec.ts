import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { installer } from '#app/registry/services'
import { moduleRegistry } from '#app/registry/main'
import { ModuleRegistry } from '#app/registry/registry'
import { ModuleInstaller } from '#app/registry/installations'
import { defineModule } from '#app/registry/types'
import { licences } from '#app/licensing/licence_service'
import { installModule, uninstallModule } from '#app/admin/modules/change_module'
import { RuleError } from '#app/support/rule_error'
import { translateRule } from '#app/support/http'
import { testLicence } from '#tests/helpers/licences'
import { insertItem, itemNames } from '#tests/helpers/sonda'
import { adminWorld, write } from './_helpers.js'

/** The real registry plus two made-up modules: `ventas` (profesional, needs sonda) and `soporte` (needs ventas). */
async function fakeDeps() {
  const real = await moduleRegistry()
  const fake = (name: string, tier: 'profesional' | 'empresa', dependsOn: string[]) => ({
    manifest: defineModule({
      name,
      label: `${name}.module.label`,
      description: `${name}.module.description`,
      version: '1.0.0',
      tier,
      dependsOn,
      root: import.meta.url,
    }),
    dir: '/nonexistent',
    source: 'package' as const,
    packageName: `@cartera/${name}`,
  })
  const registry = new ModuleRegistry([
    ...real.modules,
    fake('ventas', 'profesional', ['sonda']),
    fake('soporte', 'empresa', ['ventas']),
  ])
  return { registry, installer: new ModuleInstaller(registry, licences) }
}

const message = (error: RuleError, locale = 'es') =>
  translateRule({ i18n: i18nManager.locale(locale) } as any, error.key, error.values)

test.group('Admin · modules marketplace', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page shows a card per registered module with its status', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld([])
    const registry = await moduleRegistry()
    const response = await client.get('/admin/modules').loginAs(admin).withInertia()
    response.assertInertiaComponent('admin/modules/index')
    const modules = response.inertiaProps.modules as any[]
    assert.deepEqual(
      modules.map((m) => m.name),
      registry.names()
    )
    const sonda = modules.find((m) => m.name === 'sonda')
    assert.deepInclude(sonda, {
      label: 'sonda.module.label',
      tier: 'basico',
      source: 'package',
      installed: false,
      licensed: true,
      version: '1.0.0',
    })
    for (const card of modules)
      assert.equal(card.source, registry.get(card.name)!.source, card.name)
  })

  test('uninstall and reinstall a module through HTTP: the module is disabled, then back, and its data stays', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const modules = await installer()
    // A row of the module's table: the kernel must not touch module data.
    await insertItem(org, { name: 'Conservada S.L.' })

    const off = await write(client.post('/admin/modules/sonda/uninstall'), admin)
    off.assertStatus(302)
    off.assertFlashMessage('success', '«Sonda» desinstalado. Sus datos se conservan.')
    assert.isFalse((await modules.enabled(org.id)).has('sonda'))
    const blocked = await client.get('/sonda/items').loginAs(admin).withInertia()
    blocked.assertStatus(403)
    blocked.assertInertiaComponent('errors/forbidden')
    assert.equal(blocked.inertiaProps.module, 'sonda')

    const on = await write(client.post('/admin/modules/sonda/install'), admin)
    on.assertStatus(302)
    assert.isTrue((await modules.enabled(org.id)).has('sonda'))
    const back = await client.get('/sonda/items').loginAs(admin)
    back.assertStatus(200)
    assert.deepEqual(itemNames(back.body()), ['Conservada S.L.'])
    assert.isNotNull(
      await db
        .from('sonda_items')
        .where({ organization_id: org.id, name: 'Conservada S.L.' })
        .first()
    )
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'kernel.module', field: 'status' })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => [a.old_value, a.new_value]),
      [
        ['installed', 'uninstalled'],
        ['uninstalled', 'installed'],
      ]
    )
  })

  test('an unknown module is refused with a translated error', async ({ client }) => {
    const { admin } = await adminWorld([])
    const response = await write(client.post('/admin/modules/tarot/install'), admin)
    response.assertFlashMessage('error', 'El módulo «tarot» no existe.')
  })

  test('a module above the licence tier is refused: "requiere la edición Profesional"', async ({
    assert,
  }) => {
    const { org, admin } = await adminWorld([])
    await licences.install(testLicence({ tier: 'basico' }), admin.id)
    const deps = await fakeDeps()
    const error = await installModule(
      { organizationId: org.id, actorId: admin.id, name: 'ventas' },
      deps
    ).catch((e) => e)
    assert.instanceOf(error, RuleError)
    assert.equal(
      message(error),
      '«ventas» requiere la edición Profesional. Actualice su licencia para instalarlo.'
    )
    assert.equal(
      message(error, 'en'),
      '“ventas” requires the Professional edition. Upgrade your licence to install it.'
    )
    assert.isFalse((await deps.installer.installed(org.id)).has('ventas'))
    assert.isFalse(
      (await deps.installer.installed(org.id)).has('sonda'),
      'no dependency is installed when the module is refused'
    )
  })

  test('a module needed by installed ones cannot be uninstalled; dependencies install first', async ({
    assert,
  }) => {
    const { org, admin } = await adminWorld([])
    const deps = await fakeDeps()
    const installed = await installModule(
      { organizationId: org.id, actorId: admin.id, name: 'soporte' },
      deps
    )
    assert.deepEqual(installed, ['sonda', 'ventas', 'soporte'])

    const error = await uninstallModule(
      { organizationId: org.id, actorId: admin.id, name: 'sonda' },
      deps
    ).catch((e) => e)
    assert.instanceOf(error, RuleError)
    assert.equal(
      message(error),
      'No se puede desinstalar «Sonda»: lo necesitan ventas, soporte. Desinstale esos módulos antes.'
    )
    assert.isTrue((await deps.installer.installed(org.id)).has('sonda'))

    await uninstallModule({ organizationId: org.id, actorId: admin.id, name: 'soporte' }, deps)
    const single = await uninstallModule(
      { organizationId: org.id, actorId: admin.id, name: 'sonda' },
      deps
    ).catch((e) => e)
    assert.equal(
      message(single, 'en'),
      'Cannot uninstall “Probe”: ventas needs it. Uninstall that module first.'
    )
  })
})
