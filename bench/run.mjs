// npm run bench: figures, not assertions.
//
//  (a) Request rates of the production build (login page, the signed-in companies list as a full
//      page and as an Inertia JSON visit) next to a bare `node:http` server measured in the same
//      run, with autocannon; the ratio to the bare server is the figure to compare across
//      machines.
//  (b) Keyset pagination on a companies table of 100,000 rows (SQLite): the real list endpoint
//      at page 1 vs page 500 (following its cursors), and the same keyset query in raw SQL next
//      to OFFSET.
//
// Runs against a throw-away SQLite database under tmp/ (the development database is never
// touched). Builds first (`node ace build`) unless --no-build. Options (environment):
// BENCH_DURATION seconds per HTTP run (10), BENCH_CONNECTIONS (20), BENCH_PIPELINING (1),
// BENCH_ROWS companies (100000), BENCH_PAGES keyset depth (500), BENCH_REPEAT timings per page (30),
// BENCH_PROFILE=<dir> writes a V8 CPU profile of the app server there (node --cpu-prof), BENCH_ONLY=a
// skips (b).
//
// Next to req/s, (a) prints the app server's CPU time per request (user + system, from
// /proc/<pid>/stat on Linux): on a shared machine req/s follow the load of the other processes,
// CPU milliseconds per request much less so.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { ROOT, say } from '../scripts/lib.mjs'
import { freePort, run, waitFor } from './lib.mjs'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const PIPELINING = Number(process.env.BENCH_PIPELINING ?? 1)
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const PAGES = Number(process.env.BENCH_PAGES ?? 500)
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30)
const BUILD = !process.argv.includes('--no-build')
const PROFILE = process.env.BENCH_PROFILE
const ONLY_RATES = process.env.BENCH_ONLY === 'a'
const DEMO = { email: 'admin@demo.cartera.es', password: 'cartera-demo' }

const children = []
const tmpDir = join(ROOT, 'tmp', `bench-${process.pid}`)
function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  rmSync(tmpDir, { recursive: true, force: true })
}
process.on('exit', cleanup)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]
}
const ms = (value) => `${value.toFixed(2)} ms`

// ---------------------------------------------------------------------------------------------
// Build, database, servers
// ---------------------------------------------------------------------------------------------
if (!existsSync(join(ROOT, '.env'))) {
  say('no .env: run `npm run setup` first')
  process.exit(1)
}
if (BUILD) {
  say('building the production app (node ace build; --no-build to reuse build/)…')
  // Type errors are lint's business (npm run lint); a benchmark of the code as it is still runs.
  run('node', ['ace', 'codegen'], { ...process.env, NODE_ENV: 'production' })
  run('node', ['ace', 'build', '--ignore-ts-errors'], { ...process.env, NODE_ENV: 'production' })
}
if (!existsSync(join(ROOT, 'build', 'bin', 'server.js'))) {
  say('no build/ found: run `npm run setup` (or drop --no-build)')
  process.exit(1)
}
const link = join(ROOT, 'build', 'node_modules')
try {
  lstatSync(link)
} catch {
  symlinkSync('../node_modules', link, 'dir')
}

mkdirSync(tmpDir, { recursive: true })
const appPort = await freePort()
const barePort = await freePort()
const sqlitePath = join(tmpDir, 'bench.sqlite3')
const env = {
  ...process.env,
  NODE_ENV: 'production',
  ENV_PATH: ROOT,
  TZ: 'UTC',
  HOST: '127.0.0.1',
  PORT: String(appPort),
  DB_CONNECTION: 'sqlite',
  SQLITE_PATH: sqlitePath,
  DATA_DIR: tmpDir,
  LOG_LEVEL: 'error',
  SESSION_DRIVER: 'cookie',
  LIMITER_STORE: 'memory',
  MAIL_MAILER: 'preview',
  CARTERA_MODULE_PACKAGES: '',
}

say(`database ${sqlitePath}: migrations and demo data…`)
let t = performance.now()
run('node', ['build/ace.js', 'migration:run', '--force'], env)
run('node', ['build/ace.js', 'db:seed'], env)
say(`  ready in ${((performance.now() - t) / 1000).toFixed(1)} s`)

// (b) needs the rows before (a) measures the list, so the list is measured on the big table.
const sqlite = new Database(sqlitePath)
sqlite.pragma('journal_mode = WAL')
const org = sqlite.prepare("SELECT id FROM organizations WHERE slug = 'demo'").get()
const owners = sqlite
  .prepare('SELECT id FROM users WHERE organization_id = ? AND is_active = 1')
  .all(org.id)
  .map((r) => r.id)
