import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ModuleGraphError } from './graph.js'
import type { ModuleManifest } from './types.js'

let names: Promise<Set<string>> | undefined

/**
 * Every icon name of the UI's icon set (@tabler/icons-react), kebab-case as on tabler.io/icons
 * (`building`, `address-book`, `notes`, `star-filled`). The page shell loads any of them by name
 * (resources/js/ui/icons.tsx), so a module needs no kernel edit to use one.
 */
export function tablerIconNames(): Promise<Set<string>> {
  // @ts-expect-error the package ships no types for its list of names
  names ??= import('@tabler/icons-react/dist/esm/icons-list.mjs').then(
    (m: { default: string[] }) => new Set(m.default)
  )
  return names!
}

/** `address-book` → `IconAddressBook`: the component (and file) name of a Tabler icon. */
export function tablerComponentName(name: string): string {
  return 'Icon' + name.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase())
}

/** Boot fails when a manifest names an icon the icon set does not have. */
export async function assertIcons(manifest: ModuleManifest, where: string): Promise<void> {
  const known = await tablerIconNames()
  const named = [
    ...(manifest.navigation ?? []).map((n) => n.icon),
    ...(manifest.cards ?? []).map((c) => c.icon),
    ...(manifest.actions ?? []).map((a) => a.icon),
    ...(manifest.recordActions ?? []).map((a) => a.icon),
    ...(manifest.search ?? []).map((s) => s.icon),
    ...(manifest.dashboards ?? []).map((d) => d.icon),
  ]
  for (const icon of named) {
    if (icon !== undefined && !known.has(icon)) {
      throw new ModuleGraphError(
        `Invalid module manifest in ${where}: unknown icon "${icon}" — use a Tabler icon name ` +
          'in kebab-case as listed on https://tabler.io/icons (e.g. "building", "address-book")',
        'E_MODULE_INVALID'
      )
    }
  }
}

/** An icon's drawing (the package's `__iconNode`), for the page shell to render by name. */
export interface IconDrawing {
  type: 'outline' | 'filled'
  node: [string, Record<string, string>][]
}

const ICONS_DIR = fileURLToPath(
  new URL('./icons/', import.meta.resolve('@tabler/icons-react/dist/esm/icons-list.mjs'))
)

/**
 * The drawing of a Tabler icon by name, or null when the icon set has no such icon. Read from
 * the package's per-icon file, whose `__iconNode` is a JSON literal (an import of a computed
 * path is not allowed in the kernel).
 */
export async function tablerIcon(name: string): Promise<IconDrawing | null> {
  if (!(await tablerIconNames()).has(name)) return null
  const source = await readFile(join(ICONS_DIR, `${tablerComponentName(name)}.mjs`), 'utf8')
  const literal = /const __iconNode = (\[.*?\]);\n/s.exec(source)
  if (!literal) return null
  return { type: name.endsWith('-filled') ? 'filled' : 'outline', node: JSON.parse(literal[1]) }
}
