import { relative, join, posix } from 'node:path'
import { orderModules, transitiveDependencies, dependents } from './graph.js'
import { packageRootName } from './loader.js'
import { actionLabel, withNameDefaults } from './defaults.js'
import type {
  DashboardDefinition,
  HomeCard,
  ListDefinition,
  LoadedModule,
  ModuleDeclaration,
  ModuleManifest,
  SearchDefinition,
  NavigationItem,
  PermissionDefinition,
  RecordActionItem,
  ResourceDefinition,
} from './types.js'

export interface NavigationEntry extends NavigationItem {
  module: string
  /** i18n key of the module's label (the folded settings entry is named after it). */
  moduleLabel: string
}

export type CardEntry = HomeCard & { module: string }

/**
 * The validated set of modules this deployment knows about, in dependency order. Whether a
 * module is installed for an organization is a separate, per-organization fact
 * (see installations.ts).
 */
export class ModuleRegistry {
  readonly modules: LoadedModule[]
  #byName: Map<string, LoadedModule>

  /** Manifests as loaded (app/registry/loader.ts); the name defaults are filled in here too. */
  constructor(modules: (Omit<LoadedModule, 'manifest'> & { manifest: ModuleDeclaration })[]) {
    const loaded = modules.map((m) => ({ ...m, manifest: withNameDefaults(m.manifest) }))
    const order = orderModules(loaded.map((l) => l.manifest))
    const byName = new Map(loaded.map((l) => [l.manifest.name, l]))
    this.modules = order.map((name) => byName.get(name)!)
    this.#byName = byName
  }

  names(): string[] {
    return this.modules.map((m) => m.manifest.name)
  }

  has(name: string): boolean {
    return this.#byName.has(name)
  }

  get(name: string): LoadedModule | undefined {
    return this.#byName.get(name)
  }

  manifest(name: string): ModuleManifest {
    const found = this.#byName.get(name)
    if (!found) throw new Error(`Unknown module "${name}"`)
    return found.manifest
  }

  /** Hard dependencies of a module, transitively. */
  requires(name: string): string[] {
    return transitiveDependencies(this.#nodes(), name)
  }

  /** Modules that need `name` (hard), transitively. */
  requiredBy(name: string): string[] {
    return dependents(this.#nodes(), name)
  }

  /** Permission keys of every module: resource actions plus extra permissions. */
  permissions(): (PermissionDefinition & { module: string; resource?: string })[] {
    return this.modules.flatMap(({ manifest }) => [
      ...(manifest.resources ?? []).flatMap((r) =>
        r.actions.map((action) => ({
          key: `${r.key}.${action}`,
          label: actionLabel(r, action),
          module: manifest.name,
          resource: r.key,
        }))
      ),
      ...(manifest.permissions ?? []).map((p) => ({ ...p, module: manifest.name })),
    ])
  }

  resources(): (ResourceDefinition & { module: string })[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.resources ?? []).map((r) => ({ ...r, module: manifest.name }))
    )
  }

  /** Editable lists of every registered module (Administración › Listas shows the enabled ones). */
  lists(): (ListDefinition & { module: string })[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.lists ?? []).map((l) => ({ ...l, module: manifest.name }))
    )
  }

  navigation(): NavigationEntry[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.navigation ?? []).map((n) => ({
        ...n,
        module: manifest.name,
        moduleLabel: manifest.label ?? `${manifest.name}.module.label`,
      }))
    )
  }

  /** Quick actions of every module (the command palette), in module order. */
  actions(): NavigationEntry[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.actions ?? []).map((n) => ({
        ...n,
        module: manifest.name,
        moduleLabel: manifest.label ?? `${manifest.name}.module.label`,
      }))
    )
  }

  /** Record-page actions of every module (mail's "Escribir correo"), in module order. */
  recordActions(): (NavigationEntry & Pick<RecordActionItem, 'subjects' | 'replaces'>)[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.recordActions ?? []).map((n) => ({
        ...n,
        module: manifest.name,
        moduleLabel: manifest.label ?? `${manifest.name}.module.label`,
      }))
    )
  }

  /** Start-page cards of every module, in module order. */
  cards(): CardEntry[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.cards ?? []).map((c) => ({ ...c, module: manifest.name }))
    )
  }

  /** Dashboards of every module, in module order (the analytics module renders them). */
  dashboards(): (DashboardDefinition & { module: string })[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.dashboards ?? []).map((d) => ({ ...d, module: manifest.name }))
    )
  }

  /** Search providers of every module, by resource. */
  searchProviders(): (SearchDefinition & { module: string })[] {
    return this.modules.flatMap(({ manifest }) =>
      (manifest.search ?? []).map((s) => ({ ...s, module: manifest.name }))
    )
  }

  /**
   * Migration folders, relative to the application root, in dependency order. Lucid runs the
   * folders in this order and stores each migration under its folder path, so a module's
   * migrations folder must never move once shipped.
   */
  migrationPaths(appRoot: string): string[] {
    return this.modules
      .filter((m) => m.manifest.migrations)
      .map((m) => this.migrationPath(m.manifest.name, appRoot)!)
  }

  /**
   * A package module's folder is named through node_modules/<package> (relative to the app
   * root), never by its real path: the same migration keeps the same name whether the app runs
   * from the repository or from build/ (where build/node_modules links to ../node_modules),
   * and whether the package is a copy or a link (npm `file:`).
   */
  migrationPath(name: string, appRoot: string): string | null {
    const loaded = this.#byName.get(name)
    if (!loaded?.manifest.migrations) return null
    if (loaded.source === 'package' && loaded.packageName) {
      return posix.normalize(
        posix.join(
          'node_modules',
          packageRootName(loaded.packageName),
          loaded.packageSubdir ?? '',
          loaded.manifest.migrations.split('\\').join('/')
        )
      )
    }
    return relative(appRoot, join(loaded.dir, loaded.manifest.migrations)).split('\\').join('/')
  }

  #nodes() {
    return this.modules.map((m) => m.manifest)
  }
}
