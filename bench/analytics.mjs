// npm run bench:analytics: issue 10's analytics figures on generated data, not assertions.
//
// Migrates and seeds a throw-away SQLite database under tmp/ and generates the large CRM data
// set into it (bench/crm_data.mjs, the data of `npm run bench:crm`; BENCH_SCALE multiplies it:
// 0.2 on a shared machine). Copies it into a throw-away MariaDB/MySQL database (the tables the
// analytics read; BENCH_MYSQL=off skips this part). Then bench/analytics_run.ts, in-process,
// runs the Gerencia dashboard's queries (won amount by month, open weighted pipeline by step,
// leads by month and source, activities done, overdue activities, win rate, average cycle) through the
// embedded Cube gateway as an administrator (scope all), cold (cache bypassed) and warm
// (Cube's cache): on SQLite, on MariaDB reading the source tables, and on MariaDB with rollups
// (built first by the refresh). It prints p50/p95 per mode and per query, and the process RSS
// before and after the Cube model is loaded. Goals (issue 10): warm p95 ≤ 30 ms, rollup-backed
// p95 ≤ 200 ms on MariaDB. Options (environment): BENCH_SCALE (1), BENCH_COLD_RUNS (10),
// BENCH_WARM_RUNS (50), BENCH_MYSQL (on), DB_HOST/DB_PORT/DB_USER/DB_PASSWORD for MariaDB
// (127.0.0.1:3306, root), BENCH_KEEP=1 keeps tmp/bench-analytics-<pid>/ and the database.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import { ROOT, say } from '../scripts/lib.mjs'
import { run } from './lib.mjs'
import { generate } from './crm_data.mjs'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const MYSQL = process.env.BENCH_MYSQL !== 'off'
const KEEP = Boolean(process.env.BENCH_KEEP)
const tmpDir = join(ROOT, 'tmp', `bench-analytics-${process.pid}`)
const database = `cartera_bench_analytics_${process.pid}`
const mysqlConfig = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 3306),
  user: process.env.DB_USER ?? 'root',
  password: process.env.DB_PASSWORD ?? '',
}
/** Tables the analytics read (and the access context needs); others stay out of MariaDB. */
const BIG_TABLES_KEPT = new Set(['crm_opportunities', 'crm_leads', 'crm_activities'])

mkdirSync(tmpDir, { recursive: true })
const sqlitePath = join(tmpDir, 'bench.sqlite3')
const base = {
  ...process.env,
  NODE_ENV: 'development',
  TZ: 'UTC',
  DATA_DIR: tmpDir,
  LOG_LEVEL: 'error',
  QUEUE_WORKER: 'off',
  CARTERA_MODULE_PACKAGES: '',
}
const sqliteEnv = { ...base, DB_CONNECTION: 'sqlite', SQLITE_PATH: sqlitePath }
const mysqlEnv = {
  ...base,
  DB_CONNECTION: 'mysql',
  DB_HOST: mysqlConfig.host,
  DB_PORT: String(mysqlConfig.port),
  DB_USER: mysqlConfig.user,
  DB_PASSWORD: mysqlConfig.password,
  DB_DATABASE: database,
}

let server
async function cleanup() {
  if (!KEEP) rmSync(tmpDir, { recursive: true, force: true })
  if (server && !KEEP) {
    await server.query(`DROP DATABASE IF EXISTS \`${database}\``)
    await server.query(`DROP DATABASE IF EXISTS \`${database}_rollups\``)
  }
  await server?.end()
}

