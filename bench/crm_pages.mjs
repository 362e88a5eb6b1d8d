// Server CPU time per request of a few signed-in pages, as Inertia JSON visits, against a
// database kept by `BENCH_KEEP=1 npm run bench:crm`:
//   node bench/crm_pages.mjs tmp/bench-crm-<pid>
// Copies its bench.sqlite3, starts the production build (build/, or BENCH_BUILD) and, as one of
// the bench reps, requests an opportunity's page, its timeline, a company's page and the
// companies list, each with 4 connections in a closed loop (no think time) for BENCH_DURATION
// seconds (6) after a 2-second warm-up; prints requests, errors, the server's CPU time per
// request (user + system; steadier than latency on a busy machine) and the load average.
import { copyFileSync, rmSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadavg } from 'node:os'
import Database from 'better-sqlite3'
import { ROOT } from '../scripts/lib.mjs'
import { cannon, signIn, startServer } from './crm_http.mjs'

const kept = resolve(process.argv[2] ?? '')
const DURATION = Number(process.env.BENCH_DURATION ?? 6)
const dir = join(ROOT, 'tmp', `bench-pages-${process.pid}`)
mkdirSync(dir, { recursive: true })
const sqlitePath = join(dir, 'bench.sqlite3')
copyFileSync(join(kept, 'bench.sqlite3'), sqlitePath)
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

const sqlite = new Database(sqlitePath)
// Bench rep 21 (one of bench:crm's movers) and the first opportunity and company it owns.
const rep = sqlite
  .prepare(
    "SELECT id, email FROM users WHERE email LIKE 'bench%@bench.cartera.es' AND email NOT LIKE 'jefe%' ORDER BY id LIMIT 1 OFFSET 20"
  )
  .get()
const first = (table) =>
  sqlite.prepare(`SELECT id FROM ${table} WHERE owner_id = ? ORDER BY id LIMIT 1`).get(rep.id)?.id
const opportunity = first('crm_opportunities')
const company = first('crm_companies')
sqlite.close()

const { base, app, cpuMs: cpu } = await startServer(sqlitePath, dir)
const session = await signIn(base, rep.email, 'cartera-demo')
const paths = [
  opportunity && `/crm/opportunities/${opportunity}`,
  opportunity && `/crm/opportunities/${opportunity}/timeline`,
  company && `/crm/companies/${company}`,
  '/crm/companies',
].filter(Boolean)
for (const path of paths) {
  const run = (duration) =>
    cannon({ url: base + path, connections: 4, duration, headers: session.inertia() })
  await run(2)
  const before = cpu()
  const x = await run(DURATION)
  console.log(
    `${path.replace(/\d+/g, ':id')} -c 4: ${x.requests} requests, ${x.errors} errors; server CPU ${((cpu() - before) / x.requests).toFixed(2)} ms/request; load average ${loadavg()[0].toFixed(1)}`
  )
}
app.kill('SIGTERM')
await new Promise((r) => (app.exitCode === null ? app.once('exit', r) : r()))
process.exit(0)
