// npm run bench:lists: the list API on generated data (SQLite), figures, not assertions.
//
// Builds the production app (unless --no-build), migrates and seeds a throw-away SQLite database
// under tmp/, adds BENCH_COMPANIES companies (default 20,000) and 5 contacts per company to the
// demo organization, starts the server and signs in as the demo administrator. Then, for the
// companies and the contacts list and each sort the list offers (the resource's declaration,
// `list.declaration.sorts` of the page props), it measures the list as an Inertia JSON visit with
// autocannon at BENCH_CONNECTIONS (32) concurrent requests: p50 / p99; and page 1 against a deep
// page (BENCH_DEEP, 1,000; shallower when the data has fewer pages), reached by a cursor built
// from the row just before it, as the list's own cursors are (app/support/keyset.ts).
// The issue's goal: p99 ≤ 100 ms on 200,000 companies + 1,000,000 contacts
// (BENCH_COMPANIES=200000), deep page ≤ 2 × page 1.
// Options (environment): BENCH_COMPANIES, BENCH_CONTACTS_PER (5), BENCH_CONNECTIONS (32),
// BENCH_DURATION seconds per run (5), BENCH_DEEP (1000).
import { spawn } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { ROOT, say } from '../scripts/lib.mjs'
import { freePort, run, waitFor } from './lib.mjs'

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 20_000)
const CONTACTS_PER = Number(process.env.BENCH_CONTACTS_PER ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const DEEP = Number(process.env.BENCH_DEEP ?? 1000)
const PER = 25
const BUILD = !process.argv.includes('--no-build')
const DEMO = { email: 'admin@demo.cartera.es', password: 'cartera-demo' }

const children = []
const tmpDir = join(ROOT, 'tmp', `bench-lists-${process.pid}`)
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  rmSync(tmpDir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

// ---------------------------------------------------------------------------------------------
// Build, database, data
// ---------------------------------------------------------------------------------------------
if (BUILD) {
  say('building the production app (node ace build; --no-build to reuse build/)…')
  run('node', ['ace', 'codegen'], { ...process.env, NODE_ENV: 'production' })
  run('node', ['ace', 'build', '--ignore-ts-errors'], { ...process.env, NODE_ENV: 'production' })
}
if (!existsSync(join(ROOT, 'build', 'bin', 'server.js'))) {
  say('no build/ found: drop --no-build')
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
run('node', ['build/ace.js', 'migration:run', '--force'], env)
run('node', ['build/ace.js', 'db:seed'], env)

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
const FIRST = ['Ana', 'Luis', 'María', 'José', 'Lucía', 'Javier', 'Carmen', 'Álvaro', 'Rocío']
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Ruiz']
const normalize = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
// Spread over five years, with repeats: ties on the sort value are broken by id.
const stamp = (i) =>
  new Date(Date.UTC(2021, 0, 1) + (i % 150_000) * 1_000_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ')

/** An INSERT for `table` whose NOT NULL columns this script does not know get a neutral value. */
function inserter(table, sample) {
  const values = { ...sample }
  for (const c of sqlite.prepare(`PRAGMA table_info(${table})`).all()) {
    if (c.pk || c.name in values || !c.notnull || c.dflt_value !== null) continue
    values[c.name] = /INT|REAL|NUM/i.test(c.type) ? 0 : ''
  }
  const keys = Object.keys(values)
  const statement = sqlite.prepare(
    `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((k) => '@' + k).join(', ')})`
  )
  const extra = Object.fromEntries(keys.filter((k) => !(k in sample)).map((k) => [k, values[k]]))
  return (row) => statement.run({ ...extra, ...row })
}

const company = (i) => {
  const name = `${WORDS[i % 20]} ${WORDS[(i * 7) % 20]} ${String(i).padStart(7, '0')} S.L.`
  return {
    organization_id: org.id,
    name,
    name_normalized: normalize(name),
    type: types[i % types.length] ?? 'cliente',
    owner_id: owners[i % owners.length],
    created_by: owners[0],
    created_at: stamp(i),
    updated_at: stamp(i),
  }
}
const contact = (i, companyId) => {
  const first = FIRST[i % FIRST.length]
  const last = `${LAST[(i * 3) % LAST.length]} ${LAST[(i * 5) % LAST.length]} ${i}`
  return {
    organization_id: org.id,
    company_id: companyId,
    first_name: first,
    last_name: last,
    name_normalized: normalize(`${first} ${last}`),
    last_name_normalized: normalize(last),
    owner_id: owners[i % owners.length],
    created_by: owners[0],
    created_at: stamp(i * 7),
    updated_at: stamp(i * 7),
  }
}
say(`inserting ${COMPANIES.toLocaleString('en')} companies and ${(COMPANIES * CONTACTS_PER).toLocaleString('en')} contacts…`)
let t = performance.now()
const insertCompany = inserter('crm_companies', company(0))
const insertContact = inserter('crm_contacts', contact(0, null))
const batch = sqlite.transaction((from, to) => {
  for (let i = from; i < to; i++) {
    const id = Number(insertCompany(company(i)).lastInsertRowid)
    for (let j = 0; j < CONTACTS_PER; j++) insertContact(contact(i * CONTACTS_PER + j, id))
  }
})
for (let i = 0; i < COMPANIES; i += 5_000) batch(i, Math.min(COMPANIES, i + 5_000))
sqlite.exec('ANALYZE')
say(`  in ${((performance.now() - t) / 1000).toFixed(1)} s`)

// ---------------------------------------------------------------------------------------------
// Server, sign in
// ---------------------------------------------------------------------------------------------
const app = spawn('node', ['build/bin/server.js'], {
  cwd: ROOT,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
})
children.push(app)
const base = `http://127.0.0.1:${appPort}`
await waitFor(`${base}/health`, app)
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
keep(
  await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-xsrf-token': decodeURIComponent(jar.get('XSRF-TOKEN') ?? ''),
      'cookie': cookieHeader(),
    },
    body: new URLSearchParams(DEMO).toString(),
  })
)
const first = await fetch(`${base}/crm/companies`, {
  headers: { cookie: cookieHeader() },
  redirect: 'manual',
})
if (first.status !== 200) throw new Error(`signed-in companies list answered ${first.status}`)
keep(first)
const page = JSON.parse(
  (await first.text()).match(/<script data-page="app" type="application\/json">(.*?)<\/script>/s)[1]
)
const inertia = () => ({
  'cookie': cookieHeader(),
  'x-inertia': 'true',
  'x-inertia-version': String(page.version ?? ''),
  'x-requested-with': 'XMLHttpRequest',
  'accept': 'text/html, application/json',
})

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------
async function cannon(url) {
  // A visit first, as a browser would: the session's cookies are fresh for the run.
  keep(await fetch(url, { headers: inertia() }))
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    headers: inertia(),
  })
  const errors = result.non2xx + result.errors
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors }
}

