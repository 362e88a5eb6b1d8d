import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  DEMO_ROLES,
  TIERS,
  type DemoRole,
  type LoadedModule,
  type ModuleDeclaration,
} from './types.js'
import { ModuleGraphError } from './graph.js'
import { withFolderDefaults, withNameDefaults } from './defaults.js'
import { assertIcons } from './icons.js'
import { assertDashboards } from './dashboards.js'

export interface LoaderOptions {
  /** Directory holding one folder per built-in module (`<app>/modules`). */
  modulesDir: string
  /** npm packages that export a module manifest as their default export. */
  packages: string[]
  /** Built-in module folders to leave out. */
  disabled?: string[]
  /** Application root, where `cube/schema/<name>` is looked for; default the parent of `modulesDir`. */
  appRoot?: string
}

/**
 * Loads every built-in manifest (`modules/<name>/module.ts`) and every package manifest, and
 * checks each one's shape. Ordering and graph checks are the registry's job.
 */
export async function loadModules(options: LoaderOptions): Promise<LoadedModule[]> {
  const loaded: LoadedModule[] = []
  const disabled = new Set(options.disabled ?? [])
  const appRoot = options.appRoot ?? dirname(options.modulesDir)
  const complete = async (declared: ModuleDeclaration, dir: string, where: string) => {
    const manifest = await withFolderDefaults(withNameDefaults(declared), dir, appRoot)
    await assertIcons(manifest, where)
    return manifest
  }

  for (const folder of (await readdir(options.modulesDir)).sort()) {
    if (disabled.has(folder)) continue
    const dir = join(options.modulesDir, folder)
    if (!(await stat(dir)).isDirectory()) continue
    const manifest = (await import(pathToFileURL(join(dir, 'module.js')).href)).default
    assertManifest(manifest, `modules/${folder}/module`)
    if (manifest.name !== folder) {
      throw new ModuleGraphError(
        `modules/${folder}/module declares name "${manifest.name}": the name must equal the folder`,
        'E_MODULE_INVALID'
      )
    }
    loaded.push({
      manifest: await complete(manifest, dir, `modules/${folder}/module`),
      dir,
      source: 'builtin',
    })
  }

  for (const packageName of options.packages) {
    let imported: { default?: unknown }
    try {
      imported = await import(packageName)
    } catch (error) {
      throw new ModuleGraphError(
        `Module package "${packageName}" (config/modules.ts) cannot be loaded: ${(error as Error).message}`,
        'E_MODULE_INVALID'
      )
    }
    const manifest = imported.default
    assertManifest(manifest, `package ${packageName}`)
    const dir = dirname(fileURLToPath(manifest.root))
    loaded.push({
      manifest: await complete(manifest, dir, `package ${packageName}`),
      dir,
      source: 'package',
      packageName,
      packageSubdir: await subdirInPackage(dir, packageName),
    })
  }
  await assertDashboards(loaded, appRoot)
  return loaded
}

/**
 * Where the manifest sits inside its package (e.g. 'build' when `main` is build/module.js):
 * the nearest folder upwards whose package.json is named `packageName` is the package root.
 */
async function subdirInPackage(dir: string, packageName: string): Promise<string> {
  const name = packageRootName(packageName)
  for (let current = dir; ; current = dirname(current)) {
    try {
      const pkg = JSON.parse(await readFile(join(current, 'package.json'), 'utf8'))
      if (pkg.name === name) return relative(current, dir).split(sep).join('/')
    } catch {}
    if (dirname(current) === current) return ''
  }
}

/** `@acme/pkg/sub` → `@acme/pkg`, `pkg/sub` → `pkg`. */
export function packageRootName(specifier: string): string {
  const parts = specifier.split('/')
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')
}

