import { dbTimestamp } from '#app/support/dates'
import db from '@adonisjs/lucid/services/db'
import { cachedModules, forgetModules } from '#app/support/cache'
import app from '@adonisjs/core/services/app'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { tierRank } from './types.js'
import type { ModuleRegistry } from './registry.js'
import { licences, type LicenceService } from '#app/licensing/licence_service'

export type InstallProblem = 'unknown_module' | 'not_licensed' | 'required_by' | 'migration_failed'

export class ModuleInstallError extends Error {
  constructor(
    readonly code: InstallProblem,
    message: string,
    readonly meta: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

export interface ModuleStatus {
  name: string
  installed: boolean
  licensed: boolean
  enabled: boolean
}

/**
 * Per-organization installation of modules. Installing checks the licence tier, installs
 * missing dependencies first and runs pending migrations; uninstalling only disables the
 * module (its tables and rows stay, so reinstalling brings everything back).
 */
export class ModuleInstaller {
  constructor(
    private registry: ModuleRegistry,
    private licence: LicenceService = licences
  ) {}

  /** Installed for the organization (shared cache; install and uninstall drop it). */
  async installed(organizationId: number): Promise<Set<string>> {
    const names = await cachedModules(organizationId, () => this.#installedNow(organizationId))
    return new Set(names.filter((m) => this.registry.has(m)))
  }

  async #installedNow(organizationId: number): Promise<string[]> {
    const rows = await db
      .from('module_installations')
      .where({ organization_id: organizationId, status: 'installed' })
      .select('module')
    return rows.map((r) => r.module as string)
  }

  /** Installed for the organization and covered by the current licence tier. */
  async enabled(organizationId: number): Promise<Set<string>> {
    const [installed, entitlement] = await Promise.all([
      this.installed(organizationId),
      this.licence.entitlement(),
    ])
    return new Set(
      [...installed].filter(
        (m) => tierRank(this.registry.manifest(m).tier) <= tierRank(entitlement.tier)
      )
    )
  }

  async statuses(organizationId: number): Promise<ModuleStatus[]> {
    const [installed, entitlement] = await Promise.all([
      this.installed(organizationId),
      this.licence.entitlement(),
    ])
    return this.registry.names().map((name) => {
      const licensed = tierRank(this.registry.manifest(name).tier) <= tierRank(entitlement.tier)
      return {
        name,
        installed: installed.has(name),
        licensed,
        enabled: installed.has(name) && licensed,
      }
    })
  }

  /** Installs `name` (and any missing hard dependency). Returns the modules newly installed. */
  async install(organizationId: number, name: string, actorId: number | null): Promise<string[]> {
    if (!this.registry.has(name))
      throw new ModuleInstallError('unknown_module', `unknown module "${name}"`, { module: name })
    const entitlement = await this.licence.entitlement()
    const needed = [...this.registry.requires(name), name]
    for (const module of needed) {
      const tier = this.registry.manifest(module).tier
      if (tierRank(tier) > tierRank(entitlement.tier)) {
        throw new ModuleInstallError(
          'not_licensed',
          `module "${module}" needs the ${tier} tier; the licence grants ${entitlement.tier}`,
          {
            module,
            tier,
            licensed: entitlement.tier,
          }
        )
      }
    }

    await this.runPendingMigrations()

    const installed = new Set(await this.#installedNow(organizationId))
    const order = this.registry.names().filter((m) => needed.includes(m) && !installed.has(m))
    const now = dbTimestamp()
    await db.transaction(async (trx) => {
      for (const module of order) {
        const existing = await trx
          .from('module_installations')
          .where({ organization_id: organizationId, module })
          .first()
        const values = {
          status: 'installed',
          installed_by: actorId,
          installed_at: now,
          uninstalled_at: null,
          updated_at: now,
        }
        if (existing) await trx.from('module_installations').where('id', existing.id).update(values)
        else
          await trx
            .table('module_installations')
            .insert({ organization_id: organizationId, module, ...values })
      }
    })
    await forgetModules(organizationId)
    return order
  }

  /** Disables `name` for the organization; refuses while an installed module needs it. */
  async uninstall(organizationId: number, name: string): Promise<void> {
    if (!this.registry.has(name))
      throw new ModuleInstallError('unknown_module', `unknown module "${name}"`, { module: name })
    const installed = new Set(await this.#installedNow(organizationId))
    const blockers = this.registry.requiredBy(name).filter((m) => installed.has(m))
    if (blockers.length) {
      throw new ModuleInstallError('required_by', `"${name}" is needed by ${blockers.join(', ')}`, {
        module: name,
        blockers,
      })
    }
    const now = dbTimestamp()
    await db
      .from('module_installations')
      .where({ organization_id: organizationId, module: name })
      .update({ status: 'uninstalled', uninstalled_at: now, updated_at: now })
    await forgetModules(organizationId)
  }

  /**
   * Runs pending migrations of every registered module (folders ordered by the module graph).
   * A module added to config/modules.ts after the last `migration:run` gets its tables here.
   * Nothing pending (the usual case): no run at all. A run takes the migrator's advisory lock,
   * which MySQL/MariaDB hold per connection: taken and released through a busy pool they may
   * land on two connections ("unable to release database lock"), and a second install at the
   * same moment would find it taken.
   */
  async runPendingMigrations(): Promise<void> {
    const list = await new MigrationRunner(db, app, { direction: 'up', dryRun: true }).getList()
    if (!list.some((migration) => migration.status === 'pending')) return
    const runner = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
    await runner.run()
    if (runner.error) {
      throw new ModuleInstallError('migration_failed', `migrations failed: ${runner.error.message}`)
    }
  }
}