/** The cursor of the row just before page `n` (1-based) in `sort`, as the list encodes it. */
function deepCursor(table, sort, n) {
  const byCreated = sort.endsWith('created')
  const column = byCreated ? 'created_at' : 'name_normalized'
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC'
  const position = (n - 1) * PER
  const row = sqlite
    .prepare(
      `SELECT id, ${column} AS v FROM ${table} WHERE organization_id = ? AND deleted_at IS NULL
       ORDER BY ${column} ${direction}, id ${direction} LIMIT 1 OFFSET ?`
    )
    .get(org.id, position - 1)
  return Buffer.from(JSON.stringify({ v: row.v, id: row.id, n: position })).toString('base64url')
}

const results = []
for (const [path, table] of [
  ['/crm/companies', 'crm_companies'],
  ['/crm/contacts', 'crm_contacts'],
]) {
  const props = await (await fetch(`${base}${path}`, { headers: inertia() })).json()
  const sorts = props.props.list.declaration.sorts
  const total = sqlite
    .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE organization_id = ? AND deleted_at IS NULL`)
    .get(org.id).n
  const deep = Math.max(2, Math.min(DEEP, Math.floor(total / PER)))
  for (const sort of sorts) {
    say(`${path} sort=${sort}: page 1 and page ${deep} at ${CONNECTIONS} concurrent requests…`)
    const url = `${base}${path}?sort=${encodeURIComponent(sort)}`
    const one = await cannon(url)
    const far = await cannon(`${url}&cursor=${encodeURIComponent(deepCursor(table, sort, deep))}`)
    results.push({ path, sort, deep, one, far })
  }
}
sqlite.close()

const cpu = (await import('node:os')).cpus()
console.log(
  `\nCartera lists bench — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, SQLite, ${new Date().toISOString()}`
)
console.log(
  `${COMPANIES.toLocaleString('en')} companies + ${(COMPANIES * CONTACTS_PER).toLocaleString('en')} contacts (generated) plus the demo data; Inertia JSON, admin (scope all), ${PER} per page, autocannon -c ${CONNECTIONS} -d ${DURATION}`
)
console.log(
  `  ${'list'.padEnd(16)} ${'sort'.padEnd(10)} ${'p1 p50'.padStart(8)} ${'p1 p99'.padStart(8)} ${'deep'.padStart(6)} ${'deep p50'.padStart(9)} ${'deep p99'.padStart(9)} ${'deep/p1'.padStart(8)}  errors`
)
for (const r of results) {
  console.log(
    `  ${r.path.padEnd(16)} ${r.sort.padEnd(10)} ${`${r.one.p50} ms`.padStart(8)} ${`${r.one.p99} ms`.padStart(8)} ${String(r.deep).padStart(6)} ${`${r.far.p50} ms`.padStart(9)} ${`${r.far.p99} ms`.padStart(9)} ${(r.far.p50 / Math.max(1, r.one.p50)).toFixed(2).padStart(8)}  ${r.one.errors + r.far.errors}`
  )
}
process.exit(0)
