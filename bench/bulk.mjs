// npm run bench:bulk — figures, not assertions.
//
// A bulk owner change ("Cambiar el propietario", app/bulk) of BENCH_ROWS companies (10,000, the
// selection cap) selected as "all matching", the way a job runs it: chunks of 500 rows, each in
// its own transaction (update, audit and timeline rows, search documents, list caches). Prints
// the total time, rows/s and the longest single chunk transaction — the longest time the write
// lock is held (goal ≤ 1 s). SQLite by default (a throw-away file under tmp/); DB_CONNECTION=mysql
// uses a throw-away database on DB_HOST (127.0.0.1:3306, root, no password by default).
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import knex from 'knex'
import { ROOT, say } from '../scripts/lib.mjs'

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000)
const CONNECTION = process.env.DB_CONNECTION ?? 'sqlite'
const tmpDir = join(ROOT, 'tmp', `bench-bulk-${process.pid}`)
mkdirSync(tmpDir, { recursive: true })

const env = {
  ...process.env,
  NODE_ENV: 'production',
  TZ: 'UTC',
  LOG_LEVEL: 'warn',
  DATA_DIR: tmpDir,
  SQLITE_PATH: join(tmpDir, 'bench.sqlite3'),
}
const mysql = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 3306),
  user: process.env.DB_USER ?? 'root',
  password: process.env.DB_PASSWORD ?? '',
}
const database = `cartera_bench_bulk_${process.pid}`
let client
if (CONNECTION === 'mysql') {
  const admin = knex({ client: 'mysql2', connection: mysql })
  await admin.raw(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
  )
  await admin.destroy()
  env.DB_DATABASE = database
  client = () => knex({ client: 'mysql2', connection: { ...mysql, database } })
} else {
  client = () =>
    knex({
      client: 'better-sqlite3',
      connection: { filename: env.SQLITE_PATH },
      useNullAsDefault: true,
    })
}

async function cleanup() {
  rmSync(tmpDir, { recursive: true, force: true })
  if (CONNECTION === 'mysql') {
    const admin = knex({ client: 'mysql2', connection: mysql })
    await admin.raw(`DROP DATABASE IF EXISTS \`${database}\``)
    await admin.destroy()
  }
}

function run(args) {
  const result = spawnSync('node', args, { cwd: ROOT, env, encoding: 'utf8' })
  if (result.status !== 0) {
    process.stdout.write((result.stdout ?? '') + (result.stderr ?? ''))
    throw new Error(`node ${args.join(' ')} failed`)
  }
  return result.stdout
}

try {
  say(`bench:bulk on ${CONNECTION}: owner change of ${ROWS} companies`)
  run(['ace', 'migration:run', '--force'])
  run([
    'ace',
    'organization:create',
    '--name=Bench S.L.',
    '--slug=bench',
    '--email=bench@bench.es',
    '--password=bench-password-1',
  ])
  const db = client()
  const org = await db('organizations').where('slug', 'bench').first()
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
  for (let start = 0; start < ROWS; start += 500) {
    const rows = []
    for (let i = start; i < Math.min(ROWS, start + 500); i++) {
      const name = `Empresa Bench ${String(i).padStart(6, '0')} S.L.`
      rows.push({
        organization_id: org.id,
        name,
        name_normalized: name.toLowerCase(),
        type: 'prospecto',
        created_at: now,
        updated_at: now,
      })
    }
    await db.batchInsert('crm_companies', rows, 250)
  }
  await db.destroy()

  const output = run(['--import=@poppinss/ts-exec', 'bench/bulk_run.ts', 'bench'])
  const r = JSON.parse(output.trim().split('\n').pop())
  const goal = (ok) => (ok ? 'ok' : 'MISSED')
  say(
    `owner change: ${r.outcome.changed} of ${r.outcome.total} companies in ${r.seconds} s ` +
      `(${r.rowsPerSecond} rows/s; selection resolved in ${r.selectMs} ms); ` +
      `longest chunk transaction ${r.longestMs} ms (${goal(r.longestMs <= 1000)}); ` +
      `audit rows ${r.auditRows}, timeline entries ${r.timelineRows}`
  )
} finally {
  await cleanup()
}
