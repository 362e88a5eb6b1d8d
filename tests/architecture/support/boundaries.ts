import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cruiseTree } from './depcruise.js'
import { checkModuleImports, manifestsOfTree } from './module_imports.js'
import { checkCubeBoundaries } from './cube_boundaries.js'
import { checkSourceRules } from './source_rules.js'

/** The trees `npm run boundaries` cruises, relative to the repository root. */
export const REPO_PATHS = [
  'app',
  'modules',
  'config',
  'start',
  'database',
  'resources',
  'commands',
  'bin',
]

/**
 * The known-violations baseline. It may only shrink: a new violation fails, and so does an
 * entry that no longer occurs (remove it). Entries carry no line numbers, so editing a file
 * does not churn them. Empty is the goal.
 */
export const BASELINE_FILE = '.boundaries-baseline.json'

export interface Finding {
  rule: string
  /** The file that breaks the rule. */
  from: string
  /** What it reaches: a file, a table, an expression. */
  to: string
  /** Where, when known (not part of the baseline key). */
  line?: number
}

export const findingKey = (f: Finding) => `${f.rule} | ${f.from} → ${f.to}`

export function readBaseline(root: string): Finding[] {
  const file = join(root, BASELINE_FILE)
  if (!existsSync(file)) return []
  return (JSON.parse(readFileSync(file, 'utf8')) as Finding[]).map(({ rule, from, to }) => ({
    rule,
    from,
    to,
  }))
}

/**
 * Every boundary check over the tree at `root`: dependency-cruiser's import rules, the
 * cross-check of real imports against each manifest, the Cube joins and the source rules
 * (SQL, dynamic imports, contracts, shell globs). Deduplicated by baseline key.
 */
export async function allFindings(root: string, paths = REPO_PATHS) {
  const present = paths.filter((p) => existsSync(join(root, p)))
  const { output, violations } = await cruiseTree(root, present)
  const manifests = existsSync(join(root, 'modules')) ? await manifestsOfTree(root) : []
  const findings: Finding[] = [
    ...violations,
    ...checkModuleImports(root, manifests).violations.map((v) => ({
      rule: `manifest-imports-${v.reasons.join('-')}`,
      from: v.file,
      to: `modules/${v.to}/${v.target}`,
      line: v.line,
    })),
    ...(existsSync(join(root, 'cube', 'schema'))
      ? checkCubeBoundaries(root, manifests).violations.map((v) => ({
          rule: `cube-${v.reason}`,
          from: v.file,
          to: `${v.from} → ${v.to} (${v.via})`,
        }))
      : []),
    ...checkSourceRules(root, manifests).map((v) => ({
      rule: v.rule,
      from: v.file,
      to: v.detail,
      line: v.line,
    })),
  ]
  const seen = new Set<string>()
  const unique = findings.filter((f) => !seen.has(findingKey(f)) && !!seen.add(findingKey(f)))
  return { findings: unique, cruised: output.summary.totalCruised }
}

/** Findings against the baseline: `fresh` are new violations, `stale` are fixed ones still listed. */
export async function checkAgainstBaseline(root: string, paths = REPO_PATHS) {
  const { findings, cruised } = await allFindings(root, paths)
  const known = readBaseline(root)
  const knownKeys = new Set(known.map(findingKey))
  const currentKeys = new Set(findings.map(findingKey))
  return {
    findings,
    cruised,
    known,
    fresh: findings.filter((f) => !knownKeys.has(findingKey(f))),
    stale: known.filter((f) => !currentKeys.has(findingKey(f))),
  }
}

export function describeFindings(findings: Finding[]): string {
  return findings
    .map((f) => `  ${f.rule}: ${f.from}${f.line ? `:${f.line}` : ''} → ${f.to}`)
    .join('\n')
}