const types = sqlite
  .prepare('SELECT DISTINCT type FROM crm_companies')
  .all()
  .map((r) => r.type)
const industries = sqlite
  .prepare('SELECT DISTINCT industry FROM crm_companies WHERE industry IS NOT NULL')
  .all()
  .map((r) => r.industry)
const columns = sqlite.prepare('PRAGMA table_info(crm_companies)').all()
const before = sqlite
  .prepare('SELECT COUNT(*) AS n FROM crm_companies WHERE organization_id = ?')
  .get(org.id).n
say(`inserting ${ROWS.toLocaleString('en')} companies (demo organization had ${before})…`)
const WORDS = [
  'Aceros',
  'Bodegas',
  'Construcciones',
  'Distribuciones',
  'Electro',
  'Ferretería',
  'Gráficas',
  'Hostelería',
  'Ibérica',
  'Jardines',
  'Logística',
  'Maderas',
  'Norte',
  'Óptica',
  'Papelera',
  'Química',
  'Recambios',
  'Suministros',
  'Talleres',
  'Vinos',
]
const row = (i) => {
  const name = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${String(i).padStart(6, '0')} S.L.`
  const stamp = new Date(Date.UTC(2020, 0, 1) + i * 600_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ')
  const values = {
    organization_id: org.id,
    name,
    name_normalized: name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
    type: types[i % types.length] ?? 'customer',
    industry: industries.length ? industries[i % industries.length] : null,
    owner_id: owners[i % owners.length],
    created_by: owners[0],
    created_at: stamp,
    updated_at: stamp,
  }
  // Any NOT NULL column this script does not know gets a neutral value.
  for (const c of columns) {
    if (c.pk || c.name in values || !c.notnull || c.dflt_value !== null) continue
    values[c.name] = /INT|REAL|NUM/i.test(c.type) ? 0 : ''
  }
  return values
}
const sample = row(0)
const insert = sqlite.prepare(
  `INSERT INTO crm_companies (${Object.keys(sample).join(', ')}) VALUES (${Object.keys(sample)
    .map((k) => '@' + k)
    .join(', ')})`
)
t = performance.now()
const insertMany = sqlite.transaction((from, to) => {
  for (let i = from; i < to; i++) insert.run(row(i))
})
for (let i = 0; i < ROWS; i += 10_000) insertMany(i, Math.min(ROWS, i + 10_000))
sqlite.exec('ANALYZE')
const insertSeconds = (performance.now() - t) / 1000
say(`  ${Math.round(ROWS / insertSeconds).toLocaleString('en')} rows/s`)

say('starting the production server and a bare node:http server…')
const profileArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []
const app = spawn('node', [...profileArgs, 'build/bin/server.js'], {
  cwd: ROOT,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
})
children.push(app)
const bare = spawn(
  'node',
  [
    '-e',
    `require('node:http').createServer((q, s) => s.end('ok')).listen(${barePort}, '127.0.0.1')`,
  ],
  { stdio: 'inherit' }
)
children.push(bare)
const base = `http://127.0.0.1:${appPort}`
await waitFor(`${base}/health`, app)
await waitFor(`http://127.0.0.1:${barePort}/`, bare)

// Sign in as the demo administrator (sees every company).
const jar = new Map()
const keep = (response) => {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';')
    const at = pair.indexOf('=')
    jar.set(pair.slice(0, at), pair.slice(at + 1))
  }
}
const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
keep(await fetch(`${base}/login`))
const login = await fetch(`${base}/login`, {
  method: 'POST',
  redirect: 'manual',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'x-xsrf-token': decodeURIComponent(jar.get('XSRF-TOKEN') ?? ''),
    'cookie': cookieHeader(),
  },
  body: new URLSearchParams(DEMO).toString(),
})
keep(login)
const home = await fetch(`${base}/crm/companies`, {
  headers: { cookie: cookieHeader() },
  redirect: 'manual',
})
if (home.status !== 200)
  throw new Error(
    `signed-in companies list answered ${home.status} (login ${login.status} → ${login.headers.get('location')})`
  )
// Inertia 3 embeds the page object as JSON in a <script data-page> element.
const page = JSON.parse(
  (await home.text()).match(/<script data-page="app" type="application\/json">(.*?)<\/script>/s)[1]
)
const inertia = {
  'cookie': cookieHeader(),
  'x-inertia': 'true',
  'x-inertia-version': String(page.version ?? ''),
  'x-requested-with': 'XMLHttpRequest',
  'accept': 'text/html, application/json',
}

