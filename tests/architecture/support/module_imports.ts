import ts from 'typescript'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

/** What the cross-check needs of a manifest, and where the module's files are. */
export interface ModuleUnderCheck {
  name: string
  dependsOn: string[]
  optionalDeps?: string[]
  /** Absolute directory of the module. */
  dir: string
}

export interface ImportSite {
  /** Absolute path of the importing file. */
  file: string
  line: number
  specifier: string
}

export interface BoundaryViolation {
  /** Importing file, relative to the root. */
  file: string
  line: number
  specifier: string
  from: string
  to: string
  /** Path inside the target module, e.g. `models/company.ts`. */
  target: string
  reasons: ('undeclared' | 'private' | 'optional-beyond-events')[]
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/
const PUBLIC = /^(contracts|events)\//

/** Every source file under `dir` (node_modules excluded). */
export function sourceFiles(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules') continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path))
    else if (SOURCE.test(entry)) found.push(path)
  }
  return found
}

/**
 * Every module specifier a file mentions: import/export … from, `import x = require()`,
 * dynamic `import()`, `require()` and `import('…')` types — read from the TypeScript AST, so
 * comments and strings that merely look like imports do not count.
 */
export function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, 'utf8')
  const kind = file.endsWith('x')
    ? ts.ScriptKind.TSX
    : file.endsWith('.ts')
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind)
  const sites: ImportSite[] = []
  const add = (node: ts.Node | undefined) => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
      sites.push({
        file,
        specifier: node.text,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      })
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier)
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node.moduleReference.expression)
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require'
      if (isImport || isRequire) add(node.arguments[0])
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return sites
}

/** `#modules/*` → `./modules/*.js` patterns of the package.json that governs `root`. */
function subpathImports(root: string): [string, string][] {
  const file = join(root, 'package.json')
  if (!existsSync(file)) return []
  const imports = JSON.parse(readFileSync(file, 'utf8')).imports ?? {}
  return Object.entries(imports).filter((e): e is [string, string] => typeof e[1] === 'string')
}

/**
 * Where a specifier points, as an absolute path (extension as written), or null for packages
 * and anything else outside the tree.
 */
export function resolveSpecifier(
  specifier: string,
  fromFile: string,
  root: string,
  imports = subpathImports(root)
): string | null {
  if (specifier.startsWith('.')) return resolve(dirname(fromFile), specifier)
  if (specifier.startsWith('/')) return specifier
  if (specifier.startsWith('#')) {
    for (const [pattern, target] of imports) {
      const star = pattern.indexOf('*')
      if (star === -1) {
        if (pattern === specifier) return resolve(root, target)
        continue
      }
      const prefix = pattern.slice(0, star)
      const suffix = pattern.slice(star + 1)
      if (specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
        const middle = specifier.slice(prefix.length, specifier.length - suffix.length)
        return resolve(root, target.replace('*', middle))
      }
    }
  }
  return null
}

/**
 * Cross-checks the real imports of every module against its manifest: another module may be
 * imported only when it is in `dependsOn`/`optionalDeps`, and only through its `contracts/`
 * or `events/` (only `events/` for an optional dependency).
 */
export function checkModuleImports(root: string, modules: ModuleUnderCheck[]) {
  const modulesDir = join(root, 'modules') + sep
  const imports = subpathImports(root)
  const violations: BoundaryViolation[] = []
  const crossModule: BoundaryViolation[] = []
  let scannedFiles = 0
  let scannedImports = 0

  for (const mod of modules) {
    const declared = new Set([...mod.dependsOn, ...(mod.optionalDeps ?? [])])
    for (const file of sourceFiles(mod.dir)) {
      scannedFiles++
      for (const site of importsOf(file)) {
        scannedImports++
        const target = resolveSpecifier(site.specifier, file, root, imports)
        if (!target || !target.startsWith(modulesDir)) continue
        const [to, ...rest] = target.slice(modulesDir.length).split(sep)
        if (to === mod.name) continue
        const inner = rest.join('/')
        const reasons: BoundaryViolation['reasons'] = []
        if (!declared.has(to)) reasons.push('undeclared')
        if (!PUBLIC.test(inner)) reasons.push('private')
        // An optional dependency may be absent: only its events/ may be imported.
        else if (!mod.dependsOn.includes(to) && declared.has(to) && !inner.startsWith('events/'))
          reasons.push('optional-beyond-events')
        const edge = {
          file: relative(root, file).split(sep).join('/'),
          line: site.line,
          specifier: site.specifier,
          from: mod.name,
          to,
          target: inner,
          reasons,
        }
        crossModule.push(edge)
        if (reasons.length) violations.push(edge)
      }
    }
  }
  return { violations, crossModule, scannedFiles, scannedImports }
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: BoundaryViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.file}:${v.line} imports "${v.specifier}" (${v.from} → ${v.to}/${v.target}): ${v.reasons.join(', ')}`
    )
    .join('\n')
}

/** Loads the manifests of a plain module tree (`<root>/modules/<name>/module.ts`). */
export async function manifestsOfTree(root: string): Promise<ModuleUnderCheck[]> {
  const dir = join(root, 'modules')
  const names = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const manifest = (await import(pathToFileURL(join(dir, name, 'module.ts')).href)).default
      return {
        name: manifest.name,
        dependsOn: manifest.dependsOn,
        optionalDeps: manifest.optionalDeps,
        dir: join(dir, name),
      }
    })
  )
}
