// npm run bench:import — figures, not assertions.
//
// An organization that already has 200,000 companies (BENCH_EXISTING) receives a generated file of
// 100,000 companies (BENCH_ROWS) with 5 % duplicates in every key form: NIF as "b-1234567-4",
// e-mail upper-cased with spaces, web as "http://www.…/", phone as "0034 …", name with another
// legal form and case — half against existing companies, half against earlier lines. Prints
// rows/s of the preview and of the commit (overall, first 10 %, last 10 %), the CPU time per
// 1,000 lines (user + system, steadier than rows/s on a busy machine) and the peak RSS of the
// process doing it, with its V8 heap at that moment. SQLite by default (a throw-away file under tmp/); DB_CONNECTION=mysql
// uses a throw-away database on DB_HOST (127.0.0.1:3306, root, no password by default), where
// BENCH_SQL_TIMES=1 also prints the commit's time waiting on statements, by statement and table.
import { spawnSync } from 'node:child_process'
import { copyFileSync, createWriteStream, mkdirSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import knex from 'knex'
import { ROOT, say } from '../scripts/lib.mjs'

// The settings `node ace import` starts with (bin/import_process.ts).
const IMPORT_NODE_FLAGS = ['--max-semi-space-size=8', '--expose-gc']
const IMPORT_ENV = { MALLOC_ARENA_MAX: '2' }
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const EXISTING = Number(process.env.BENCH_EXISTING ?? 200_000)
const CONNECTION = process.env.DB_CONNECTION ?? 'sqlite'
// BENCH_KEEP=1 (SQLite) keeps the directory, with a copy of the seeded database and the file, so
// BENCH_REUSE=<that directory> can time the import again without seeding.
const KEEP = process.env.BENCH_KEEP === '1' && CONNECTION === 'sqlite'
const REUSE = CONNECTION === 'sqlite' ? process.env.BENCH_REUSE : undefined
const tmpDir = REUSE ?? join(ROOT, 'tmp', `bench-import-${process.pid}`)
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
const database = `cartera_bench_import_${process.pid}`
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
  if (KEEP || REUSE) {
    if (KEEP) say(`kept ${tmpDir} (BENCH_REUSE=${tmpDir} times the import again)`)
    return
  }
  rmSync(tmpDir, { recursive: true, force: true })
  if (CONNECTION === 'mysql') {
    const admin = knex({ client: 'mysql2', connection: mysql })
    await admin.raw(`DROP DATABASE IF EXISTS \`${database}\``)
    await admin.destroy()
  }
}

function run(args, options = {}) {
  const result = spawnSync('node', args, { cwd: ROOT, env, encoding: 'utf8', ...options })
  if (result.status !== 0) {
    process.stdout.write((result.stdout ?? '') + (result.stderr ?? ''))
    throw new Error(`node ${args.join(' ')} failed`)
  }
  return result.stdout
}

// CIF check digit (modules/crm/support/nif.ts), for valid generated NIFs.
function cif(letter, n) {
  const digits = String(n).padStart(7, '0')
  let sum = 0
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i])
    if (i % 2 === 0) sum += Math.floor((d * 2) / 10) + ((d * 2) % 10)
    else sum += d
  }
  return `${letter}${digits}${(10 - (sum % 10)) % 10}`
}
const pad = (n) => String(n).padStart(6, '0')
const existingCompany = (i) => ({
  name: `Empresa Existente ${pad(i)} S.L.`,
  key: `empresa existente ${pad(i)}`,
  nif: cif('B', 1_000_000 + i),
  domain: `existente${i}.es`,
  email: `info@existente${i}.es`,
  phone: `+3491${String(1_000_000 + i).slice(-7)}`,
})
const newCompany = (i) => ({
  name: `Nueva Bench ${pad(i)} S.L.`,
  nif: cif('A', 3_000_000 + i),
  domain: `nueva${i}.es`,
  email: `hola@nueva${i}.es`,
  phone: `+3493${String(1_000_000 + i).slice(-7)}`,
})

const file = join(tmpDir, 'empresas.csv')
const seededCopy = join(tmpDir, 'seeded.sqlite3')

try {
  say(`bench:import on ${CONNECTION}: ${EXISTING} existing companies, ${ROWS} lines`)
  if (REUSE) {
    for (const suffix of ['-wal', '-shm']) rmSync(env.SQLITE_PATH + suffix, { force: true })
    copyFileSync(seededCopy, env.SQLITE_PATH)
  } else await seed()
  await measure()
} finally {
  await cleanup()
}

