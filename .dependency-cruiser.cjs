// Module boundaries (ARCHITECTURE.md §3), checked by `npm run boundaries` (part of `npm run lint`)
// and by tests/architecture. Paths in the rules are relative to the tree being cruised (the
// repository root here; tests/architecture cruises a deliberately bad fixture tree with the same
// rules through `forRoot`).
//
// Resolution: the server imports `#app/*`, `#models/*`, `#modules/*`… (package.json "imports",
// mapped to `.js` files that are `.ts` on disk) and the client imports `~/…` (resources/js, see
// vite.config.ts and resources/js/tsconfig.json). enhanced-resolve (5.20) does not apply
// `extensionAlias` to "imports" targets, so both are turned into plain resolve aliases, derived
// from package.json so they never drift. dependency-cruiser only accepts aliases through a
// webpack-style config; this file is that config too (`webpackConfig.fileName` points here and
// the `resolve` key is non-enumerable so the rule-set validator does not see it).
// Rules an import graph cannot express (SQL naming tables, dynamic imports, contracts re-exporting
// private files, resources/js globbing one module) live in tests/architecture/support/
// source_rules.ts; `npm run boundaries` (scripts/boundaries.ts) runs both against the
// known-violations baseline .boundaries-baseline.json, which may only shrink.
// The rule `not-to-unresolvable` makes any alias that stops resolving an error instead of a
// silently unchecked import.
const { readFileSync, readdirSync, existsSync } = require('node:fs')
const { join } = require('node:path')

const ROOT = __dirname

/** `#app/*` → `./app/*.js` becomes the alias `#app` → `<root>/app`. */
function subpathAliases(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const aliases = {}
  for (const [key, target] of Object.entries(pkg.imports ?? {})) {
    if (typeof target !== 'string' || !key.endsWith('/*') || !target.endsWith('/*.js')) continue
    aliases[key.slice(0, -2)] = join(root, target.slice(0, -'/*.js'.length))
  }
  return aliases
}

/**
 * Per module: the modules it declares in its manifest (`dependsOn` + `optionalDeps`), read from
 * the manifest's text. The architecture test cross-checks the same thing with the manifests
 * actually loaded; this gives the same answer in `npm run lint`.
 */
