import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { Emitter } from '@adonisjs/core/events'
import { BaseEvent } from '@adonisjs/core/events'
import { ModuleRegistry } from '#app/registry/registry'
import { ModuleInstaller } from '#app/registry/installations'
import { registerModuleListeners } from '#app/registry/listeners'
import { defineModule, type ModuleEvents } from '#app/registry/types'
import { licences } from '#app/licensing/licence_service'
import { createOrganization } from '#tests/helpers/world'

/** An event of a made-up `origen` module. */
class PedidoCreado extends BaseEvent {
  constructor(
    public organizationId: number,
    public pedidoId: number
  ) {
    super()
  }
}

/** `origen` emits; `oyente` (depends on it) listens and records what it saw. */
function world(seen: string[]) {
  const fake = (name: string, dependsOn: string[], listeners?: (events: ModuleEvents) => void) => ({
    manifest: defineModule({
      name,
      label: `${name}.module.label`,
      description: '',
      version: '1.0.0',
      tier: 'basico',
      dependsOn,
      root: import.meta.url,
      listeners: listeners ? async () => ({ default: listeners }) : undefined,
    }),
    dir: '/nonexistent',
    source: 'package' as const,
    packageName: `@pruebas/${name}`,
  })
  const registry = new ModuleRegistry([
    fake('oyente', ['origen'], (events) =>
      events.on(PedidoCreado, (e) => {
        seen.push(`${e.organizationId}:${e.pedidoId}`)
      })
    ),
    fake('origen', []),
  ])
  return { registry, installer: new ModuleInstaller(registry, licences), emitter: new Emitter(app) }
}

test.group('Platform · module listeners', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a module hears events only for organizations where it is enabled, and stops when uninstalled', async ({
    assert,
  }) => {
    const seen: string[] = []
    const { registry, installer, emitter } = world(seen)
    await registerModuleListeners(registry, installer, emitter)
    const withIt = await createOrganization()
    const without = await createOrganization()
    await installer.install(withIt.id, 'oyente', null)
    await installer.install(without.id, 'origen', null)

    await emitter.emit(PedidoCreado, new PedidoCreado(withIt.id, 1))
    await emitter.emit(PedidoCreado, new PedidoCreado(without.id, 2))
    assert.deepEqual(seen, [`${withIt.id}:1`])

    await installer.uninstall(withIt.id, 'oyente')
    await emitter.emit(PedidoCreado, new PedidoCreado(withIt.id, 3))
    assert.deepEqual(seen, [`${withIt.id}:1`], 'uninstalled: no longer reacts, without a restart')
  })

  test('the app boots with every manifest listener registered (start/events.ts preload)', async ({
    assert,
  }) => {
    const preloads = app.rcFile.preloads.map((p) => String(p.file))
    assert.isTrue(
      preloads.some((file) => file.includes('#start/events')),
      preloads.join(', ')
    )
  })
})
