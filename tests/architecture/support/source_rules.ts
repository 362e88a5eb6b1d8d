// Boundary rules that import graphs cannot see (ARCHITECTURE §3), read from the TypeScript AST
// of each file. Run by `npm run boundaries` (scripts/boundaries.ts, part of `npm run lint`) and by
// tests/architecture. Every rule has a deliberately bad fixture in tests/fixtures/bad_modules.
//
// sql-foreign-table — a module's SQL names only
//   · its own tables: the prefix `<module>_` (crm → crm_companies), and
//   · the SHARED_KERNEL_TABLES below: the kernel's reference tables, which a module may join to
//     (an owner's name) and point foreign keys at (organization_id, owner_id).
//   Every other kernel table (timeline_events, audit_logs, roles, role_permissions, sessions,
//   licences…) is reached through the kernel's API (timeline, audit, AccessContext…), and
//   another module's tables through that module's contracts/ — including foreign keys: a
//   module stores another module's ids without a database constraint and reacts to its
//   `*_deleted` events. A module's own tests/ may read kernel tables to verify what was written,
//   never another module's.
//   "Names" means: the table argument of a query builder or schema call (from, table, into,
//   join…, inTable, createTable…), a model's `static table`, raw SQL in any string or template
//   (`from|join|into|update|table <name>`) — there any name with a module's prefix counts — and
//   any other string that is exactly a table some migration creates (`insertInBatches(trx,
//   'audit_logs', …)`, `const TABLE = 'crm_companies'`; `'crm_company_id'` is no table).
// migration-foreign-ddl — DDL (createTable, alterTable, schema.table, dropTable, renameTable, raw
//   CREATE/ALTER/DROP TABLE, CREATE INDEX … ON) in a module touches its own prefix only; kernel
//   DDL touches no module's prefix.
// kernel-sql-names-module-table — the kernel (app/, database/, config/, start/, commands/) never
//   names a module's table: it knows no module by name.
// dynamic-import — no import()/require() of a variable or a template with substitutions in app/,
//   modules/, resources/js/, config/, start/, database/, commands/: such an import escapes every
//   import rule. Allowed only in DYNAMIC_IMPORT_ALLOWED (the registry's loader, which imports
//   module manifests by folder and by package name, and the module checks nothing else).
// contracts-reexport-private — a module's contracts/ exports only what it defines itself, plus
//   re-exports from its own contracts/, events/ and dto/ (public or type-only). Re-exporting
//   (or aliasing to an export) anything else — models, actions, support, another module's
//   contracts — would make it public through the back door.
// dto-only-types — a module's dto/ and the shell's app/ui/dto.ts hold types only: interfaces,
//   type aliases, `import type` and `export type { … }`. Pages and server code both import them
//   (pages type-only), so a value there would be server code in the browser or a second home
//   for logic.
// shell-globs-module — resources/js may load modules' files only through globs over every
//   module (`modules/*/pages/…`, `modules/*/lang/…`), never one module by name. Plain imports of
//   modules/ from resources/js are caught by dependency-cruiser (shell-imports-module).
import ts from 'typescript'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { resolveSpecifier, sourceFiles } from './module_imports.js'

/** Kernel tables any module may name (joins to show an owner's name, foreign keys). */
export const SHARED_KERNEL_TABLES = ['organizations', 'users', 'teams'] as const

/** Files allowed an un-analysable import(), each with the reason. */
export const DYNAMIC_IMPORT_ALLOWED: Record<string, string> = {
  'app/registry/loader.ts': 'loads module manifests by folder (module.js) and by package name',
  'app/registry/module_commands.ts':
    "loads each built-in module's ace commands (modules/*/commands/*)",
}

export const SOURCE_RULE_DIRS = [
  'app',
  'modules',
  'resources/js',
  'config',
  'start',
  'database',
  'commands',
]

export interface SourceViolation {
  rule: string
  /** File relative to the root, `/`-separated. */
  file: string
  line: number
  /** What was found: the table, the expression, the re-exported path. */
  detail: string
}

export interface TreeModule {
  name: string
  dependsOn: string[]
  optionalDeps?: string[]
}

