import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModuleDeclaration, ModuleManifest } from './types.js'

/** The kernel's own permission verbs, labelled by its lang files (`permissions.actions.<verb>`). */
export const STANDARD_ACTIONS = ['view', 'create', 'edit', 'delete', 'export']

/**
 * Fills the manifest fields derivable from the name (no I/O): the module's label and
 * description, each resource's label and each permission's label. Idempotent.
 */
export function withNameDefaults(declared: ModuleDeclaration): ModuleManifest {
  const name = declared.name
  return {
    ...declared,
    label: declared.label ?? `${name}.module.label`,
    description: declared.description ?? `${name}.module.description`,
    resources: declared.resources?.map((r) => ({ ...r, label: r.label ?? `${r.key}.title` })),
    permissions: declared.permissions?.map((p) => ({
      ...p,
      label: p.label ?? `${name}.permissions.${p.key.slice(name.length + 1).replaceAll('.', '_')}`,
    })),
  }
}

/** The i18n key of a resource action's label: the kernel's for standard verbs, else the module's. */
export function actionLabel(
  resource: { key: string; actionLabels?: Record<string, string> },
  action: string
): string {
  if (STANDARD_ACTIONS.includes(action)) return `permissions.actions.${action}`
  return resource.actionLabels?.[action] ?? `${resource.key}.actions.${action}`
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/**
 * Fills the folders a module keeps in their usual place, when they exist: `database/migrations`
 * and `lang` in the module's folder, `cube/schema/<name>` in the application's.
 */
export async function withFolderDefaults(
  manifest: ModuleManifest,
  dir: string,
  appRoot: string
): Promise<ModuleManifest> {
  const filled = { ...manifest }
  if (filled.migrations === undefined && (await isDirectory(join(dir, 'database/migrations'))))
    filled.migrations = 'database/migrations'
  if (filled.lang === undefined && (await isDirectory(join(dir, 'lang')))) filled.lang = 'lang'
  const cube = `cube/schema/${manifest.name}`
  if (filled.cubeSchema === undefined && (await isDirectory(join(appRoot, cube))))
    filled.cubeSchema = cube
  return filled
}