function declaredDependencies(root) {
  const dir = join(root, 'modules')
  if (!existsSync(dir)) return {}
  const declared = {}
  for (const name of readdirSync(dir)) {
    const file = ['module.ts', 'module.js'].map((f) => join(dir, name, f)).find(existsSync)
    if (!file) continue
    const text = readFileSync(file, 'utf8')
    const list = (key) => {
      const match = new RegExp(`${key}\\s*:\\s*\\[([^\\]]*)\\]`).exec(text)
      return match ? [...match[1].matchAll(/['"]([a-z][a-z0-9_]*)['"]/g)].map((m) => m[1]) : []
    }
    const hard = list('dependsOn')
    declared[name] = {
      hard,
      optional: list('optionalDeps').filter((d) => !hard.includes(d)),
    }
  }
  return declared
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const SERVER_DIRS = '^(app|config|start|database|commands|bin|tests)/'
const SERVER_PACKAGES =
  'node_modules/(@adonisjs/(core|lucid|auth|session|mail|drive|limiter|bouncer|shield|static|i18n)|@vinejs|knex|better-sqlite3|mysql2|tedious|nodemailer|mailparser|imapflow)/'
// Administración is kernel, laid out by feature like a module: app/admin/<feature>/pages too.
const PAGES = '^(resources/js/|app/admin/[^/]+/pages/|modules/[^/]+/pages/)'
const MIGRATIONS = '^(database/migrations|modules/[^/]+/database/migrations)/'
// The only kernel files pages may import: the shell's props (type-only) and the pure formatting
// functions the server and the browser share. Both import nothing (shared-with-pages-imports).
const SHELL_DTO = '^app/ui/dto\\.ts$'
// The shapes records share (options, phones, e-mails, addresses): pages and dto/ take them.
const RECORD_SHAPES = '^app/ui/record_shapes\\.ts$'
const SHARED_WITH_PAGES = [
  '^app/ui/dto\\.ts$',
  RECORD_SHAPES,
  '^app/settings/format\\.ts$',
  '^app/custom_fields/types\\.ts$',
]
// Type-only shapes a module's (or an admin feature's) actions send to its pages; pages import
// them type-only.
const DTO = [SHELL_DTO, RECORD_SHAPES, '^modules/[^/]+/dto/', '^app/admin/[^/]+/dto(\\.ts$|/)']
// What of Administración the rest of the app may import: its routes (start/routes.ts) and its
// translations loader (config/i18n.ts). Everything else in app/admin is private to it.
const ADMIN_ENTRY = '^app/admin/(routes|translations)\\.ts$'

function rules(root) {
  const declared = Object.entries(declaredDependencies(root))
  const undeclared = declared.map(([name, { hard, optional }]) => {
    const deps = [...hard, ...optional]
    return {
      name: `undeclared-module-dependency-${name}`,
      comment: `modules/${name} imports a module missing from its manifest's dependsOn/optionalDeps (declared: ${deps.join(', ') || 'none'})`,
      severity: 'error',
      from: { path: `^modules/${escape(name)}/` },
      to: {
        path: '^modules/[^/]+/',
        pathNot: [`^modules/(${[name, ...deps].map(escape).join('|')})/`],
      },
    }
  })
  // An optional dependency may be absent: a module listens to its events and calls nothing of it.
  const optionalBeyondEvents = declared
    .filter(([, { optional }]) => optional.length)
    .map(([name, { optional }]) => ({
      name: `optional-dependency-beyond-events-${name}`,
      comment: `modules/${name} may import its optionalDeps (${optional.join(', ')}) through events/ only, never contracts/`,
      severity: 'error',
      from: { path: `^modules/${escape(name)}/` },
      to: {
        path: `^modules/(${optional.map(escape).join('|')})/`,
        pathNot: `^modules/(${optional.map(escape).join('|')})/events/`,
      },
    }))

  return [
    {
      name: 'module-private-import',
      comment:
        'A module imports another module only through its contracts/ or events/ (ARCHITECTURE §3).',
      severity: 'error',
      from: { path: '^modules/([^/]+)/' },
      to: {
        path: '^modules/[^/]+/',
        pathNot: ['^modules/$1/', '^modules/[^/]+/(contracts|events)/'],
      },
    },
    ...undeclared,
    ...optionalBeyondEvents,
    {
      name: 'shell-imports-module',
      comment:
        'The kernel UI (resources/js) depends on no module: pages and lang files are globbed over modules/*.',
      severity: 'error',
      from: { path: '^resources/js/' },
      to: { path: '^modules/' },
    },
    {
      name: 'kernel-imports-module',
      comment: 'The kernel (app/) never imports modules/; only app/registry loads manifests.',
      severity: 'error',
      from: { path: '^app/', pathNot: '^app/registry/' },
      to: { path: '^modules/' },
    },
    {
      name: 'admin-private-import',
      comment:
        'Administración (app/admin) is private like a module: outside it only its routes and translations loader are imported.',
      severity: 'error',
      from: {
        path: '^(app|config|start|database|commands|bin|resources|modules)/',
        pathNot: '^app/admin/',
      },
      to: { path: '^app/admin/', pathNot: ADMIN_ENTRY },
    },
    {
      name: 'admin-page-imported-by-server',
      comment:
        "Admin pages are loaded by the page shell's glob only; server code never imports them.",
      severity: 'error',
      from: { path: '^app/admin/', pathNot: '^app/admin/[^/]+/pages/' },
      to: { path: '^app/admin/[^/]+/pages/' },
    },
    {
      name: 'registry-imports-beyond-manifest',
      comment: "app/registry may import a module's manifest (module.ts) and nothing else of it.",
      severity: 'error',
      from: { path: '^app/registry/' },
      to: { path: '^modules/', pathNot: '^modules/[^/]+/module\\.(ts|js)$' },
    },
    {
      name: 'kernel-entry-imports-module',
      comment:
        'config/, start/, database/, commands/ and bin/ reach modules through the registry only.',
      severity: 'error',
      from: { path: '^(config|start|database|commands|bin)/' },
      to: { path: '^modules/' },
    },
    {
      name: 'no-circular',
      comment: 'No dependency cycles (between modules, or anywhere else).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'page-imports-server-code',
      comment:
        'Pages (resources/js, modules/*/pages) import no server code; ~/ui, React, Mantine and Inertia are fine.',
      severity: 'error',
      from: { path: PAGES },
      to: {
        path: [SERVER_DIRS, '^modules/[^/]+/(?!pages/|lang/|contracts/|events/|dto/)'],
        pathNot: [...SHARED_WITH_PAGES, '^app/admin/[^/]+/(pages/|lang/|dto(\\.ts$|/))'],
      },
    },
    {
      name: 'page-imports-dto-value',
      comment:
        "Pages take their module's dto/ and the shell's app/ui/dto.ts as types only (import type).",
      severity: 'error',
      from: { path: PAGES },
      to: { path: DTO, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-with-pages-imports',
      comment:
        'app/ui/dto.ts, app/ui/record_shapes.ts and app/settings/format.ts run in the browser too: ' +
        'they import nothing.',
      severity: 'error',
      from: { path: SHARED_WITH_PAGES },
      to: { path: '.+' },
    },
    {
      name: 'dto-imports-beyond-dto',
      comment:
        "A module's dto/ imports only its own dto/ and the kernel's record shapes (type-only): " +
        'pages compile it, so no server code.',
      severity: 'error',
      from: { path: '^modules/([^/]+)/dto/' },
      to: { pathNot: ['^modules/$1/dto/', RECORD_SHAPES] },
    },
    {
      name: 'admin-dto-imports-beyond-dto',
      comment:
        "An admin feature's dto imports only admin dto files and the files shared with pages (type-only).",
      severity: 'error',
      from: { path: '^app/admin/[^/]+/dto(\\.ts$|/)' },
      to: { pathNot: ['^app/admin/[^/]+/dto(\\.ts$|/)', ...SHARED_WITH_PAGES] },
    },
    {
      name: 'dto-imports-value',
      comment: 'dto/ files hold types only: they import one another with import type.',
      severity: 'error',
      from: { path: ['^modules/[^/]+/dto/', '^app/admin/[^/]+/dto(\\.ts$|/)'] },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'page-imports-contract-value',
      comment:
        "Pages may take DTO types from a module's contracts/ or events/, never runtime code.",
      severity: 'error',
      from: { path: PAGES },
      to: { path: '^modules/[^/]+/(contracts|events)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'page-imports-node-builtin',
      comment: 'Pages run in the browser: no Node built-ins.',
      severity: 'error',
      from: { path: PAGES },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'page-imports-server-npm',
      comment: 'Pages import no server-side package at run time (types are fine).',
      severity: 'error',
      from: { path: PAGES },
      to: { path: SERVER_PACKAGES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'migration-imports-model',
      comment: 'Migrations describe tables with the schema builder; they never import models.',
      severity: 'error',
      from: { path: MIGRATIONS },
      to: { path: '^(app/models|modules/[^/]+/models)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (an unresolved alias would escape every other rule).',
      severity: 'error',
      from: { path: '^(app|modules|config|start|database|resources|commands|bin)/' },
      // Vite's virtual modules (vite.config.ts) exist only inside Vite.
      to: { couldNotResolve: true, pathNot: '^virtual:cartera/' },
    },
  ]
}

/** The rule set for the tree rooted at `root` (the repository by default). */
function forRoot(root = ROOT) {
  const config = {
    forbidden: rules(root),
    options: {
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '(^|/)(node_modules|build|tmp|storage|public/assets)/' },
      // Type-only imports count: a page importing a server type is still a boundary smell.
      tsPreCompilationDeps: true,
      // Manifests, contracts and pages resolve through these (see the header).
      webpackConfig: { fileName: __filename },
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'require', 'node', 'default', 'types'],
        mainFields: ['module', 'main', 'types', 'typings'],
        extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.jsx', '.json'],
      },
      reporterOptions: { text: { highlightFocused: true } },
      cache: false,
    },
  }
  Object.defineProperty(config, 'resolve', {
    enumerable: false,
    value: {
      alias: {
        ...subpathAliases(ROOT),
        ...(root === ROOT ? {} : subpathAliases(root)),
        '~': join(ROOT, 'resources/js'),
      },
    },
  })
  return config
}

const config = forRoot()
Object.defineProperty(config, 'forRoot', { enumerable: false, value: forRoot })
module.exports = config