const TABLE_METHODS = new Set([
  'from',
  'table',
  'into',
  'join',
  'innerJoin',
  'leftJoin',
  'leftOuterJoin',
  'rightJoin',
  'rightOuterJoin',
  'fullOuterJoin',
  'crossJoin',
  'inTable',
  'truncate',
  'hasTable',
  'hasColumn',
  'createTable',
  'createTableIfNotExists',
  'createTableLike',
  'alterTable',
  'dropTable',
  'dropTableIfExists',
  'renameTable',
])
const DDL_METHODS = new Set([
  'createTable',
  'createTableIfNotExists',
  'createTableLike',
  'alterTable',
  'dropTable',
  'dropTableIfExists',
  'renameTable',
])
const SQL_TABLE = /\b(?:from|join|into|update|table)\s+[`"[]?([a-z][a-z0-9_]*)/gi
const CREATE_ALTER_DROP = String.raw`(?:create|alter|drop)\s+table\s+(?:if\s+(?:not\s+)?exists\s+)?`
const CREATE_INDEX = String.raw`create\s+(?:unique\s+)?index\s+\S+\s+on\s+`
const SQL_DDL = new RegExp(
  String.raw`\b(?:${CREATE_ALTER_DROP}|${CREATE_INDEX})[\`"[]?([a-z][a-z0-9_]*)`,
  'gi'
)
const TABLE_ARG = /^([a-z][a-z0-9_]*)(?:\s+as\s+\w+)?$/i

const posix = (root: string, path: string) => relative(root, path).split(sep).join('/')

function parse(file: string) {
  const kind = file.endsWith('x')
    ? ts.ScriptKind.TSX
    : /\.[mc]?ts$/.test(file)
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind)
}

const isText = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)

