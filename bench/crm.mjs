// npm run bench:crm: issue 8's performance figures on generated data (SQLite), not assertions.
//
// Builds the production app (unless --no-build), migrates and seeds a throw-away SQLite database
// under tmp/, generates (bench/crm_data.mjs) 200,000 companies, 1,000,000 contacts, 500,000
// opportunities, 3,000,000 activities and 200,000 leads into the demo organization (BENCH_SCALE
// multiplies these: 0.05 for a quick run), starts the server and measures, with autocannon:
// 1. the kanban board (Inertia JSON visit, sums included) of Equipo Norte as its leader (team
//    scope: 5,000 open opportunities), goal p95 ≤ 200 ms;
// 1b. the same for Equipo Bench 1, whose 5,000 open opportunities sit in the default pipeline
//    among every other team's (all but Norte's), as its leader;
// 2. "Mis actividades" of a rep with 2,000 open activities, goal p95 ≤ 100 ms;
// 3. stage moves (PATCH /crm/opportunities/:id/stage) by 16 reps at once, each on their own
//    opportunities, goal p95 ≤ 50 ms.
// Reads 1 and 2 run at 1 connection (latency alone) and at BENCH_CONNECTIONS (8). With the server
// stopped, bench/crm_run.ts then runs in-process: 5. assignLeads over 10,000 unowned leads
// through 20 rules (goal ≥ 2,000 leads/s); 4. the import (preview + commit) of a 100,000-line lead
// file with 5 % duplicates against the generated leads (goal ≥ 5,000 rows/s, last 10 % ≤ 1.3×
// the first). Options (environment): BENCH_SCALE (1), BENCH_CONNECTIONS (8), BENCH_DURATION
// seconds per run (10), BENCH_IMPORT_ROWS (100,000), BENCH_KEEP=1 keeps tmp/bench-crm-<pid>/ (and
// pristine.sqlite3 there: the database before the in-process part),
// BENCH_PROFILE=<dir> writes a CPU profile of the in-process part there.
import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { ROOT, say } from '../scripts/lib.mjs'
import { freePort, run, waitFor } from './lib.mjs'
import { generate } from './crm_data.mjs'
import { FACTS } from './crm_rows.mjs'
import { writeLeadFile } from './crm_file.mjs'
import { cannon, MOVE_LOAD, moveRuns, signIn } from './crm_http.mjs'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const MOVERS = 16
const BUILD = !process.argv.includes('--no-build')
const PASSWORD = 'cartera-demo'
const KEEP = Boolean(process.env.BENCH_KEEP)
const goal = (ok) => (ok ? 'ok' : 'MISSED')

const children = []
const tmpDir = join(ROOT, 'tmp', `bench-crm-${process.pid}`)
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  if (KEEP) say(`kept ${tmpDir}`)
  else rmSync(tmpDir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

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
  QUEUE_WORKER: 'off',
  CARTERA_MODULE_PACKAGES: '',
}
say(`database ${sqlitePath}: migrations and demo data…`)
run('node', ['build/ace.js', 'migration:run', '--force'], env)
run('node', ['build/ace.js', 'db:seed'], env)

say(`generating data at scale ${SCALE}…`)
let t = performance.now()
const sqlite = new Database(sqlitePath)
sqlite.pragma('journal_mode = WAL')
// A throw-away database: no sync per batch, a large page cache while the indexes grow.
sqlite.pragma('synchronous = OFF')
sqlite.pragma('foreign_keys = OFF')
sqlite.pragma('cache_size = -1048576')
const data = generate(sqlite, SCALE)
const generated = (performance.now() - t) / 1000
say(`  generated in ${generated.toFixed(1)} s`)
const email = (id) => sqlite.prepare('SELECT email FROM users WHERE id = ?').get(id).email
const defaultOpen = sqlite
  .prepare(
    'SELECT id FROM crm_pipeline_stages WHERE organization_id = ? AND team_id IS NULL AND is_won = 0 AND is_lost = 0 ORDER BY position'
  )
  .all(data.org)
  .map((s) => s.id)
