/*
| npm run boundaries (part of npm run lint): every boundary check of ARCHITECTURE §3 —
| dependency-cruiser (.dependency-cruiser.cjs), real imports against manifests, Cube joins, and
| the source rules of tests/architecture/support/source_rules.ts — against the known-violations
| baseline (.boundaries-baseline.json), which may only shrink.
|
|   npm run boundaries                     check; exit 1 on a new violation or a stale entry
|   npm run boundaries -- --write-baseline rewrite the baseline from today's violations
|                                          (review the diff: it must only ever lose lines)
*/
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BASELINE_FILE,
  checkAgainstBaseline,
  describeFindings,
  findingKey,
} from '../tests/architecture/support/boundaries.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const { findings, cruised, known, fresh, stale } = await checkAgainstBaseline(root)

if (process.argv.includes('--write-baseline')) {
  const entries = findings
    .map(({ rule, from, to }) => ({ rule, from, to }))
    .sort((a, b) => findingKey(a).localeCompare(findingKey(b)))
  writeFileSync(join(root, BASELINE_FILE), JSON.stringify(entries, null, 2) + '\n')
  console.log(`boundaries: wrote ${entries.length} known violation(s) to ${BASELINE_FILE}`)
  process.exit(0)
}

if (fresh.length)
  console.error(`boundaries: new violations (ARCHITECTURE §3):\n${describeFindings(fresh)}`)
if (stale.length)
  console.error(
    `boundaries: fixed violations still in ${BASELINE_FILE} — remove them (the baseline only shrinks):\n` +
      describeFindings(stale)
  )
if (fresh.length || stale.length) process.exit(1)
console.log(
  `boundaries: ${cruised} files cruised, no new violation` +
    (known.length ? `; ${known.length} known in ${BASELINE_FILE}` : '')
)