try {
  say(`SQLite ${sqlitePath}: migrations and demo data…`)
  run('node', ['ace', 'migration:run', '--force'], sqliteEnv)
  run('node', ['ace', 'db:seed'], sqliteEnv)
  say(`generating data at scale ${SCALE}…`)
  let t = performance.now()
  const sqlite = new Database(sqlitePath)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('foreign_keys = OFF')
  const data = generate(sqlite, SCALE)
  say(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s`)

  const runs = { sqlite: inProcess(sqliteEnv, ['source']) }

  if (MYSQL) {
    server = await mysql.createConnection(mysqlConfig)
    await server.query(`CREATE DATABASE \`${database}\``)
    say(`MariaDB ${database}: migrations, then the data copied from SQLite…`)
    run('node', ['ace', 'migration:run', '--force'], mysqlEnv)
    t = performance.now()
    const copied = await copyTables(sqlite, server)
    say(`  copied ${copied} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    runs.mysql = inProcess(mysqlEnv, ['source', 'rollups'])
  }
  sqlite.close()
  report(data.counts, runs)
} finally {
  await cleanup()
}

/** Copies every table's rows (the big CRM tables other than the analysed ones stay out). */
async function copyTables(sqlite, target) {
  await target.query(`USE \`${database}\``)
  await target.query('SET FOREIGN_KEY_CHECKS = 0')
  let total = 0
  const [existing] = await target.query(
    'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = ?',
    [database]
  )
  const targetColumns = new Map()
  for (const { t, c } of existing) targetColumns.set(t, [...(targetColumns.get(t) ?? []), c])
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((r) => r.name)
    .filter((name) => !name.startsWith('adonis_schema') && targetColumns.has(name))
  for (const table of tables) {
    const count = sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get().n
    if (!count || (count > 20_000 && !BIG_TABLES_KEPT.has(table))) continue
    await target.query(`DELETE FROM \`${table}\``)
    // The columns both databases have (SQLite-only search tables and columns stay out).
    const names = sqlite
      .prepare(`SELECT * FROM "${table}" LIMIT 0`)
      .columns()
      .map((c) => c.name)
      .filter((c) => targetColumns.get(table).includes(c))
    const rows = sqlite
      .prepare(`SELECT ${names.map((c) => `"${c}"`).join(', ')} FROM "${table}"`)
      .raw(true)
    const columns = names.map((c) => `\`${c}\``)
    let batch = []
    const flush = async () => {
      if (!batch.length) return
      await target.query(`INSERT INTO \`${table}\` (${columns.join(', ')}) VALUES ?`, [batch])
      total += batch.length
      batch = []
    }
    for (const row of rows.iterate()) {
      batch.push(row)
      if (batch.length === 2_000) await flush()
    }
    await flush()
  }
  await target.query('SET FOREIGN_KEY_CHECKS = 1')
  return total
}

/** bench/analytics_run.ts in its own process; its JSON line. */
function inProcess(env, modes) {
  say(`queries on ${env.DB_CONNECTION} (${modes.join(', ')}), in-process…`)
  const child = spawnSync(
    'node',
    ['--import=@poppinss/ts-exec', 'bench/analytics_run.ts', ...modes],
    {
      cwd: ROOT,
      env: { ...env, MALLOC_ARENA_MAX: '2' },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }
  )
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('{"analytics"'))
  if (child.status !== 0 || !line) {
    process.stdout.write((child.stdout ?? '') + (child.stderr ?? ''))
    throw new Error('bench/analytics_run.ts failed')
  }
  return JSON.parse(line).analytics
}

function report(counts, runs) {
  const goal = (ok) => (ok ? 'ok' : 'MISSED')
  console.log(
    `\nCartera analytics bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString()}`
  )
  console.log(
    `scale ${SCALE}: ${counts.opportunities} opportunities, ${counts.activities} activities, ${counts.leads} leads; 7 Gerencia queries as an administrator`
  )
  for (const [db, r] of Object.entries(runs)) {
    console.log(
      `${db}: RSS ${r.rssBefore} MB booted → ${r.rssAfterModel} MB with the Cube model (compiled in ${r.modelMs} ms), ${r.rssEnd} MB at the end`
    )
    for (const [mode, m] of Object.entries(r.modes)) {
      const label = `${db} ${mode === 'rollups' ? 'with rollups' : 'source tables'}`
      const refresh = m.refresh ? ` (rollups built in ${m.refresh.ms} ms)` : ''
      console.log(
        `  ${label}${refresh}: cold p50 ${m.cold.p50} ms, p95 ${m.cold.p95} ms${mode === 'rollups' ? ` (${goal(m.cold.p95 <= 200)} ≤ 200)` : ''}; warm p50 ${m.warm.p50} ms, p95 ${m.warm.p95} ms (${goal(m.warm.p95 <= 30)} ≤ 30)`
      )
      for (const [name, q] of Object.entries(m.queries))
        console.log(
          `    ${name.padEnd(24)} ${String(q.rows).padStart(3)} rows${q.rollup ? ', rollup' : ''}: cold p50 ${q.cold.p50} / p95 ${q.cold.p95} ms; warm p50 ${q.warm.p50} / p95 ${q.warm.p95} ms (${q.warmStatements} SQL statements per warm request)`
        )
    }
  }
}