// From the 21st bench rep on, the first 16 with open opportunities in the default pipeline's
// stages (at a small BENCH_SCALE some reps have none).
const movers = data.reps
  .slice(20)
  .map((id) => ({
    email: email(id),
    opportunities: sqlite
      .prepare(
        "SELECT id, stage_id FROM crm_opportunities WHERE owner_id = ? AND status = 'open' ORDER BY id LIMIT 500"
      )
      .all(id)
      .filter((o) => defaultOpen.includes(o.stage_id)),
  }))
  .filter((m) => m.opportunities.length)
  .slice(0, MOVERS)

// ---------------------------------------------------------------------------------------------
// Server, sessions
// ---------------------------------------------------------------------------------------------
const app = spawn('node', ['build/bin/server.js'], {
  cwd: ROOT,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
})
children.push(app)
const base = `http://127.0.0.1:${appPort}`
await waitFor(`${base}/health`, app)

async function reads(session, url, label, goalMs) {
  // A visit first, as a browser would: the size of one answer, and fresh cookies.
  const first = await fetch(url, { headers: session.inertia() })
  if (first.status !== 200) throw new Error(`${label}: ${first.status}`)
  session.keep(first)
  const bytes = (await first.text()).length
  const runs = []
  for (const connections of [1, CONNECTIONS]) {
    const x = await cannon({ url, connections, duration: DURATION, headers: session.inertia() })
    runs.push(x)
    say(
      `${label} -c ${connections}: p50 ${x.p50} ms, p95 ${x.p95} ms (${goal(x.p95 <= goalMs)} ≤ ${goalMs}), p99 ${x.p99} ms, ${x.rps} req/s, ${x.requests} requests, ${x.errors} errors; ${bytes} bytes`
    )
  }
  return runs
}

const leader = await signIn(base, email(data.leader), PASSWORD)
const board = await reads(
  leader,
  `${base}/crm/opportunities?team=${data.norte}`,
  `1. kanban of Equipo Norte, its leader (team scope, ${data.counts.norteOpen} open)`,
  200
)
const benchLeader = await signIn(base, email(data.benchLeader), PASSWORD)
const shared = await reads(
  benchLeader,
  `${base}/crm/opportunities?team=${data.teams[0]}`,
  `1b. kanban of Equipo Bench 1 on the shared default pipeline, its leader (team scope, ${data.counts.norteOpen} open)`,
  200
)
const rep = await signIn(base, email(data.rep2), PASSWORD)
const mine = await reads(
  rep,
  `${base}/crm/activities`,
  `2. Mis actividades, a rep with ${data.counts.mineOpen} open`,
  100
)
const sessions = []
for (const m of movers) sessions.push(await signIn(base, m.email, PASSWORD))
const move = await moveRuns(base, movers, sessions, defaultOpen, DURATION)
const moved = sqlite
  .prepare(
    'SELECT COUNT(*) AS n FROM crm_opportunities WHERE organization_id = ? AND stage_entered_at > ?'
  )
  .get(data.org, new Date(Date.now() - 3600_000).toISOString().slice(0, 19).replace('T', ' ')).n
app.kill('SIGTERM')
await new Promise((r) => (app.exitCode === null ? app.once('exit', r) : r()))
if (KEEP) {
  // The database as the in-process part finds it, to run bench/crm_run.ts on it again.
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  copyFileSync(sqlitePath, join(tmpDir, 'pristine.sqlite3'))
}
sqlite.close()

