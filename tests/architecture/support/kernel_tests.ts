// Kernel tests depend on no built-in module (issue 6): tests/unit, tests/functional,
// tests/browser and tests/helpers exercise kernel features through the probe module
// (tests/fixtures/cartera-modulo-sonda), never through modules/<name>. A module's own tests live
// in modules/<name>/tests. A kernel test file "mentions" a built-in module `m` when it has
//   · import — an import or path of the module's code: `#modules/m/…`, `modules/m/…`;
//   · table  — one of its tables: `m_<name>`;
//   · key    — one of its keys in a string: `'m.<…>'` (permissions, resources, lists, kinds);
//   · url    — one of its URLs: `/m/…` (or `/m` ending a string or before `?`);
//   · name   — its name as a string: `'m'` (installing it, naming it as a dependency).
// The deliberately bad fixture is tests/fixtures/bad_kernel_tests.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

export const KERNEL_TEST_DIRS = ['tests/unit', 'tests/functional', 'tests/browser', 'tests/helpers']

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.json']

export type MentionKind = 'import' | 'table' | 'key' | 'url' | 'name'

export interface Mention {
  /** Path from the scanned root, with forward slashes. */
  file: string
  line: number
  module: string
  kind: MentionKind
}

/** Built-in modules: the folders of `<root>/modules` holding a manifest. */
export function builtinModules(root: string): string[] {
  const dir = join(root, 'modules')
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => ['module.ts', 'module.js'].some((f) => existsSync(join(dir, name, f))))
    .sort()
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesUnder(path))
    else if (EXTENSIONS.some((ext) => name.endsWith(ext))) out.push(path)
  }
  return out
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function patterns(module: string): [MentionKind, RegExp][] {
  const m = escape(module)
  return [
    ['import', new RegExp(`(?:#modules/|\\bmodules/)${m}(?:/|['"\`])`)],
    ['table', new RegExp(`\\b${m}_[a-z]\\w*`)],
    ['key', new RegExp(`['"\`]${m}\\.[a-z]`)],
    ['url', new RegExp(`(?<!modules)/${m}(?:/|['"\`?])`)],
    ['name', new RegExp(`['"\`]${m}['"\`]`)],
  ]
}

/** Every mention of a module of `modules` in the kernel test folders under `root`. */
export function moduleMentions(root: string, modules: string[]): Mention[] {
  const rules = modules.map((module) => ({ module, patterns: patterns(module) }))
  const found: Mention[] = []
  for (const dir of KERNEL_TEST_DIRS) {
    for (const path of filesUnder(join(root, dir))) {
      const file = relative(root, path).split(sep).join('/')
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, index) => {
          for (const rule of rules)
            for (const [kind, pattern] of rule.patterns)
              if (pattern.test(text))
                found.push({ file, line: index + 1, module: rule.module, kind })
        })
    }
  }
  return found
}

export function describeMentions(mentions: Mention[]): string {
  return mentions.map((m) => `${m.file}:${m.line} ${m.kind} of "${m.module}"`).join('\n')
}
