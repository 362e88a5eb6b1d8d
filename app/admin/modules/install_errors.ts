import { ModuleInstallError } from '#app/registry/installations'
import type { ModuleRegistry } from '#app/registry/registry'
import { RuleError, type I18nValue } from '#app/support/rule_error'

/** A module's translated label for messages (its name when the module is unknown or untranslated). */
export function moduleLabel(registry: ModuleRegistry, name: string): I18nValue | string {
  return registry.has(name) ? { i18n: registry.manifest(name).label, fallback: name } : name
}

/** The installer's refusal as a translated business-rule error; other errors pass through. */
export function toRuleError(error: unknown, registry: ModuleRegistry): unknown {
  if (!(error instanceof ModuleInstallError)) return error
  const meta = error.meta as { module?: string; tier?: string; blockers?: string[] }
  const module = moduleLabel(registry, meta.module ?? '')
  switch (error.code) {
    case 'not_licensed':
      return new RuleError('admin.modules.errors.not_licensed', {
        module,
        tier: { i18n: `admin.modules.tiers.${meta.tier}`, fallback: String(meta.tier) },
      })
    case 'required_by':
      return new RuleError('admin.modules.errors.required_by', {
        module,
        blockers: (meta.blockers ?? []).map((b) => moduleLabel(registry, b)),
        count: meta.blockers?.length ?? 0,
      })
    case 'unknown_module':
      return new RuleError('admin.modules.errors.unknown_module', { module: meta.module ?? '' })
    default:
      return new RuleError('admin.modules.errors.migration_failed', { module })
  }
}