// ---------------------------------------------------------------------------------------------
// In-process: assignment, then the lead import
// ---------------------------------------------------------------------------------------------
const importRows = Math.max(1_000, Math.round(IMPORT_ROWS * Math.min(1, SCALE * 4)))
const file = join(tmpDir, 'iniciativas.csv')
await writeLeadFile(file, importRows, data.existingLeads)
const inputPath = join(tmpDir, 'input.json')
writeFileSync(
  inputPath,
  JSON.stringify({ org: data.org, reps: data.reps, facts: FACTS, unownedLeads: data.unownedLeads })
)
say(
  `assignment of ${data.unownedLeads.length} leads, then the import of ${importRows} lines (in-process)…`
)
const inProcess = spawnSync(
  'node',
  [
    ...(process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : []),
    '--max-semi-space-size=8',
    '--expose-gc',
    '--import=@poppinss/ts-exec',
    'bench/crm_run.ts',
    file,
    inputPath,
  ],
  {
    cwd: ROOT,
    env: { ...env, MALLOC_ARENA_MAX: '2', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }
)
if (inProcess.status !== 0) {
  process.stdout.write((inProcess.stdout ?? '') + (inProcess.stderr ?? ''))
  throw new Error('bench/crm_run.ts failed')
}
const runResult = JSON.parse(
  inProcess.stdout.split('\n').find((l) => l.startsWith('{"assignment"')) ?? '{}'
)

// ---------------------------------------------------------------------------------------------
// Figures (all of them again, together)
// ---------------------------------------------------------------------------------------------
const c = data.counts
const line = (x) =>
  `p50 ${x.p50} ms, p95 ${x.p95} ms, p99 ${x.p99} ms, ${x.rps} req/s, ${x.errors} errors`
console.log(
  `\nCartera CRM bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, SQLite, ${new Date().toISOString()}`
)
console.log(
  `scale ${SCALE}: ${c.companies} companies, ${c.contacts} contacts, ${c.opportunities} opportunities, ${c.activities} activities, ${c.leads} leads (+ ${c.unowned} unowned), generated in ${generated.toFixed(0)} s; autocannon -d ${DURATION}`
)
for (const [k, runs, goalMs] of [
  ['1. kanban, own stages (team, 5,000 open)', board, 200],
  ['1b. kanban, shared default stages (team, 5,000 open)', shared, 200],
  ['2. Mis actividades (2,000 open)', mine, 100],
])
  for (const [i, x] of runs.entries())
    console.log(
      `${k} -c ${i ? CONNECTIONS : 1}: ${line(x)} (${goal(x.p95 <= goalMs)} p95 ≤ ${goalMs})`
    )
console.log(
  `3. stage move -c ${MOVERS} (${MOVE_LOAD(MOVERS)}): ${line(move)} (${goal(move.p95 <= 50)} p95 ≤ 50); ${moved} opportunities moved`
)
if (runResult.importError) console.log(`4. lead import FAILED: ${runResult.importError}`)
for (const step of ['preview', 'commit']) {
  const r = runResult[step]
  if (!r) continue
  console.log(
    `4. lead import ${step}: ${r.rows} lines in ${r.seconds} s = ${r.rowsPerSecond} rows/s (${goal(r.rowsPerSecond >= 5000)} ≥ 5,000); first 10 % ${r.first10RowsPerSecond} rows/s, last 10 % ${r.last10RowsPerSecond} rows/s, last/first time ${r.last10VsFirst10Time}× (${goal(r.last10VsFirst10Time <= 1.3)} ≤ 1.3); CPU ${r.cpuMsPer1000} ms/1,000 lines; by tenth ${r.deciles.join(' ')}; totals ${JSON.stringify(r.totals)}`
  )
}
const a = runResult.assignment
console.log(
  `5. assignment through 20 rules: ${a.leads} leads in ${a.seconds} s = ${a.leadsPerSecond} leads/s (${goal(a.leadsPerSecond >= 2000)} ≥ 2,000); ${a.ownedOfFirst1000} of the first 1,000 got an owner; CPU ${a.cpuMsPer1000} ms/1,000 leads`
)
process.exit(0)
