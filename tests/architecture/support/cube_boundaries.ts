import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml }
interface Line { indent: number; text: string; no: number }

const LITERALS: Record<string, Yaml> = { true: true, false: false, null: null, '~': null }
const KEY = /^([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')\s*:(?:\s+(.*))?$/

/** Drops a `#` comment (at line start or after a space) that is not inside a quoted scalar. */
function stripComment(raw: string): string {
  let quote = ''
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]
    if (quote) {
      if (quote === '"' && ch === '\\') i++
      else if (ch === quote) quote = ''
    } else if ((ch === '"' || ch === "'") && /(^|[:\-[,])\s*$/.test(raw.slice(0, i))) quote = ch
    else if (ch === '#' && (i === 0 || /\s/.test(raw[i - 1]))) return raw.slice(0, i)
  }
  return raw
}

/**
 * Reads the YAML subset the Cube schema uses: block mappings and sequences, plain and quoted
 * scalars, one-line `[a, b]` lists. The project declares no YAML package, and anything outside
 * the subset (anchors, block scalars, flow maps, multi-line plain scalars) throws with
 * file:line, so a file the reader cannot follow fails the check instead of slipping through it.
 */
export function readYaml(text: string, file = '<yaml>'): Yaml {
  if (/^\t/m.test(text)) throw new Error(`${file}: tabs are not allowed in YAML indentation`)
  const lines: Line[] = text.split(/\r?\n/).flatMap((raw, n) => {
    const line = stripComment(raw).trimEnd()
    const body = line.trim()
    return body && body !== '---' ? [{ indent: line.length - line.trimStart().length, text: body, no: n + 1 }] : []
  })
  const fail = (line: Line, why: string): never => { throw new Error(`${file}:${line.no}: ${why} (outside the cube schema YAML subset)`) }
  const isItem = (t: string) => t === '-' || t.startsWith('- ')
  let i = 0

  const scalar = (value: string, line: Line): Yaml => {
    if (value.startsWith('"')) {
      try { return JSON.parse(value) } catch { return fail(line, `bad double-quoted scalar ${value}`) }
    }
    if (value.startsWith("'")) return value.endsWith("'") && value.length > 1 ? value.slice(1, -1).replaceAll("''", "'") : fail(line, 'unterminated quote')
    if (value.startsWith('[') && value.endsWith(']')) {
      const inner = value.slice(1, -1).trim()
      return inner ? inner.split(',').map((part) => scalar(part.trim(), line)) : []
    }
    if (/^[|>&*!{[%@`]/.test(value)) return fail(line, `unsupported value ${value}`)
    if (Object.hasOwn(LITERALS, value)) return LITERALS[value]
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
  }
  const nested = (parent: number): Yaml => (i < lines.length && lines[i].indent > parent ? block(lines[i].indent) : null)
  const block = (indent: number): Yaml => (isItem(lines[i].text) ? sequence(indent) : mapping(indent))
  const sequence = (indent: number): Yaml[] => {
    const items: Yaml[] = []
    while (i < lines.length && lines[i].indent === indent && isItem(lines[i].text)) {
      const line = lines[i]
      const rest = line.text.slice(1).trimStart()
      if (!KEY.test(rest)) {
        i++
        items.push(rest ? scalar(rest, line) : nested(indent))
      } else {
        // `- key: v` opens a mapping whose keys line up with the first one.
        const column = indent + line.text.length - rest.length
        lines[i] = { ...line, indent: column, text: rest }
        items.push(mapping(column))
      }
    }
    return items
  }
  const mapping = (indent: number): Yaml => {
    const map: { [key: string]: Yaml } = {}
    while (i < lines.length && lines[i].indent === indent && !isItem(lines[i].text)) {
      const line = lines[i++]
      const match = KEY.exec(line.text) ?? fail(line, `expected "key: value", got ${line.text}`)
      const key = match[1].replace(/^["']|["']$/g, '')
      if (match[2]) map[key] = scalar(match[2], line)
      else if (i < lines.length && lines[i].indent === indent && isItem(lines[i].text)) map[key] = sequence(indent)
      else map[key] = nested(indent)
    }
    return map
  }

  const document = lines.length ? block(lines[0].indent) : null
  if (i < lines.length) fail(lines[i], 'unexpected indentation')
  return document
}

export interface CubeModule { name: string; dependsOn: string[]; optionalDeps?: string[] }
/** `file` (or folder) is relative to the tree's root; `from` is the cube or view that reaches `to`. */
export interface CubeViolation {
  file: string; module: string; from: string; to: string; toModule: string | null
  via: 'folder' | 'duplicate' | 'joins' | 'extends' | 'join_path' | 'sql'
  reason: 'unknown-module' | 'duplicate' | 'unknown-cube' | 'undeclared'
}

// Cube's context variables in `{…}`: never cube names.
const GLOBALS = new Set(['CUBE', 'TABLE', 'FILTER_PARAMS', 'FILTER_GROUP', 'SECURITY_CONTEXT', 'COMPILE_CONTEXT', 'SQL_UTILS'])
const posix = (root: string, path: string) => relative(root, path).split(sep).join('/')

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : []
  })
}
const strings = (value: Yaml): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []

/**
 * ARCHITECTURE §3 in the semantic layer: every cube/schema/<module> folder is a registered
 * module, and its cubes and views reach (joins, extends, view join paths, `{cube}` in SQL)
 * only cubes of the same folder or of a module in its dependsOn/optionalDeps.
 */
export function checkCubeBoundaries(root: string, modules: CubeModule[]) {
  const schemaDir = join(root, 'cube', 'schema')
  const manifests = new Map(modules.map((m) => [m.name, m]))
  const owners = new Map<string, { module: string; file: string }>()
  const entities: { module: string; file: string; kind: 'cubes' | 'views'; body: Record<string, Yaml> }[] = []
  const violations: CubeViolation[] = []

  for (const folder of readdirSync(schemaDir).sort()) {
    const dir = join(schemaDir, folder)
    const isDir = statSync(dir).isDirectory()
    const unknown: CubeViolation = { file: posix(root, dir), module: folder, from: folder, to: folder, toModule: null, via: 'folder', reason: 'unknown-module' }
    if (!isDir || !manifests.has(folder)) violations.push(unknown)
    for (const path of isDir ? yamlFiles(dir) : []) {
      const file = posix(root, path)
      const document = readYaml(readFileSync(path, 'utf8'), file) as Record<string, Yaml[]> | null
      for (const kind of ['cubes', 'views'] as const) {
        for (const body of (document?.[kind] ?? []) as Record<string, Yaml>[]) {
          const name = String(body?.name ?? '')
          if (!name) throw new Error(`${file}: an entry of "${kind}" has no name`)
          const seen = owners.get(name)
          if (seen) violations.push({ file, module: folder, from: name, to: name, toModule: seen.module, via: 'duplicate', reason: 'duplicate' })
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
    const add = (to: string, via: CubeViolation['via']) => to && to !== from && !refs.has(to) && refs.set(to, via)
    if (kind === 'cubes') {
      for (const join of (body.joins ?? []) as Record<string, Yaml>[]) add(String(join.name ?? ''), 'joins')
      if (body.extends) add(String(body.extends).replace(/^\{|\}$/g, ''), 'extends')
    } else {
      for (const entry of (body.cubes ?? []) as Record<string, Yaml>[]) String(entry.join_path ?? '').split('.').forEach((c) => add(c, 'join_path'))
    }
    // Undotted `{x}` is a member of this cube unless x names a cube; `{x.y}` always names one.
    for (const [, id, dotted] of strings(body).flatMap((s) => [...s.matchAll(/\{([A-Za-z_]\w*)(\.[\w.]+)?\}/g)])) {
      if (!GLOBALS.has(id) && (dotted || owners.has(id))) add(id, 'sql')
    }
    const declared = new Set([module, ...(manifests.get(module)?.dependsOn ?? []), ...(manifests.get(module)?.optionalDeps ?? [])])
    for (const [to, via] of refs) {
      references++
      const owner = owners.get(to)
      const reason = !owner ? 'unknown-cube' : declared.has(owner.module) ? null : 'undeclared'
      if (reason) violations.push({ file, module, from, to, toModule: owner?.module ?? null, via, reason })
    }
  }
  return { violations, owners, references }
}

export function describeCubeViolations(violations: CubeViolation[]): string {
  return violations.map((v) => `${v.file}: ${v.from} → ${v.to} (${v.module} → ${v.toModule ?? '?'}) via ${v.via}: ${v.reason}`).join('\n')
}