function assertManifest(value: unknown, where: string): asserts value is ModuleDeclaration {
  const fail = (why: string): never => {
    throw new ModuleGraphError(`Invalid module manifest in ${where}: ${why}`, 'E_MODULE_INVALID')
  }
  if (!value || typeof value !== 'object') fail('it must export a manifest object as default')
  const m = value as Partial<ModuleDeclaration>
  if (typeof m.name !== 'string') fail('"name" is missing')
  if (!m.tier || !TIERS.includes(m.tier)) fail(`"tier" must be one of ${TIERS.join(', ')}`)
  if (!Array.isArray(m.dependsOn)) fail('"dependsOn" must be an array')
  if (typeof m.root !== 'string' || !m.root.startsWith('file:')) {
    fail('"root" must be import.meta.url of the manifest')
  }
  const prefix = `${m.name}.`
  for (const r of m.resources ?? []) {
    if (!r.key.startsWith(prefix)) fail(`resource "${r.key}" must start with "${prefix}"`)
    if (r.documents) {
      const d = r.documents
      if (typeof d.subjectType !== 'string' || !d.subjectType.startsWith(prefix))
        fail(`resource "${r.key}": documents.subjectType must start with "${prefix}"`)
      if (typeof d.recordAccess !== 'function')
        fail(`resource "${r.key}": documents.recordAccess must be () => import(…)`)
      if (!r.actions.includes('view') || !r.actions.includes('edit'))
        fail(`resource "${r.key}": documents need the "view" and "edit" actions`)
    }
    if (r.tags) {
      if (typeof r.tags.subject !== 'string' || !r.tags.subject.startsWith(prefix))
        fail(`resource "${r.key}": tags.subject must start with "${prefix}"`)
      if (typeof (r.tags.recordAccess ?? r.documents?.recordAccess) !== 'function')
        fail(`resource "${r.key}": tags need recordAccess (or documents.recordAccess)`)
      if (!r.actions.includes('view') || !r.actions.includes('edit'))
        fail(`resource "${r.key}": tags need the "view" and "edit" actions`)
    }
    if (r.bin && !r.actions.includes('delete'))
      fail(`resource "${r.key}" accepts the bin, so it needs a "delete" action`)
  }
  for (const p of m.permissions ?? []) {
    if (!p.key.startsWith(prefix)) fail(`permission "${p.key}" must start with "${prefix}"`)
  }
  const resourceKeys = new Set([
    ...(m.resources ?? []).map((r) => r.key),
    ...(m.permissions ?? []).map((p) => p.key.replace(/\.[^.]+$/, '')),
  ])
  for (const s of m.search ?? []) {
    if (!resourceKeys.has(s.resource))
      fail(`search provider of "${s.resource}": not a resource of the module`)
    if (typeof s.provider !== 'function')
      fail(`search of "${s.resource}": provider must be () => import(…)`)
  }
  for (const r of m.resources ?? []) {
    for (const [role, actions] of Object.entries(r.demo ?? {})) {
      if (!DEMO_ROLES.includes(role as DemoRole))
        fail(`resource "${r.key}": demo role "${role}" is not one of ${DEMO_ROLES.join(', ')}`)
      const unknown = (actions ?? []).filter((a) => !r.actions.includes(a))
      if (unknown.length)
        fail(`resource "${r.key}": demo grants unknown actions ${unknown.join(', ')}`)
    }
  }
  for (const c of m.cards ?? []) {
    if ('loader' in c) {
      if (!/^[a-z0-9_]{1,40}$/.test(c.key) || typeof c.label !== 'string')
        fail(`home card "${c.key}": needs a key (a-z, 0-9, _) and a label`)
      if (typeof c.loader !== 'function')
        fail(`home card "${c.key}": loader must be () => import(…)`)
    } else if (typeof c.label !== 'string' || typeof c.route !== 'string')
      fail('every home card needs a label and a route (or a key and a loader)')
  }
  const cardKeys = (m.cards ?? []).flatMap((c) => ('loader' in c ? [c.key] : []))
  if (new Set(cardKeys).size !== cardKeys.length) fail('home card keys must be unique')
  const kinds = (m.notifications ?? []).map((n) => n.kind)
  if (new Set(kinds).size !== kinds.length) fail('notification kinds must be unique')
  for (const n of m.notifications ?? []) {
    if (!/^[a-z0-9_]{1,60}$/.test(n.kind))
      fail(`notification kind "${n.kind}" must be a-z, 0-9 and _`)
    if (!['off', 'immediate', 'digest'].includes(n.defaultEmail))
      fail(`notification kind "${n.kind}": defaultEmail must be off, immediate or digest`)
  }
  const ownName = (name: string, max: number) =>
    name.startsWith(prefix) && /^[a-z0-9_]+$/.test(name.slice(prefix.length)) && name.length <= max
  for (const k of m.timelineKinds ?? [])
    if (!ownName(k.kind, 40))
      fail(`timeline kind "${k.kind}" must be "${prefix}<a-z, 0-9, _>" (≤ 40 chars)`)
  for (const a of m.auditActions ?? [])
    if (!ownName(a.action, 16))
      fail(`audit action "${a.action}" must be "${prefix}<a-z, 0-9, _>" (≤ 16 chars)`)
  for (const list of m.lists ?? []) {
    if (!list.key.startsWith(prefix)) fail(`list "${list.key}" must start with "${prefix}"`)
    const codes = list.values.map((v) => v.code)
    if (codes.some((c) => !/^[a-z0-9_]{1,40}$/.test(c)) || new Set(codes).size !== codes.length)
      fail(`list "${list.key}" needs unique codes of a-z, 0-9 and _ (at most 40)`)
  }
}
