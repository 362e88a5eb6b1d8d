import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { parse } from 'yaml'

type Yaml = unknown

export interface CubeModule {
  name: string
  dependsOn: string[]
  optionalDeps?: string[]
}
/** `file` (or folder) is relative to the tree's root; `from` is the cube or view that reaches `to`. */
export interface CubeViolation {
  file: string
  module: string
  from: string
  to: string
  toModule: string | null
  via: 'folder' | 'duplicate' | 'joins' | 'extends' | 'join_path' | 'sql'
  reason: 'unknown-module' | 'duplicate' | 'unknown-cube' | 'undeclared'
}

// Cube's context variables in `{…}`: never cube names.
const GLOBALS = new Set([
  'CUBE',
  'TABLE',
  'FILTER_PARAMS',
  'FILTER_GROUP',
  'SECURITY_CONTEXT',
  'COMPILE_CONTEXT',
  'SQL_UTILS',
])
const posix = (root: string, path: string) => relative(root, path).split(sep).join('/')

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry)
      return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : []
    })
}
const strings = (value: Yaml): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value as object).flatMap(strings)
      : []

/**
 * ARCHITECTURE §3 in the semantic layer: every cube/schema/<module> folder is a registered
 * module, and its cubes and views reach (joins, extends, view join paths, `{cube}` in SQL)
 * only cubes of the same folder or of a module in its dependsOn/optionalDeps.
 */
export function checkCubeBoundaries(root: string, modules: CubeModule[]) {
  const schemaDir = join(root, 'cube', 'schema')
  const manifests = new Map(modules.map((m) => [m.name, m]))
  const owners = new Map<string, { module: string; file: string }>()
  const entities: {
    module: string
    file: string
    kind: 'cubes' | 'views'
    body: Record<string, Yaml>
  }[] = []
  const violations: CubeViolation[] = []

  for (const folder of readdirSync(schemaDir).sort()) {
    const dir = join(schemaDir, folder)
    const isDir = statSync(dir).isDirectory()
    const unknown: CubeViolation = {
      file: posix(root, dir),
      module: folder,
      from: folder,
      to: folder,
      toModule: null,
      via: 'folder',
      reason: 'unknown-module',
    }
    if (!isDir || !manifests.has(folder)) violations.push(unknown)
    for (const path of isDir ? yamlFiles(dir) : []) {
      const file = posix(root, path)
      const document = parse(readFileSync(path, 'utf8')) as Record<string, Yaml[]> | null
      for (const kind of ['cubes', 'views'] as const) {
        for (const body of (document?.[kind] ?? []) as Record<string, Yaml>[]) {
          const name = String(body?.name ?? '')
          if (!name) throw new Error(`${file}: an entry of "${kind}" has no name`)
          const seen = owners.get(name)
          if (seen)
            violations.push({
              file,
              module: folder,
              from: name,
              to: name,
              toModule: seen.module,
              via: 'duplicate',
              reason: 'duplicate',
            })
          else owners.set(name, { module: folder, file })
          entities.push({ module: folder, file, kind, body })
        }
      }
    }
  }

  let references = 0
  for (const { module, file, kind, body } of entities) {
    const from = String(body.name)
    const refs = new Map<string, CubeViolation['via']>()
    const add = (to: string, via: CubeViolation['via']) =>
      to && to !== from && !refs.has(to) && refs.set(to, via)
    if (kind === 'cubes') {
      for (const cubeJoin of (body.joins ?? []) as Record<string, Yaml>[])
        add(String(cubeJoin.name ?? ''), 'joins')
      if (body.extends) add(String(body.extends).replace(/^\{|\}$/g, ''), 'extends')
    } else {
      for (const entry of (body.cubes ?? []) as Record<string, Yaml>[])
        String(entry.join_path ?? '')
          .split('.')
          .forEach((c) => add(c, 'join_path'))
    }
    // Undotted `{x}` is a member of this cube unless x names a cube; `{x.y}` always names one.
    for (const [, id, dotted] of strings(body).flatMap((s) => [
      ...s.matchAll(/\{([A-Za-z_]\w*)(\.[\w.]+)?\}/g),
    ])) {
      if (!GLOBALS.has(id) && (dotted || owners.has(id))) add(id, 'sql')
    }
    const declared = new Set([
      module,
      ...(manifests.get(module)?.dependsOn ?? []),
      ...(manifests.get(module)?.optionalDeps ?? []),
    ])
    for (const [to, via] of refs) {
      references++
      const owner = owners.get(to)
      const reason = !owner ? 'unknown-cube' : declared.has(owner.module) ? null : 'undeclared'
      if (reason)
        violations.push({ file, module, from, to, toModule: owner?.module ?? null, via, reason })
    }
  }
  return { violations, owners, references }
}

export function describeCubeViolations(violations: CubeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.file}: ${v.from} → ${v.to} (${v.module} → ${v.toModule ?? '?'}) via ${v.via}: ${v.reason}`
    )
    .join('\n')
}
