import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser'

interface RepoConfig {
  forbidden: IForbiddenRuleType[]
  options: Record<string, any>
  resolve: Record<string, any>
}

const require = createRequire(import.meta.url)
/** Works without a booted app: `npm run boundaries` runs this outside AdonisJS. */
const CONFIG = fileURLToPath(new URL('../../../.dependency-cruiser.cjs', import.meta.url))

/** The boundaries config (.dependency-cruiser.cjs) built for the tree at `root`. */
export function boundariesConfig(root: string): RepoConfig {
  const config = require(CONFIG)
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
  return { output, violations }
}

export function describe(violations: Violation[]): string {
  return violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`).join('\n')
}
