// Stage moves alone, against a database kept by `BENCH_KEEP=1 npm run bench:crm`:
//   node bench/crm_moves.mjs tmp/bench-crm-<pid>
// Copies its bench.sqlite3, starts the production build (build/: run `npm run bench:crm` or
// `node ace build` first) and has 16 reps move their own opportunities at once, as part 3 of
// bench:crm does (a closed loop: 16 clients, each sending its next move as soon as the last one
// is answered, no think time), for BENCH_DURATION seconds (10); prints p50 / p95 / p99, the
// server's CPU time per move (user + system, steadier than latency on a busy machine) and the
// load average. BENCH_PROFILE=<dir> runs the server under `node --cpu-prof` and leaves its
// profile there.
import { copyFileSync, rmSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadavg } from 'node:os'
import Database from 'better-sqlite3'
import { ROOT, say } from '../scripts/lib.mjs'
import { MOVE_LOAD, moveRuns, signIn, startServer } from './crm_http.mjs'

const kept = resolve(process.argv[2] ?? '')
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const MOVERS = 16
const dir = join(ROOT, 'tmp', `bench-moves-${process.pid}`)
mkdirSync(dir, { recursive: true })
const sqlitePath = join(dir, 'bench.sqlite3')
copyFileSync(join(kept, 'bench.sqlite3'), sqlitePath)
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

const sqlite = new Database(sqlitePath)
const org = sqlite
  .prepare("SELECT organization_id AS o FROM users WHERE email = 'admin@demo.cartera.es'")
  .get().o
const defaultOpen = sqlite
  .prepare(
    'SELECT id FROM crm_pipeline_stages WHERE organization_id = ? AND team_id IS NULL AND is_won = 0 AND is_lost = 0 ORDER BY position'
  )
  .all(org)
  .map((s) => s.id)
// The same movers as bench:crm: bench reps 21–36 (ids in the order crm_data.mjs made them).
const reps = sqlite
  .prepare(
    "SELECT id, email FROM users WHERE organization_id = ? AND email LIKE 'bench%@bench.cartera.es' AND email NOT LIKE 'jefe%' ORDER BY id"
  )
  .all(org)
const movers = reps
  .slice(20)
  .map((r) => ({
    email: r.email,
    opportunities: sqlite
      .prepare(
        "SELECT id, stage_id FROM crm_opportunities WHERE owner_id = ? AND status = 'open' ORDER BY id LIMIT 500"
      )
      .all(r.id)
      .filter((o) => defaultOpen.includes(o.stage_id)),
  }))
  .filter((m) => m.opportunities.length)
  .slice(0, MOVERS)
sqlite.close()

const { base, app, cpuMs: cpu } = await startServer(sqlitePath, dir)
const sessions = []
for (const m of movers) sessions.push(await signIn(base, m.email, 'cartera-demo'))
// A short warm-up (JIT, statement cache), then the measured run.
await moveRuns(base, movers, sessions, defaultOpen, 2)
say(`stage moves, ${MOVE_LOAD(movers.length)}, for ${DURATION} s`)
const before = cpu()
const x = await moveRuns(base, movers, sessions, defaultOpen, DURATION)
const used = cpu() - before
console.log(
  `stage move -c ${MOVERS}: p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, ${x.rps} req/s, ${x.requests} moves, ${x.errors} errors; server CPU ${(used / x.requests).toFixed(2)} ms/move; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`
)
app.kill('SIGTERM')
await new Promise((r) => (app.exitCode === null ? app.once('exit', r) : r()))
process.exit(0)
