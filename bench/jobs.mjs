// npm run bench:jobs: background-job throughput through the database adapter, with one and
// with two worker processes (`node ace queue:work`), and what went wrong: jobs run twice
// (double runs), jobs failed, worker errors (claim conflicts surface there as SQLITE_BUSY or
// deadlock errors). Figures, not assertions.
//
// Each round queues BENCH_JOBS `kernel.probe` jobs (1000; each records its run under a unique
// job id, so a second run is counted) with `node ace jobs:probe`, into workers already polling.
// Throughput = jobs / time from the first run to the last. Throw-away database: a SQLite file
// under tmp/ (default) or, with BENCH_DB=mysql, a new MariaDB/MySQL database (DB_HOST, DB_PORT,
// DB_USER, DB_PASSWORD) dropped at the end. BENCH_CONCURRENCY jobs per worker (2),
// BENCH_SLEEP ms of simulated work per job (0).
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, say } from '../scripts/lib.mjs'

const JOBS = Number(process.env.BENCH_JOBS ?? 1000)
const CONCURRENCY = String(process.env.BENCH_CONCURRENCY ?? 2)
const SLEEP = Number(process.env.BENCH_SLEEP ?? 0)
const DB = process.env.BENCH_DB ?? 'sqlite'

const tmpDir = join(ROOT, 'tmp', `bench-jobs-${process.pid}`)
const env = {
  ...process.env,
  NODE_ENV: 'production',
  TZ: 'UTC',
  LOG_LEVEL: 'warn',
  APP_KEY: process.env.APP_KEY ?? 'bench-jobs-key-0123456789abcdef0123456789',
  QUEUE_IDLE_DELAY: '100ms',
  QUEUE_CONCURRENCY: CONCURRENCY,
  NODE_DEBUG: 'boringnode:queue',
}
const children = new Set()
let mysqlCleanup = async () => {}

async function setupDatabase() {
  if (DB === 'sqlite') {
    mkdirSync(tmpDir, { recursive: true })
    env.DB_CONNECTION = 'sqlite'
    env.SQLITE_PATH = join(tmpDir, 'bench.sqlite3')
    return 'SQLite file'
  }
  const { default: mysql } = await import('mysql2/promise')
  const options = {
    host: env.DB_HOST ?? '127.0.0.1',
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER ?? 'root',
    password: env.DB_PASSWORD ?? '',
  }
  const database = `cartera_bench_jobs_${process.pid}`
  const admin = await mysql.createConnection(options)
  await admin.query(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
  )
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version')
  await admin.end()
  Object.assign(env, { DB_CONNECTION: 'mysql', DB_DATABASE: database })
  mysqlCleanup = async () => {
    const c = await mysql.createConnection(options)
    await c.query(`DROP DATABASE IF EXISTS \`${database}\``)
    await c.end()
  }
  return `MySQL/MariaDB ${version}`
}

function ace(args) {
  const result = spawnSync(process.execPath, ['ace', ...args], { cwd: ROOT, env, encoding: 'utf8' })
  if (result.status !== 0)
    throw new Error(`node ace ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/** Starts `node ace queue:work`; resolves once it polls. */
function startWorker() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', 'queue:work'], { cwd: ROOT, env })
    children.add(child)
    const worker = { child, out: '', errors: 0, claims: 0 }
    const read = (chunk) => {
      const text = chunk.toString()
      worker.out += text
      worker.errors += (text.match(/encountered an error/g) ?? []).length
      worker.claims += (text.match(/acquired job/g) ?? []).length
      if (worker.out.includes('Starting worker')) resolve(worker)
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${worker.out}`)))
  })
}

async function stop(worker) {
  worker.child.removeAllListeners('exit')
  if (worker.child.exitCode !== null) return
  const exited = new Promise((resolve) => worker.child.once('exit', resolve))
  worker.child.kill('SIGTERM')
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
  children.delete(worker.child)
}

/** Runs SQL on the bench database (through a tiny Lucid-free client). */
async function query(sql) {
  if (DB === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(env.SQLITE_PATH, { readonly: true })
    try {
      return db.prepare(sql).all()
    } finally {
      db.close()
    }
  }
  const { default: mysql } = await import('mysql2/promise')
  const c = await mysql.createConnection({
    host: env.DB_HOST ?? '127.0.0.1',
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER ?? 'root',
    password: env.DB_PASSWORD ?? '',
    database: env.DB_DATABASE,
  })
  try {
    return (await c.query(sql))[0]
  } finally {
    await c.end()
  }
}

async function round(workerCount) {
  const tag = `bench${workerCount}`
  const workers = await Promise.all(Array.from({ length: workerCount }, startWorker))
  const started = Date.now()
  ace(['jobs:probe', `--count=${JOBS}`, `--tag=${tag}`, `--sleep=${SLEEP}`])
  const deadline = Date.now() + 10 * 60_000
  let stats
  for (;;) {
    ;[stats] = await query(
      `SELECT COUNT(*) AS n, SUM(runs) AS runs, MIN(ran_at) AS first, MAX(ran_at) AS last
       FROM kernel_job_probes WHERE tag = '${tag}'`
    )
    const [{ failed }] = await query(
      `SELECT COUNT(*) AS failed FROM kernel_job_runs WHERE status = 'failed'`
    )
    if (Number(stats.n) + Number(failed) >= JOBS || Date.now() > deadline) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const wall = Date.now() - started
  await new Promise((resolve) => setTimeout(resolve, 500))
  const perPid = await query(
    `SELECT pid, COUNT(*) AS n FROM kernel_job_probes WHERE tag = '${tag}' GROUP BY pid`
  )
  const [{ failed }] = await query(
    `SELECT COUNT(*) AS failed FROM kernel_job_runs WHERE status = 'failed'`
  )
  const [{ left }] = await query(`SELECT COUNT(*) AS "left" FROM queue_jobs`)
  await Promise.all(workers.map(stop))
  const span = (Number(stats.last) - Number(stats.first)) / 1000
  return {
    'workers': workerCount,
    'jobs': Number(stats.n),
    'jobs/s': span > 0 ? Math.round((Number(stats.n) - 1) / span) : null,
    'wall s (incl. dispatch)': (wall / 1000).toFixed(1),
    'double runs': Number(stats.runs) - Number(stats.n),
    'failed': Number(failed),
    'left in queue': Number(left),
    'claims': workers.reduce((sum, w) => sum + w.claims, 0),
    'worker errors': workers.reduce((sum, w) => sum + w.errors, 0),
    'jobs per worker': perPid.map((r) => Number(r.n)).join(' / '),
  }
}

try {
  const where = await setupDatabase()
  say(
    `jobs bench: ${JOBS} probe jobs, ${CONCURRENCY} at a time per worker, ${SLEEP} ms each, on ${where}`
  )
  ace(['migration:run', '--force'])
  const results = []
  for (const count of [1, 2]) {
    const result = await round(count)
    say(JSON.stringify(result))
    results.push(result)
  }
  console.table(results)
} finally {
  for (const child of children) child.kill('SIGKILL')
  rmSync(tmpDir, { recursive: true, force: true })
  await mysqlCleanup()
}