/** Tables created by a folder of migrations (`createTable('x')`). */
function createdTables(dir: string): string[] {
  if (!existsSync(dir)) return []
  return sourceFiles(dir).flatMap((file) =>
    [
      ...readFileSync(file, 'utf8').matchAll(/createTable(?:IfNotExists)?\(\s*['"`]([a-z0-9_]+)/g),
    ].map((m) => m[1])
  )
}

/**
 * Who owns a table: a module by its prefix (`crm_…`), the kernel when its migrations create it,
 * nobody otherwise. A module's migrations never make a table its own: only its prefix does.
 */
export function tableOwners(root: string, modules: TreeModule[]) {
  const kernel = new Set(createdTables(join(root, 'database', 'migrations')))
  const created = new Set([
    ...kernel,
    ...modules.flatMap((m) =>
      createdTables(join(root, 'modules', m.name, 'database', 'migrations'))
    ),
  ])
  // Longest name first: a module `crm_extra` would own `crm_extra_x`, not `crm`.
  const names = modules.map((m) => m.name).sort((a, b) => b.length - a.length)
  const owner = (table: string): { kind: 'kernel' } | { kind: 'module'; name: string } | null => {
    const t = table.toLowerCase()
    const prefixed = names.find((n) => t.startsWith(`${n}_`))
    if (prefixed) return { kind: 'module', name: prefixed }
    if (kernel.has(t)) return { kind: 'kernel' }
    return null
  }
  /** Created by some migration (a bare string counts as a table only then: not `crm_company_id`). */
  owner.created = (table: string) => created.has(table.toLowerCase())
  return owner
}

interface TableRef {
  table: string
  line: number
  ddl: boolean
  /** Found by a query/schema method, a model's `static table` or SQL text (not a bare string). */
  explicit: boolean
}

/** Every table a file names (see the header for what counts). */
export function tableRefs(file: string): TableRef[] {
  const source = parse(file)
  const refs: TableRef[] = []
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1
  const addArg = (arg: ts.Node | undefined, ddl: boolean, explicit: boolean) => {
    if (!arg) return
    if (isText(arg)) {
      const m = TABLE_ARG.exec(arg.text.trim())
      if (m) refs.push({ table: m[1], line: lineOf(arg), ddl, explicit })
    } else if (ts.isObjectLiteralExpression(arg) && explicit) {
      for (const p of arg.properties)
        if (ts.isPropertyAssignment(p)) addArg(p.initializer, ddl, explicit)
    }
  }
  const scanText = (text: string, node: ts.Node) => {
    for (const m of text.matchAll(SQL_DDL))
      refs.push({ table: m[1], line: lineOf(node), ddl: true, explicit: true })
    for (const m of text.matchAll(SQL_TABLE))
      refs.push({ table: m[1], line: lineOf(node), ddl: false, explicit: true })
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : null
      if (method && TABLE_METHODS.has(method)) {
        // `schema.table('x', cb)` alters a table; `db.table('x')` is a query.
        const onSchema =
          method === 'table' &&
          ts.isPropertyAccessExpression(callee) &&
          /(^|\.)schema$/.test(callee.expression.getText(source))
        const ddl = DDL_METHODS.has(method) || onSchema
        addArg(node.arguments[0], ddl, true)
        if (method === 'renameTable') addArg(node.arguments[1], true, true)
      }
    } else if (
      ts.isPropertyDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'table' &&
      node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) &&
      node.initializer
    ) {
      addArg(node.initializer, false, true)
    }
    if (isText(node)) {
      // Any string could name a table (`insertInBatches(trx, 'audit_logs', rows)`, a constant);
      // checkSql counts it only when a migration creates that table.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent))
        addArg(node, false, false)
      scanText(node.text, node)
    } else if (ts.isTemplateExpression(node)) {
      scanText(node.head.text, node)
      for (const span of node.templateSpans) scanText(span.literal.text, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return refs
}

function filesUnder(root: string, dirs: string[]): string[] {
  return dirs
    .map((d) => join(root, d))
    .filter((d) => existsSync(d) && statSync(d).isDirectory())
    .flatMap((d) => sourceFiles(d))
}

/** sql-foreign-table, migration-foreign-ddl, kernel-sql-names-module-table. */
export function checkSql(root: string, modules: TreeModule[]): SourceViolation[] {
  const owner = tableOwners(root, modules)
  const shared = new Set<string>(SHARED_KERNEL_TABLES)
  const found: SourceViolation[] = []
  for (const file of filesUnder(
    root,
    SOURCE_RULE_DIRS.filter((d) => d !== 'resources/js')
  )) {
    const path = posix(root, file)
    const mine = /^modules\/([^/]+)\//.exec(path)?.[1]
    const inTests = /^modules\/[^/]+\/tests\//.test(path)
    for (const ref of tableRefs(file)) {
      const who = owner(ref.table)
      // A bare string that no migration creates is just a string (a column, a label…).
      if (!ref.explicit && !owner.created(ref.table)) continue
      if (!who && !ref.ddl) continue
      const push = (rule: string) =>
        found.push({ rule, file: path, line: ref.line, detail: ref.table.toLowerCase() })
      if (!mine) {
        if (who?.kind === 'module')
          push(ref.ddl ? 'migration-foreign-ddl' : 'kernel-sql-names-module-table')
        continue
      }
      const own = who?.kind === 'module' && who.name === mine
      if (ref.ddl && !own) {
        push('migration-foreign-ddl')
        continue
      }
      if (!who || own) continue
      if (who.kind === 'module') push('sql-foreign-table')
      else if (!inTests && !shared.has(ref.table.toLowerCase())) push('sql-foreign-table')
    }
  }
  return found
}

/** dynamic-import: import()/require() whose argument is not a plain string. */
export function checkDynamicImports(
  root: string,
  allowed: Record<string, string> = DYNAMIC_IMPORT_ALLOWED
): SourceViolation[] {
  const found: SourceViolation[] = []
  for (const file of filesUnder(root, SOURCE_RULE_DIRS)) {
    const path = posix(root, file)
    if (allowed[path]) continue
    const source = parse(file)
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression
        const isImport = callee.kind === ts.SyntaxKind.ImportKeyword
        const isRequire = ts.isIdentifier(callee) && callee.text === 'require'
        const arg = node.arguments[0]
        if ((isImport || isRequire) && arg && !isText(arg)) {
          found.push({
            rule: 'dynamic-import',
            file: path,
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            detail: node.getText(source).replace(/\s+/g, ' '),
          })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

/** contracts-reexport-private: a contract re-exports or aliases only its own public files. */
export function checkContracts(root: string, modules: TreeModule[]): SourceViolation[] {
  const found: SourceViolation[] = []
  for (const mod of modules) {
    const dir = join(root, 'modules', mod.name, 'contracts')
    if (!existsSync(dir)) continue
    const publicDir = new RegExp(
      `^${join(root, 'modules', mod.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[/\\\\](contracts|events|dto)[/\\\\]`
    )
    const isPublic = (specifier: string, file: string) => {
      const target = resolveSpecifier(specifier, file, root)
      return !!target && publicDir.test(target)
    }
    for (const file of sourceFiles(dir)) {
      const source = parse(file)
      const path = posix(root, file)
      const lineOf = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart()).line + 1
      // Local names bound by imports from outside the public folders → their specifier.
      const privateBindings = new Map<string, string>()
      for (const st of source.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue
        const spec = st.moduleSpecifier.text
        if (isPublic(spec, file)) continue
        const clause = st.importClause
        if (clause?.name) privateBindings.set(clause.name.text, spec)
        const named = clause?.namedBindings
        if (named && ts.isNamespaceImport(named)) privateBindings.set(named.name.text, spec)
        if (named && ts.isNamedImports(named))
          for (const el of named.elements) privateBindings.set(el.name.text, spec)
      }
      const report = (node: ts.Node, detail: string) =>
        found.push({ rule: 'contracts-reexport-private', file: path, line: lineOf(node), detail })
      const aliasOf = (expr: ts.Node | undefined): string | null => {
        while (expr && (ts.isAsExpression(expr) || ts.isParenthesizedExpression(expr)))
          expr = expr.expression
        if (!expr) return null
        if (ts.isIdentifier(expr)) return expr.text
        if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression))
          return expr.expression.text
        return null
      }
      for (const st of source.statements) {
        if (ts.isExportDeclaration(st)) {
          if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
            const spec = st.moduleSpecifier.text
            const names =
              st.exportClause && ts.isNamedExports(st.exportClause)
                ? st.exportClause.elements.map((el) => el.name.text).join(', ')
                : '*'
            if (!isPublic(spec, file)) report(st, `${names} from ${spec}`)
          } else if (st.exportClause && ts.isNamedExports(st.exportClause)) {
            for (const el of st.exportClause.elements) {
              const local = (el.propertyName ?? el.name).text
              if (privateBindings.has(local))
                report(el, `${el.name.text} from ${privateBindings.get(local)}`)
            }
          }
        } else if (ts.isExportAssignment(st)) {
          const name = aliasOf(st.expression)
          if (name && privateBindings.has(name))
            report(st, `default from ${privateBindings.get(name)}`)
        } else if (
          ts.isVariableStatement(st) &&
          st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
        ) {
          for (const decl of st.declarationList.declarations) {
            const name = aliasOf(decl.initializer)
            if (name && privateBindings.has(name))
              report(decl, `${decl.name.getText(source)} from ${privateBindings.get(name)}`)
          }
        } else if (
          ts.isTypeAliasDeclaration(st) &&
          st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
          ts.isTypeReferenceNode(st.type)
        ) {
          const ref = st.type.typeName
          const name = ts.isIdentifier(ref)
            ? ref.text
            : ts.isIdentifier(ref.left)
              ? ref.left.text
              : null
          if (name && privateBindings.has(name))
            report(st, `${st.name.text} from ${privateBindings.get(name)}`)
        }
      }
    }
  }
  return found
}

/** shell-globs-module: resources/js globs modules only as `modules/*`. */
export function checkShellGlobs(root: string): SourceViolation[] {
  const found: SourceViolation[] = []
  for (const file of filesUnder(root, ['resources/js'])) {
    const source = parse(file)
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        /^import\.meta\.glob(Eager)?$/.test(node.expression.getText(source))
      ) {
        const arg = node.arguments[0]
        const patterns = !arg
          ? []
          : isText(arg)
            ? [arg.text]
            : ts.isArrayLiteralExpression(arg)
              ? arg.elements.filter(isText).map((e) => e.text)
              : []
        for (const p of patterns) {
          const named = /(?:^|\/)modules\/([^/]+)\//.exec(p)
          if (named && named[1] !== '*')
            found.push({
              rule: 'shell-globs-module',
              file: posix(root, file),
              line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
              detail: p,
            })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

/** Files that may hold types only: every module's dto/, each admin feature's dto, the shell's props. */
export function dtoFiles(root: string): string[] {
  const shell = join(root, 'app/ui/dto.ts')
  const adminDir = join(root, 'app/admin')
  const admin = existsSync(adminDir)
    ? readdirSync(adminDir).flatMap((feature) => {
        const file = join(adminDir, feature, 'dto.ts')
        return [
          ...(existsSync(file) ? [file] : []),
          ...filesUnder(root, [`app/admin/${feature}/dto`]),
        ]
      })
    : []
  return [
    ...(existsSync(shell) ? [shell] : []),
    ...admin,
    ...moduleFolders(root).flatMap((name) => filesUnder(root, [`modules/${name}/dto`])),
  ]
}

/** Whether a top-level statement declares or moves types only. */
function typeOnly(node: ts.Statement): boolean {
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause
    if (!clause) return false
    if (clause.isTypeOnly) return true
    const bindings = clause.namedBindings
    return (
      !clause.name &&
      !!bindings &&
      ts.isNamedImports(bindings) &&
      bindings.elements.every((e) => e.isTypeOnly)
    )
  }
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true
    const clause = node.exportClause
    return !!clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly)
  }
  return false
}

/** dto-only-types: dto files declare types and nothing else. */
export function checkDtoFiles(root: string): SourceViolation[] {
  const found: SourceViolation[] = []
  for (const file of dtoFiles(root)) {
    const source = parse(file)
    for (const statement of source.statements) {
      if (typeOnly(statement)) continue
      found.push({
        rule: 'dto-only-types',
        file: posix(root, file),
        line: source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1,
        detail: statement.getText(source).split('\n')[0].slice(0, 80),
      })
    }
  }
  return found
}

/** Every source rule over the tree at `root`. */
export function checkSourceRules(root: string, modules: TreeModule[]): SourceViolation[] {
  return [
    ...checkSql(root, modules),
    ...checkDynamicImports(root),
    ...checkContracts(root, modules),
    ...checkShellGlobs(root),
    ...checkDtoFiles(root),
  ]
}

/** Module folders of a tree (those with a manifest), for callers without a loaded registry. */
export function moduleFolders(root: string): string[] {
  const dir = join(root, 'modules')
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((n) => ['module.ts', 'module.js'].some((f) => existsSync(join(dir, n, f))))
    .sort()
}