async function seed() {
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
  const chunk = CONNECTION === 'mysql' ? 2000 : 500
  let seeded = Date.now()
  for (let start = 0; start < EXISTING; start += chunk) {
    const rows = []
    for (let i = start; i < Math.min(EXISTING, start + chunk); i++) {
      const c = existingCompany(i)
      rows.push({
        organization_id: org.id,
        name: c.name,
        name_normalized: c.name.toLowerCase(),
        name_key: c.key,
        type: 'cliente',
        nif: c.nif,
        website: `https://${c.domain}`,
        website_domain: c.domain,
        created_at: now,
        updated_at: now,
      })
    }
    await db.transaction(async (trx) => {
      await trx.batchInsert('crm_companies', rows, 250)
      const ids = await trx('crm_companies')
        .where('organization_id', org.id)
        .whereIn(
          'nif',
          rows.map((r) => r.nif)
        )
        .select('id', 'nif')
      const byNif = new Map(ids.map((r) => [r.nif, r.id]))
      const channel = (i, value) => ({
        organization_id: org.id,
        company_id: byNif.get(existingCompany(i).nif),
        value,
        value_normalized: value,
        is_primary: true,
        position: 0,
      })
      const range = rows.map((_, k) => start + k)
      await trx.batchInsert(
        'crm_phones',
        range.map((i) => channel(i, existingCompany(i).phone)),
        250
      )
      await trx.batchInsert(
        'crm_emails',
        range.map((i) => channel(i, existingCompany(i).email)),
        250
      )
    })
  }
  await db.destroy()
  say(`seeded ${EXISTING} companies in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)

  // The file: 95 % new companies, 5 % duplicates spread over the five keys × (existing | earlier line).
  const out = createWriteStream(file)
  const write = async (line) => {
    if (!out.write(line)) await once(out, 'drain')
  }
  await write('\uFEFFNombre;NIF/CIF;Web;Correo;Teléfono;Localidad;Provincia;Tipo\r\n')
  const forms = ['nif', 'email', 'domain', 'phone', 'name']
  for (let i = 0; i < ROWS; i++) {
    let cells
    if (i % 20 === 19) {
      const dup = Math.floor(i / 20)
      const form = forms[dup % 5]
      const earlier = dup % 2 === 1 && i > 40
      const target = earlier
        ? newCompany(i - 20 - (dup % 17))
        : existingCompany((dup * 7919) % EXISTING)
      const name = `Duplicado ${pad(i)}`
      cells = [name, '', '', '', '', 'Madrid', 'Madrid', 'Cliente']
      if (form === 'nif')
        cells[1] = `${target.nif[0].toLowerCase()}-${target.nif.slice(1, 8)}-${target.nif[8]}`
      if (form === 'email') cells[3] = `  ${target.email.toUpperCase()} `
      if (form === 'domain') cells[2] = `http://www.${target.domain}/`
      if (form === 'phone')
        cells[4] = `0034 ${target.phone.slice(3, 6)} ${target.phone.slice(6, 9)} ${target.phone.slice(9)}`
      if (form === 'name') cells[0] = target.name.toUpperCase().replace(/ S\.L\.$/, ', S.L.U.')
    } else {
      const c = newCompany(i)
      const phone = `${c.phone.slice(3, 6)} ${c.phone.slice(6, 9)} ${c.phone.slice(9)}`
      cells = [c.name, c.nif, c.domain, c.email, phone, 'Sevilla', 'Sevilla', 'Prospecto']
    }
    await write(cells.join(';') + '\r\n')
  }
  out.end()
  await once(out, 'finish')
  if (KEEP) {
    const seeded = knex({
      client: 'better-sqlite3',
      connection: { filename: env.SQLITE_PATH },
      useNullAsDefault: true,
    })
    await seeded.raw('pragma wal_checkpoint(TRUNCATE)')
    await seeded.destroy()
    copyFileSync(env.SQLITE_PATH, seededCopy)
  }
}

async function measure() {

  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : []
  const output = run(
    [
      ...IMPORT_NODE_FLAGS,
      ...profile,
      '--import=@poppinss/ts-exec',
      'bench/import_run.ts',
      file,
      'bench',
    ],
    {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...env, ...IMPORT_ENV },
      // BENCH_SQL_TIMES=1: the statement times (bench/import_run.ts) go straight to the terminal.
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  const result = JSON.parse(output.trim().split('\n').pop())
  const goal = (ok) => (ok ? 'ok' : 'MISSED')
  for (const step of ['preview', 'commit']) {
    const r = result[step]
    say(
      `${step}: ${r.rows} lines in ${r.seconds} s = ${r.rowsPerSecond} rows/s (${goal(r.rowsPerSecond >= 5000)}); ` +
        `first 10 % ${r.first10RowsPerSecond} rows/s, last 10 % ${r.last10RowsPerSecond} rows/s, ` +
        `last/first time ${r.last10VsFirst10Time}× (${goal(r.last10VsFirst10Time <= 1.3)}); ` +
        `CPU ${r.cpuMsPer1000} ms per 1,000 lines; rows/s by tenth ${r.deciles.join(' ')}; ` +
        `totals ${JSON.stringify(r.totals)}`
    )
  }
  say(
    `peak RSS ${result.peakRssMb} MB (${goal(result.peakRssMb <= 400)}; ${result.bootRssMb} MB after boot; ` +
      `V8 heap then ${result.atPeakMb.heapUsed} MB used of ${result.atPeakMb.heapTotal} MB; ` +
      `${result.fullCollections} full collections between batches); ` +
      `companies after: ${result.companiesAfter}`
  )
  console.log(JSON.stringify({ connection: CONNECTION, existing: EXISTING, ...result }))
}
