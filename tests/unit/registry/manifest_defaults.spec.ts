import { test } from '@japa/runner'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { actionLabel, withFolderDefaults, withNameDefaults } from '#app/registry/defaults'
import { loadModules } from '#app/registry/loader'
import { tablerComponentName, tablerIcon } from '#app/registry/icons'
import { ModuleRegistry } from '#app/registry/registry'
import type { ModuleDeclaration } from '#app/registry/types'

const declared = (extra: Partial<ModuleDeclaration> = {}): ModuleDeclaration => ({
  name: 'ventas',
  version: '1.0.0',
  tier: 'basico',
  dependsOn: [],
  root: 'file:///nonexistent/module.js',
  ...extra,
})

/** An application folder with one built-in module whose manifest is `source`. */
async function appWith(source: string, folders: string[] = []) {
  const root = await mkdtemp(join(tmpdir(), 'cartera-manifest-'))
  const dir = join(root, 'modules', 'ventas')
  await mkdir(dir, { recursive: true })
  for (const folder of folders) await mkdir(join(root, folder), { recursive: true })
  await writeFile(join(dir, 'module.js'), source)
  return { root, modulesDir: join(root, 'modules'), dir }
}

const manifestSource = (extra = '') => `export default {
  name: 'ventas', version: '1.0.0', tier: 'basico', dependsOn: [], root: import.meta.url,
  ${extra}
}
`

test.group('Manifest v2 · defaults from the name', () => {
  test('label, description, resource labels and permission labels default from the name', ({
    assert,
  }) => {
    const manifest = withNameDefaults(
      declared({
        resources: [{ key: 'ventas.quotes', actions: ['view', 'approve'] }],
        permissions: [{ key: 'ventas.quotes.reopen' }, { key: 'ventas.settings', label: 'x.y' }],
      })
    )
    assert.equal(manifest.label, 'ventas.module.label')
    assert.equal(manifest.description, 'ventas.module.description')
    assert.equal(manifest.resources![0].label, 'ventas.quotes.title')
    assert.deepEqual(
      manifest.permissions!.map((p) => p.label),
      ['ventas.permissions.quotes_reopen', 'x.y'],
      'a declared label wins'
    )
    const kept = withNameDefaults(declared({ label: 'a.b', description: 'c.d' }))
    assert.deepEqual([kept.label, kept.description], ['a.b', 'c.d'])
  })

  test('standard verbs keep the kernel labels; other actions are labelled by the module', ({
    assert,
  }) => {
    const quotes = { key: 'ventas.quotes', actionLabels: { send: 'ventas.quotes.send_label' } }
    assert.equal(actionLabel(quotes, 'view'), 'permissions.actions.view')
    assert.equal(actionLabel(quotes, 'export'), 'permissions.actions.export')
    assert.equal(actionLabel(quotes, 'approve'), 'ventas.quotes.actions.approve')
    assert.equal(actionLabel(quotes, 'send'), 'ventas.quotes.send_label')

    const registry = new ModuleRegistry([
      {
        manifest: declared({
          resources: [{ key: 'ventas.quotes', actions: ['view', 'approve'] }],
        }),
        dir: '/nonexistent',
        source: 'package',
      },
    ])
    assert.deepEqual(
      registry.permissions().map((p) => [p.key, p.label]),
      [
        ['ventas.quotes.view', 'permissions.actions.view'],
        ['ventas.quotes.approve', 'ventas.quotes.actions.approve'],
      ]
    )
    assert.equal(
      registry.manifest('ventas').label,
      'ventas.module.label',
      'filled by the registry too'
    )
  })

  test('migrations, lang and cube folders default when they exist, and only then', async ({
    assert,
  }) => {
    const app = await appWith(manifestSource(), [
      'modules/ventas/database/migrations',
      'modules/ventas/lang',
      'cube/schema/ventas',
    ])
    try {
      const filled = await withFolderDefaults(withNameDefaults(declared()), app.dir, app.root)
      assert.equal(filled.migrations, 'database/migrations')
      assert.equal(filled.lang, 'lang')
      assert.equal(filled.cubeSchema, 'cube/schema/ventas')

      const [loaded] = await loadModules({ modulesDir: app.modulesDir, packages: [] })
      assert.deepInclude(loaded.manifest, {
        label: 'ventas.module.label',
        migrations: 'database/migrations',
        lang: 'lang',
        cubeSchema: 'cube/schema/ventas',
      })
    } finally {
      await rm(app.root, { recursive: true, force: true })
    }
    const bare = await appWith(manifestSource())
    try {
      const [loaded] = await loadModules({ modulesDir: bare.modulesDir, packages: [] })
      assert.isUndefined(loaded.manifest.migrations)
      assert.isUndefined(loaded.manifest.lang)
      assert.isUndefined(loaded.manifest.cubeSchema)
    } finally {
      await rm(bare.root, { recursive: true, force: true })
    }
  })
})

test.group('Manifest v2 · icons by name and checks at boot', () => {
  test('any Tabler icon by its kebab-case name; its drawing comes from the icon set', async ({
    assert,
  }) => {
    assert.equal(tablerComponentName('address-book'), 'IconAddressBook')
    assert.equal(tablerComponentName('a-b-2'), 'IconAB2')
    const notes = await tablerIcon('notes')
    assert.equal(notes!.type, 'outline')
    assert.isAbove(notes!.node.length, 0)
    assert.equal(notes!.node[0][0], 'path')
    assert.equal((await tablerIcon('star-filled'))!.type, 'filled')
    assert.isNull(await tablerIcon('no-such-icon'))
  })

  test('an unknown icon name fails loading with a clear message', async ({ assert }) => {
    const app = await appWith(
      manifestSource(
        `navigation: [{ label: 'ventas.nav', route: 'ventas.index', icon: 'invoice-magic' }],`
      )
    )
    try {
      await assert.rejects(
        () => loadModules({ modulesDir: app.modulesDir, packages: [] }),
        /Invalid module manifest in modules\/ventas\/module: unknown icon "invoice-magic"/
      )
    } finally {
      await rm(app.root, { recursive: true, force: true })
    }
  })

  test('demo grants name demo roles and the resource’s actions; search names a resource', async ({
    assert,
  }) => {
    const cases: [string, RegExp][] = [
      [
        `resources: [{ key: 'ventas.quotes', actions: ['view'], demo: { boss: ['view'] } }],`,
        /demo role "boss" is not one of director, leader, zone, rep, support/,
      ],
      [
        `resources: [{ key: 'ventas.quotes', actions: ['view'], demo: { rep: ['approve'] } }],`,
        /demo grants unknown actions approve/,
      ],
      [
        `search: [{ resource: 'ventas.orders', provider: () => import('./x.js') }],`,
        /search provider of "ventas.orders": not a resource of the module/,
      ],
    ]
    for (const [extra, message] of cases) {
      const app = await appWith(manifestSource(extra))
      try {
        await assert.rejects(
          () => loadModules({ modulesDir: app.modulesDir, packages: [] }),
          message
        )
      } finally {
        await rm(app.root, { recursive: true, force: true })
      }
    }
  })
})
