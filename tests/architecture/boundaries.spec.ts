import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { cruiseTree, describe, type Violation } from './support/depcruise.js'
import { checkAgainstBaseline, describeFindings } from './support/boundaries.js'

const BAD = () => app.makePath('tests/fixtures/bad_modules')

const key = (v: Violation) => `${v.rule} | ${v.from} → ${v.to}`

test.group('Architecture · dependency-cruiser boundaries', () => {
  test('the repository breaks no boundary rule beyond the baseline, and the baseline holds nothing stale', async ({
    assert,
  }) => {
    const { fresh, stale, cruised } = await checkAgainstBaseline(app.makePath())
    assert.deepEqual(fresh, [], `new boundary violations:\n${describeFindings(fresh)}`)
    // The baseline may only shrink: a fixed violation must leave it.
    assert.deepEqual(
      stale,
      [],
      `fixed violations still in .boundaries-baseline.json, remove them:\n${describeFindings(stale)}`
    )
    assert.isAbove(cruised, 50, 'the cruise saw the code base')
  }).timeout(60_000)

  test('#subpath imports and the ~ alias resolve to real files', async ({ assert }) => {
    const root = app.makePath()
    const { output } = await cruiseTree(root, ['start', 'resources'])
    const routes = output.modules.find((m) => m.source === 'start/routes.ts')!
    const registry = routes.dependencies.find((d) => d.module === '#app/registry/main')
    assert.equal(registry?.resolved, 'app/registry/main.ts')
    assert.include(registry!.dependencyTypes, 'aliased')

    const uiUsers = output.modules.flatMap((m) =>
      m.dependencies.filter((d) => d.module === '~/ui').map((d) => d.resolved)
    )
    assert.isNotEmpty(uiUsers, 'some page imports ~/ui')
    assert.sameMembers([...new Set(uiUsers)], ['resources/js/ui/index.ts'])

    const unresolved = output.modules.flatMap((m) =>
      m.dependencies
        // Vite's virtual modules (vite.config.ts) exist only inside Vite.
        .filter((d) => d.couldNotResolve && !d.module.startsWith('virtual:cartera/'))
        .map((d) => `${m.source} → ${d.module}`)
    )
    assert.deepEqual(unresolved, [])
  }).timeout(60_000)

  test('a deliberately bad module tree: every violation is reported with its files', async ({
    assert,
  }) => {
    const { violations } = await cruiseTree(BAD(), ['modules'])
    const found = violations.map(key)
    // (The shell rule is proved with resources/ in tests/architecture/source_rules.spec.ts.)
    const expected = [
      'module-private-import | modules/ventas/services/quote_customer.ts → modules/crm/models/company.ts',
      'module-private-import | modules/ventas/services/crm_manifest.ts → modules/crm/module.ts',
      'undeclared-module-dependency-soporte | modules/soporte/listeners/on_quote_accepted.ts ' +
        '→ modules/ventas/events/quote_accepted.ts',
      'page-imports-server-code | modules/ventas/pages/quotes/index.tsx → modules/ventas/models/quote.ts',
      'migration-imports-model | modules/ventas/database/migrations/0001_create_ventas_quotes_table.ts ' +
        '→ modules/ventas/models/quote.ts',
      'optional-dependency-beyond-events-marketing | modules/marketing/listeners/on_company_created.ts ' +
        '→ modules/crm/contracts/companies.ts',
      'page-imports-dto-value | modules/crm/pages/companies/index.tsx → modules/crm/dto/leaky_dto.ts',
      'dto-imports-value | modules/crm/dto/leaky_dto.ts → modules/crm/dto/company_dto.ts',
    ]
    for (const line of expected) assert.include(found, line)
    assert.isTrue(
      violations.some(
        (v) =>
          v.rule === 'no-circular' &&
          /services\/(totals|taxes)\.ts/.test(v.from) &&
          /services\/(totals|taxes)\.ts/.test(v.to)
      ),
      `the totals ↔ taxes cycle is reported:\n${describe(violations)}`
    )
    assert.notInclude(
      found.join('\n'),
      'customer_name.ts',
      'importing crm through contracts/ and events/ is allowed'
    )
    assert.isFalse(
      violations.some((v) => v.rule === 'not-to-unresolvable'),
      `every fixture import resolves:\n${describe(violations)}`
    )
    assert.lengthOf(violations, expected.length + 1, describe(violations))
  }).timeout(60_000)

  test('Administración is checked like a module: private to app/admin, pages import no server code', async ({
    assert,
  }) => {
    const { violations } = await cruiseTree(BAD(), ['app'])
    const found = violations.map(key)
    assert.include(
      found,
      'admin-private-import | app/support/admin_peek.ts → app/admin/users/list_users.ts'
    )
    assert.include(
      found,
      'page-imports-server-code | app/admin/users/pages/index.tsx → app/admin/users/list_users.ts'
    )
    assert.notInclude(
      found.join('\n'),
      'app/admin/users/dto.ts',
      "an admin page may import its feature's dto (type-only)"
    )
  }).timeout(60_000)
})
