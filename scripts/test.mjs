// npm test: runs every Japa suite against a throw-away database (SQLite by default, MySQL/
// MariaDB with DB_CONNECTION=mysql). Suites whose server is missing are skipped and named;
// with CARTERA_REQUIRE_SERVICES=1 (set by .ci/run) a skip is a failure.
import {
  existsSync,
  rmSync,
  mkdirSync,
  accessSync,
  constants,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { findDovecot, startDovecot } from './dovecot.mjs'
import { ROOT, checkNode, ensureEnvFile, installDependencies, say } from './lib.mjs'

checkNode()
if (!existsSync(join(ROOT, 'node_modules', '@adonisjs', 'core'))) installDependencies()
ensureEnvFile()

const requireAll = process.env.CARTERA_REQUIRE_SERVICES === '1'
const args = process.argv.slice(2)

// CARTERA_TEST_SPLIT=1 (set by .ci/run): the suites run in three runs of this script side by
// side, each with its own database, ports, files and IMAP server: the browser suite; the
// functional specs that mostly sit waiting (SLOW_SPECS: child processes booting and crashing,
// two workers racing, IMAP IDLE and sync workers); and everything else. All three mostly wait (on the database,
// the browser, child processes), so side by side they take about the longest of the three
// instead of the sum. Each one's output is printed whole when it ends.
const SLOW_SPECS = [
  'tests/functional/kernel/job_workers.spec.ts',
  'modules/analytics/tests/functional/alerts_concurrency.spec.ts',
  'modules/mail/tests/functional/imap_crash.spec.ts',
  'modules/mail/tests/functional/imap_idle.spec.ts',
  'modules/crm/tests/functional/activities_task_rules.spec.ts',
  'modules/mail/tests/functional/imap_sync_workers.spec.ts',
]
const splitRun =
  process.env.CARTERA_TEST_SPLIT === '1' &&
  !args.some((a) => !a.startsWith('-') || a === '--prebuild-only') &&
  existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')
if (splitRun) {
  const { spawn } = await import('node:child_process')
  const self = join(ROOT, 'scripts', 'test.mjs')
  const missing = SLOW_SPECS.filter((file) => !existsSync(join(ROOT, file)))
  if (missing.length) {
    say(`SLOW_SPECS in scripts/test.mjs names files that do not exist: ${missing.join(', ')}`)
    process.exit(1)
  }
  const part = (label, suites, extraEnv = {}) =>
    new Promise((resolve) => {
      const chunks = []
      const child = spawn('node', [self, ...suites, ...args], {
        cwd: ROOT,
        env: { ...process.env, ...extraEnv, CARTERA_TEST_SPLIT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.stdout.on('data', (c) => chunks.push(c))
      child.stderr.on('data', (c) => chunks.push(c))
      child.on('close', (code) => resolve({ label, code, output: Buffer.concat(chunks) }))
    })
  const started = Date.now()
  const runs = [
    part('unit, architecture, functional', ['unit', 'architecture', 'functional'], {
      CARTERA_TEST_EXCLUDE: SLOW_SPECS.join(','),
    }),
    part('browser', ['browser'], { CARTERA_TEST_EXCLUDE: '' }),
    part('functional (slow specs)', ['functional', ...SLOW_SPECS.map((f) => `--files=${f}`)], {
      CARTERA_TEST_EXCLUDE: '',
    }),
  ]
  let failed = false
  for (const run of runs) {
    const { label, code, output } = await run
    process.stdout.write(output)
    say(`${label}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`)
    failed ||= code !== 0
  }
  say(`all suites finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  process.exit(failed ? 1 : 0)
}
const env = { ...process.env, NODE_ENV: 'test', TZ: 'UTC', CARTERA_TRUST_TEST_LICENCE_KEY: '1' }
const skipped = []
const cleanups = []

function freePort() {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// Database
const connection = env.DB_CONNECTION ?? 'sqlite'
const tag = `${process.pid}_${Date.now().toString(36)}`
if (connection === 'sqlite') {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true })
  const file = join(ROOT, 'tmp', `test-${tag}.sqlite3`)
  env.SQLITE_PATH = file
  cleanups.push(() => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true })))
} else if (connection === 'mysql') {
  const { default: mysql } = await import('mysql2/promise')
  const database = env.DB_DATABASE_TEST ?? `cartera_test_${tag}`
  const options = {
    host: env.DB_HOST ?? '127.0.0.1',
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER ?? 'root',
    password: env.DB_PASSWORD ?? '',
  }
  const admin = await mysql.createConnection(options).catch((error) => {
    say(`cannot reach MySQL/MariaDB at ${options.host}:${options.port}: ${error.message}`)
    process.exit(1)
  })
  await admin.query(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
  )
  await admin.end()
  env.DB_DATABASE = database
  say(`test database ${database} on ${options.host}:${options.port}`)
  cleanups.push(async () => {
    const c = await mysql.createConnection(options)
    await c.query(`DROP DATABASE IF EXISTS \`${database}\``)
    await c.end()
  })
} else {
  say(
    `DB_CONNECTION=${connection}: no test database can be created here (MS SQL is compile-checked only)`
  )
  process.exit(1)
}

// Documents go to a throw-away folder through the real fs disk.
env.DRIVE_DISK = 'fs'
env.DRIVE_FS_LOCATION = join(ROOT, 'tmp', `test-files-${tag}`)
mkdirSync(env.DRIVE_FS_LOCATION, { recursive: true })
cleanups.push(() => rmSync(env.DRIVE_FS_LOCATION, { recursive: true, force: true }))

// The test HTTP server and Vite's HMR socket get free ports so runs can overlap.
env.PORT = String(await freePort())
env.HOST = '127.0.0.1'
env.VITE_HMR_PORT = String(await freePort())

// SMTP sink: started in-process by the tests on this port.
env.SMTP_HOST = '127.0.0.1'
env.SMTP_PORT = String(await freePort())

// Browser: Debian's chromium.
const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium'
let hasChromium = false
try {
  accessSync(chromium, constants.X_OK)
  hasChromium = true
  env.CHROMIUM_PATH = chromium
} catch {
  skipped.push(
    `browser: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`
  )
}

// Mail: one Dovecot IMAP server for the run (its own port and folder), stopped at the end.
// Tests that need it read IMAP_TEST_* (tests/helpers/dovecot.ts) and skip themselves without it.
if (!args.includes('--prebuild-only')) {
  const dovecot = findDovecot(env)
  const started = dovecot.path
    ? await startDovecot({
        binary: dovecot.path,
        dir: join(ROOT, 'tmp', `dovecot-${tag}`),
        port: await freePort(),
      })
    : { reason: dovecot.reason }
  if (started.env) {
    Object.assign(env, started.env)
    cleanups.push(started.stop)
    process.on('exit', started.kill) // also when the run stops early
  } else {
    env.IMAP_TEST_UNAVAILABLE = started.reason
    skipped.push(`mail IMAP: ${started.reason}`)
  }
}

// Redis keys of this run apart from any other run's (CI runs SQLite and MariaDB side by side):
// the app's keys carry this prefix, the queue's (unprefixed) go to a database per engine.
env.REDIS_KEY_PREFIX = `cartera-test-${tag}:`
env.CARTERA_TEST_QUEUE_REDIS_DB ??= connection === 'mysql' ? '3' : '2'

// Redis: the multi-instance cache test needs one (CACHE_STORE=redis); the rest does not.
const redisHost = env.REDIS_HOST ?? '127.0.0.1'
const redisPort = Number(env.REDIS_PORT ?? 6379)
const redisUp = await new Promise((resolve) => {
  const socket = createConnection({ host: redisHost, port: redisPort })
  socket.setTimeout(500)
  socket.once('connect', () => {
    socket.destroy()
    resolve(true)
  })
  socket.once('error', () => resolve(false))
  socket.once('timeout', () => {
    socket.destroy()
    resolve(false)
  })
})
if (!redisUp)
  skipped.push(
    `functional (two tests): the Redis cache and live-notification transport tests — no Redis at ${redisHost}:${redisPort}`
  )

// `--prebuild-only`: build the browser suite's bundle and stop (.ci/run builds it once before
// its two test runs start side by side, so they never write public/assets at the same time).
if (args.includes('--prebuild-only')) {
  prebuildPages()
  for (const cleanup of cleanups) await cleanup()
  process.exit(0)
}

const explicitSuites = args.filter((a) => !a.startsWith('-'))
const options = args.filter((a) => a.startsWith('-'))
const suites = explicitSuites.length
  ? explicitSuites
  : ['unit', 'architecture', 'functional', ...(hasChromium ? ['browser'] : [])]

for (const line of skipped) say(`SKIPPED suite ${line}`)
if (skipped.length && requireAll) {
  say('CARTERA_REQUIRE_SERVICES=1: a skipped suite is a failure')
}

// Browser tests load a production bundle of the pages (built here when its sources changed)
// rather than Vite's dev server: a new browser context then fetches a few chunks, not hundreds
// of modules transformed on demand. VITE_PREBUILT=0 keeps the dev server.
if (suites.includes('browser') && env.VITE_PREBUILT !== '0') {
  prebuildPages()
  env.VITE_PREBUILT = '1'
}

/** Builds public/assets for the test run's module packages unless a fresh build is there. */
function prebuildPages() {
  const packages =
    /^CARTERA_MODULE_PACKAGES=(.*)$/m.exec(readFileSync(join(ROOT, '.env.test'), 'utf8'))?.[1] ?? ''
  const stampFile = join(ROOT, 'public', 'assets', '.test-build.json')
  const manifest = join(ROOT, 'public', 'assets', '.vite', 'manifest.json')
  let stamp = null
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'))
  } catch {}
  const newest = newestChange([
    'resources',
    'modules',
    'app',
    'tests/fixtures',
    'vite.config.ts',
    'postcss.config.cjs',
    'package-lock.json',
    '.env.test',
  ])
  if (existsSync(manifest) && stamp?.packages === packages && stamp.built >= newest) {
    say('browser pages: the bundle in public/assets is current')
    return
  }
  say('browser pages: building the bundle (vite build) …')
  const started = Date.now()
  const { NODE_ENV: _ignored, ...buildEnv } = process.env
  const result = spawnSync('node', [join('node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...buildEnv, CARTERA_MODULE_PACKAGES: packages },
  })
  if (result.status !== 0) {
    say('browser pages: vite build failed')
    process.exit(result.status || 1)
  }
  writeFileSync(stampFile, JSON.stringify({ packages, built: started }))
  say(`browser pages: built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/** The latest modification time (ms) of the files under these paths of the repository. */
function newestChange(paths) {
  let newest = 0
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) return
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs)
      return
    }
    for (const entry of readdirSync(path)) {
      if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry))
    }
  }
  paths.forEach((p) => visit(join(ROOT, p)))
  return newest
}

say(`running suites: ${suites.join(', ')} on ${connection}`)
const started = Date.now()
const result = spawnSync('node', ['ace', 'test', ...suites, ...options], {
  cwd: ROOT,
  stdio: 'inherit',
  env,
})
for (const cleanup of cleanups) await cleanup()
say(`tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)
for (const line of skipped) say(`SKIPPED suite ${line}`)

const failed = result.status !== 0 || (skipped.length > 0 && requireAll)
process.exit(failed ? result.status || 1 : 0)