// ---------------------------------------------------------------------------------------------
// (a) request rates
// ---------------------------------------------------------------------------------------------
/** CPU seconds (user + system) a process has used so far; null where /proc is missing. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime (fields 14 and 15 of stat, 12 and 13 after the command name), in ticks.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}
const CLOCK_TICKS = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  return Number(result.stdout) || 100
})()

async function cannon(title, url, headers = {}, pid = app.pid) {
  const cpuBefore = cpuSeconds(pid)
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: DURATION,
    timeout: 30,
    headers,
  })
  const errors = [
    result.non2xx && `${result.non2xx} non-2xx`,
    result.timeouts && `${result.timeouts} timeouts`,
    result.errors - result.timeouts > 0 && `${result.errors - result.timeouts} errors`,
  ]
    .filter(Boolean)
    .join(', ')
  const cpuAfter = cpuSeconds(pid)
  const total = result.requests.total
  return {
    title,
    cpuMs:
      cpuBefore === null || cpuAfter === null || !total
        ? null
        : ((cpuAfter - cpuBefore) * 1000) / total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors || '0',
  }
}
say(`(a) autocannon -c ${CONNECTIONS} -p ${PIPELINING} -d ${DURATION} on each target…`)
const rates = []
rates.push(await cannon('bare node:http', `http://127.0.0.1:${barePort}/`, {}, bare.pid))
rates.push(await cannon('GET /health (JSON)', `${base}/health`))
rates.push(await cannon('GET /login (HTML)', `${base}/login`))
// autocannon sends the same cookies on every request; a browser keeps what the server sets. The
// session renews its idle clock once a minute (app/access/user_sessions.ts), so the cookies are
// refreshed by one visit before each signed-in target, as the browser's last page would have.
async function browse() {
  keep(
    await fetch(`${base}/crm/companies`, {
      headers: { cookie: cookieHeader() },
      redirect: 'manual',
    })
  )
  inertia.cookie = cookieHeader()
  return { cookie: cookieHeader() }
}
rates.push(await cannon('GET /, signed in (HTML home)', `${base}/`, await browse()))
rates.push(
  await cannon('GET /crm/companies, signed in (HTML)', `${base}/crm/companies`, await browse())
)
await browse()
rates.push(
  await cannon('GET /crm/companies, signed in (Inertia JSON)', `${base}/crm/companies`, inertia)
)

// ---------------------------------------------------------------------------------------------
// Report of (a), then (b) keyset pagination
// ---------------------------------------------------------------------------------------------
const bareRps = rates[0].rps
const node = process.version
const cpu = (await import('node:os')).cpus()
console.log(
  `\nCartera bench — Node ${node}, ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, SQLite, ${new Date().toISOString()}`
)
console.log(
  `\n(a) Requests per second (autocannon -c ${CONNECTIONS} -p ${PIPELINING}, ${DURATION} s each, client on the same machine)`
)
console.log(
  `    ${'target'.padEnd(48)} ${'req/s'.padStart(9)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'vs bare'.padStart(8)} ${'CPU/req'.padStart(9)}  errors`
)
for (const r of rates) {
  console.log(
    `    ${r.title.padEnd(48)} ${Math.round(r.rps).toLocaleString('en').padStart(9)} ${`${r.p50} ms`.padStart(8)} ${`${r.p99} ms`.padStart(8)} ${`${((r.rps / bareRps) * 100).toFixed(1)}%`.padStart(8)} ${(r.cpuMs === null ? '–' : `${r.cpuMs.toFixed(3)} ms`).padStart(9)}  ${r.errors}`
  )
}

/** (b): keyset pagination through the list endpoint and in raw SQL. */
async function keyset() {
  say(`(b) following the list's cursors to page ${PAGES}…`)
  async function listPage(cursor) {
    const url = `${base}/crm/companies${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`
    const started = performance.now()
    const response = await fetch(url, { headers: inertia })
    const body = await response.json()
    const elapsed = performance.now() - started
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    return {
      elapsed,
      next: body.props.next,
      rows: body.props.companies.length,
      first: body.props.companies[0]?.name,
    }
  }
  const cursors = [null]
  for (let p = 1; p < PAGES; p++) {
    const { next } = await listPage(cursors[p - 1])
    if (!next) throw new Error(`the list ended at page ${p}`)
    cursors.push(next)
  }
  const timings = async (cursor) => {
    const values = []
    for (let i = 0; i < REPEAT; i++) values.push((await listPage(cursor)).elapsed)
    return values
  }
  const httpFirst = await timings(cursors[0])
  const httpLast = await timings(cursors[PAGES - 1])
  const lastPage = await listPage(cursors[PAGES - 1])

  // The same keyset query in raw SQL, and OFFSET for contrast (admin scope: organization only, records outside the recycle bin).
  const PAGE = 25
  // What app/support/keyset.ts emits: a plain range on the sort column, then the tie-break on id.
  const KEYSET_WHERE =
    'organization_id = ? AND deleted_at IS NULL AND name_normalized >= ? AND (name_normalized > ? OR (name_normalized = ? AND id > ?))'
  const keysetSql = sqlite.prepare(
    `SELECT id, name_normalized FROM crm_companies WHERE ${KEYSET_WHERE} ORDER BY name_normalized, id LIMIT ${PAGE + 1}`
  )
  // The same without the range (the helper before the bench found the difference).
  const orOnlySql = sqlite.prepare(
    `SELECT id, name_normalized FROM crm_companies WHERE organization_id = ? AND deleted_at IS NULL AND (name_normalized > ? OR (name_normalized = ? AND id > ?)) ORDER BY name_normalized, id LIMIT ${PAGE + 1}`
  )
  const firstSql = sqlite.prepare(
    `SELECT id, name_normalized FROM crm_companies WHERE organization_id = ? AND deleted_at IS NULL ORDER BY name_normalized, id LIMIT ${PAGE + 1}`
  )
  const offsetSql = sqlite.prepare(
    `SELECT id, name_normalized FROM crm_companies WHERE organization_id = ? AND deleted_at IS NULL ORDER BY name_normalized, id LIMIT ${PAGE} OFFSET ?`
  )
  const boundary = sqlite
    .prepare(
      `SELECT id, name_normalized FROM crm_companies WHERE organization_id = ? AND deleted_at IS NULL ORDER BY name_normalized, id LIMIT 1 OFFSET ?`
    )
    .get(org.id, (PAGES - 1) * PAGE - 1)
  const time = (fn) => {
    const values = []
    for (let i = 0; i < REPEAT * 10; i++) {
      const started = performance.now()
      fn()
      values.push(performance.now() - started)
    }
    return values
  }
  const sqlFirst = time(() => firstSql.all(org.id))
  const sqlKeyset = time(() =>
    keysetSql.all(
      org.id,
      boundary.name_normalized,
      boundary.name_normalized,
      boundary.name_normalized,
      boundary.id
    )
  )
  const sqlOrOnly = time(() =>
    orOnlySql.all(org.id, boundary.name_normalized, boundary.name_normalized, boundary.id)
  )
  const sqlOffset = time(() => offsetSql.all(org.id, (PAGES - 1) * PAGE))
  const plan = sqlite
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id, name_normalized FROM crm_companies WHERE ${KEYSET_WHERE} ORDER BY name_normalized, id LIMIT 26`
    )
    .all(org.id, 'a', 'a', 'a', 1)
    .map((r) => r.detail)
    .join('; ')
  const total = sqlite
    .prepare('SELECT COUNT(*) AS n FROM crm_companies WHERE organization_id = ?')
    .get(org.id).n
  sqlite.close()
  console.log(
    `\n(b) Keyset pagination, ${total.toLocaleString('en')} companies in the organization (${ROWS.toLocaleString('en')} inserted at ${Math.round(ROWS / insertSeconds).toLocaleString('en')} rows/s), ${PAGE} per page`
  )
  console.log(`    list endpoint (Inertia JSON, scoped, capped count), median / p95 of ${REPEAT}:`)
  console.log(`      page 1     ${ms(median(httpFirst))} / ${ms(p95(httpFirst))}`)
  console.log(
    `      page ${String(PAGES).padEnd(5)} ${ms(median(httpLast))} / ${ms(p95(httpLast))}   (first row "${lastPage.first}")`
  )
  console.log(`    raw SQL, median of ${REPEAT * 10}:`)
  console.log(`      keyset page 1     ${ms(median(sqlFirst))}`)
  console.log(`      keyset page ${String(PAGES).padEnd(5)} ${ms(median(sqlKeyset))}`)
  console.log(
    `      OFFSET page ${String(PAGES).padEnd(5)} ${ms(median(sqlOffset))}   (for contrast; the app never uses OFFSET)`
  )
  console.log(
    `      keyset page ${String(PAGES).padEnd(5)} without the range predicate: ${ms(median(sqlOrOnly))}   (scans the earlier rows)`
  )
  console.log(`    plan: ${plan}`)
}
if (ONLY_RATES) sqlite.close()
else await keyset()
const failed = rates.filter((r) => r.errors !== '0')
if (failed.length)
  console.log(`\n  note: non-2xx answers or errors in: ${failed.map((r) => r.title).join(', ')}`)
process.exit(0)
