// node bench/navigation.mjs: list → record → list, as a signed-in user moves with Inertia.
//
// Starts the production build (build/: `npm run build` first, or `npm run setup`) on a
// throw-away SQLite database under tmp/ with the demo data, or measures a running Cartera with
// the demo data at BENCH_URL. Signs in as BENCH_USER (ventas1@demo.cartera.es: scope `own`, the
// common case; admin@… sees all), then for BENCH_ROUNDS rounds (50): the companies list, one of
// its companies, the list again — each an Inertia visit (X-Inertia, JSON props: what a click
// costs once the app is loaded), timed from request to last byte on the same machine, so the
// figure is the server's time plus loopback. Prints p50/p95/max per step and per round trip;
// the goal is under 150 ms per move. Also times the home page's partial reload of its
// cards (`only: widgets`). Options (environment): BENCH_URL, BENCH_USER, BENCH_PASSWORD
// (cartera-demo), BENCH_ROUNDS (50), BENCH_RESOURCE (companies | contacts).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ROOT, say } from '../scripts/lib.mjs'
import { freePort } from './lib.mjs'

const USER = process.env.BENCH_USER ?? 'ventas1@demo.cartera.es'
const PASSWORD = process.env.BENCH_PASSWORD ?? 'cartera-demo'
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50)
const RESOURCE = process.env.BENCH_RESOURCE ?? 'companies'

const tmpDir = join(ROOT, 'tmp', `bench-navigation-${process.pid}`)
let server = null
process.on('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGTERM')
  rmSync(tmpDir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

/** A production server on a demo database of its own; its base URL. */
async function startServer() {
  if (!existsSync(join(ROOT, 'build', 'bin', 'server.js'))) {
    say('no build/ found: run `npm run build` (or `npm run setup`) first, or set BENCH_URL')
    process.exit(1)
  }
  const link = join(ROOT, 'build', 'node_modules')
  try {
    lstatSync(link)
  } catch {
    symlinkSync('../node_modules', link, 'dir')
  }
  mkdirSync(tmpDir, { recursive: true })
  const port = await freePort()
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    ENV_PATH: ROOT,
    TZ: 'UTC',
    HOST: '127.0.0.1',
    PORT: String(port),
    DB_CONNECTION: 'sqlite',
    SQLITE_PATH: join(tmpDir, 'navigation.sqlite3'),
    DATA_DIR: tmpDir,
    LOG_LEVEL: 'error',
    LIMITER_STORE: 'memory',
    MAIL_MAILER: 'preview',
    CARTERA_MODULE_PACKAGES: '',
  }
  say('demo database: migrations and demo data…')
  for (const args of [
    ['build/ace.js', 'migration:run', '--force'],
    ['build/ace.js', 'db:seed'],
  ]) {
    const result = spawnSync('node', args, { cwd: ROOT, env, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`node ${args.join(' ')}: ${result.stderr}`)
  }
  server = spawn('node', ['build/bin/server.js'], { cwd: ROOT, env, stdio: 'ignore' })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false
      )
    )
      return base
    if (server.exitCode !== null) throw new Error('the server stopped while starting')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the server did not answer /health in 60 s')
}

const BASE = process.env.BENCH_URL ?? (await startServer())

const jar = new Map()
function remember(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const eq = pair.indexOf('=')
    jar.set(pair.slice(0, eq), pair.slice(eq + 1))
  }
}
const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

async function request(path, init = {}) {
  const response = await fetch(BASE + path, {
    redirect: 'manual',
    ...init,
    headers: { cookie: cookies(), ...init.headers },
  })
  remember(response)
  return response
}

let version = ''
const inertia = (extra = {}) => ({
  'x-inertia': 'true',
  'x-inertia-version': version,
  'x-requested-with': 'XMLHttpRequest',
  'accept': 'text/html, application/xhtml+xml',
  ...extra,
})

async function signIn() {
  await request('/login')
  const login = await request('/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-xsrf-token': decodeURIComponent(jar.get('XSRF-TOKEN') ?? ''),
    },
    body: new URLSearchParams({ email: USER, password: PASSWORD }).toString(),
  })
  const list = await request(`/crm/${RESOURCE}`)
  if (list.status !== 200) {
    throw new Error(`sign-in as ${USER} failed (login ${login.status}, list ${list.status})`)
  }
  // Inertia 3 embeds the page object as JSON in a <script data-page> element.
  const html = await list.text()
  const page = html.match(/<script data-page="app" type="application\/json">(.*?)<\/script>/s)
  version = page ? String(JSON.parse(page[1]).version ?? '') : ''
}

async function visit(path, extra) {
  const start = performance.now()
  const response = await request(path, { headers: inertia(extra) })
  const body = await response.text()
  const ms = performance.now() - start
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`)
  return { ms, page: JSON.parse(body) }
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const line = (label, values) =>
  `${label.padEnd(28)} p50 ${pct(values, 50).toFixed(1).padStart(6)} ms   p95 ${pct(values, 95)
    .toFixed(1)
    .padStart(6)} ms   max ${Math.max(...values)
    .toFixed(1)
    .padStart(6)} ms`

await signIn()
const list = `/crm/${RESOURCE}`
const first = await visit(list)
const rows = first.page.props[RESOURCE] ?? []
if (!rows.length) throw new Error(`${list} shows no records to ${USER}`)
const ids = rows.map((r) => r.id)

const times = { list: [], record: [], back: [], round: [], home: [] }
// Warm-up (first compile of each route's code, caches) is not measured.
await visit(`${list}/${ids[0]}`)
for (let i = 0; i < ROUNDS; i++) {
  const a = await visit(list)
  const b = await visit(`${list}/${ids[i % ids.length]}`)
  const c = await visit(list)
  times.list.push(a.ms)
  times.record.push(b.ms)
  times.back.push(c.ms)
  times.round.push(a.ms + b.ms + c.ms)
  const home = await visit('/', {
    'x-inertia-partial-component': 'home',
    'x-inertia-partial-data': 'widgets',
  })
  times.home.push(home.ms)
}

console.log(`${BASE} as ${USER}: ${ROUNDS} rounds over ${ids.length} ${RESOURCE}`)
console.log(line('list', times.list))
console.log(line('record', times.record))
console.log(line('back to list', times.back))
console.log(line('list → record → list', times.round))
console.log(line('home (partial: widgets)', times.home))
const worst = Math.max(pct(times.list, 95), pct(times.record, 95), pct(times.back, 95))
console.log(
  `goal: each move under 150 ms at p95 — ${worst < 150 ? 'met' : 'NOT met'} (${worst.toFixed(1)} ms)`
)
process.exit(0)
