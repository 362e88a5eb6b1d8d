import { createRequire } from 'node:module'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser'
import app from '@adonisjs/core/services/app'

interface RepoConfig {
  forbidden: IForbiddenRuleType[]
  options: Record<string, any>
  resolve: Record<string, any>
}

const require = createRequire(import.meta.url)

/** The boundaries config (.dependency-cruiser.cjs) built for the tree at `root`. */
export function boundariesConfig(root: string): RepoConfig {
  const config = require(app.makePath('.dependency-cruiser.cjs'))
  return config.forRoot(root)
}

export interface Violation {
  rule: string
  from: string
  to: string
}

/**
 * Runs dependency-cruiser with the repository's rules over `paths` of the tree at `root`
 * (paths are relative to `root`), the way `npm run boundaries` does.
 */
export async function cruiseTree(root: string, paths: string[]) {
  const config = boundariesConfig(root)
  // The CLI reads aliases through options.webpackConfig; the API takes them directly.
  const { webpackConfig, ...options } = config.options
  const result = await cruise(
    paths,
    { ...options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden } },
    config.resolve,
    {}
  )
  const output = result.output as ICruiseResult
  const violations: Violation[] = output.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
  }))
  return { output, violations, known: knownViolations(root) }
}

/**
 * The baseline of known violations (`.dependency-cruiser-known-violations.json`, made with
 * `depcruise --output-type baseline`). It may only shrink; there is none today.
 */
export function knownViolations(root: string): Violation[] {
  const file = join(root, '.dependency-cruiser-known-violations.json')
  if (!existsSync(file)) return []
  return JSON.parse(readFileSync(file, 'utf8')).map((v: any) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
  }))
}

export function describe(violations: Violation[]): string {
  return violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`).join('\n')
}
