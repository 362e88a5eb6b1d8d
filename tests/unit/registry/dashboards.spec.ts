import { test } from '@japa/runner'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { loadModules } from '#app/registry/loader'
import { ModuleRegistry } from '#app/registry/registry'

const VIEW = `views:
  - name: ventas_facturas
    public: true
    cubes:
      - join_path: ventas_invoices
        includes:
          - count
          - name: total_minor
            alias: total
          - issued_at
`

/** An app folder with module `ventas` (its manifest's `dashboards` source) and its Cube view. */
async function appWith(dashboards: string) {
  const root = await mkdtemp(join(tmpdir(), 'cartera-dashboards-'))
  const dir = join(root, 'modules', 'ventas')
  await mkdir(dir, { recursive: true })
  await mkdir(join(root, 'cube/schema/ventas'), { recursive: true })
  await writeFile(join(root, 'cube/schema/ventas/invoices.yml'), VIEW)
  await writeFile(
    join(dir, 'module.js'),
    `export default {
  name: 'ventas', version: '1.0.0', tier: 'basico', dependsOn: [], root: import.meta.url,
  permissions: [{ key: 'ventas.dashboards.view' }],
  dashboards: ${dashboards}
}
`
  )
  return { root, modulesDir: join(root, 'modules') }
}

const dashboard = (measure: string, extra = '') => `[{
  key: 'gerencia', label: 'ventas.dashboards.gerencia', permission: 'ventas.dashboards.view',
  widgets: [{ key: 'billed', label: 'ventas.billed', kind: 'kpi', format: 'money',
    query: { measures: ['${measure}'], timeDimension: { dimension: 'ventas_facturas.issued_at' } } ${extra} }]
}]`

test.group('Manifest · dashboards', () => {
  test('a dashboard over its own view members loads; the registry lists it', async ({ assert }) => {
    const app = await appWith(dashboard('ventas_facturas.total'))
    try {
      const registry = new ModuleRegistry(await loadModules({ ...app, packages: [] }))
      const [d] = registry.dashboards()
      assert.equal(d.module, 'ventas')
      assert.equal(d.key, 'gerencia')
      assert.equal(d.widgets[0].kind, 'kpi')
    } finally {
      await rm(app.root, { recursive: true, force: true })
    }
  })

  test('an unknown view member fails the boot, naming it', async ({ assert }) => {
    const app = await appWith(dashboard('ventas_facturas.total_minor'))
    try {
      await assert.rejects(
        () => loadModules({ ...app, packages: [] }),
        /"ventas_facturas\.total_minor" is not a member of a public view/
      )
    } finally {
      await rm(app.root, { recursive: true, force: true })
    }
  })

  test('bad shapes fail: unknown permission, kind, drill without :id', async ({ assert }) => {
    const cases: [string, RegExp][] = [
      [
        dashboard('ventas_facturas.total').replace(
          "permission: 'ventas.dashboards.view'",
          "permission: 'ventas.otra'"
        ),
        /permission "ventas.otra" is not one the module declares/,
      ],
      [dashboard('ventas_facturas.total').replace("'kpi'", "'gauge'"), /unknown kind "gauge"/],
      [
        dashboard(
          'ventas_facturas.total',
          `, drill: { id: 'ventas_facturas.count', title: 'ventas_facturas.count', href: '/x' }`
        ),
        /drill.href must contain :id/,
      ],
    ]
    for (const [source, message] of cases) {
      const app = await appWith(source)
      try {
        await assert.rejects(() => loadModules({ ...app, packages: [] }), message)
      } finally {
        await rm(app.root, { recursive: true, force: true })
      }
    }
  })
})
