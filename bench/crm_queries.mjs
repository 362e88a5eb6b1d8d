// The SQL of one stage move, against a database kept by `BENCH_KEEP=1 npm run bench:crm`:
//   node bench/crm_queries.mjs tmp/bench-crm-<pid> [moves]
// Starts the production build (build/) with DB_DEBUG on a copy of its bench.sqlite3, signs one
// bench rep in, makes a few warm-up moves, then `moves` (3) more, and prints the statements the
// server ran for each measured move request (middleware, action and whatever follows it).
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { ROOT } from '../scripts/lib.mjs'
import { freePort, waitFor } from './lib.mjs'
import { signIn } from './crm_http.mjs'

const kept = resolve(process.argv[2] ?? '')
const MOVES = Number(process.argv[3] ?? 3)
const dir = join(ROOT, 'tmp', `bench-queries-${process.pid}`)
mkdirSync(dir, { recursive: true })
const sqlitePath = join(dir, 'bench.sqlite3')
copyFileSync(join(kept, 'bench.sqlite3'), sqlitePath)
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

const sqlite = new Database(sqlitePath)
const rep = sqlite
  .prepare(
    "SELECT id, email FROM users WHERE email LIKE 'bench%@bench.cartera.es' AND email NOT LIKE 'jefe%' AND id IN (SELECT owner_id FROM crm_opportunities WHERE status = 'open') ORDER BY id LIMIT 1 OFFSET 20"
  )
  .get()
const opportunity = sqlite
  .prepare(
    "SELECT id, stage_id, team_id FROM crm_opportunities WHERE owner_id = ? AND status = 'open' ORDER BY id LIMIT 1"
  )
  .get(rep.id)
const stages = sqlite
  .prepare(
    'SELECT s.id FROM crm_pipeline_stages s JOIN crm_pipeline_stages c ON c.id = ? WHERE s.organization_id = c.organization_id AND s.team_id IS c.team_id AND s.is_won = 0 AND s.is_lost = 0 ORDER BY s.position'
  )
  .all(opportunity.stage_id)
  .map((s) => s.id)
sqlite.close()

const port = await freePort()
let out = ''
const app = spawn('node', [join('build', 'bin', 'server.js')], {
  cwd: ROOT,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    ENV_PATH: ROOT,
    TZ: 'UTC',
    HOST: '127.0.0.1',
    PORT: String(port),
    DB_CONNECTION: 'sqlite',
    DB_DEBUG: 'true',
    SQLITE_PATH: sqlitePath,
    DATA_DIR: dir,
    LOG_LEVEL: 'error',
    SESSION_DRIVER: 'cookie',
    LIMITER_STORE: 'memory',
    MAIL_MAILER: 'preview',
    QUEUE_WORKER: 'off',
    CARTERA_MODULE_PACKAGES: '',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
app.stdout.on('data', (chunk) => (out += chunk))
process.on('exit', () => app.exitCode === null && app.kill('SIGTERM'))
const base = `http://127.0.0.1:${port}`
await waitFor(`${base}/health`, app)
const session = await signIn(base, rep.email, 'cartera-demo')
let at = stages.indexOf(opportunity.stage_id)
async function move() {
  at = (at + 1) % stages.length
  const response = await fetch(`${base}/crm/opportunities/${opportunity.id}/stage`, {
    method: 'PATCH',
    headers: session.json(),
    body: JSON.stringify({ stageId: stages[at] }),
  })
  if (response.status !== 200) throw new Error(`move answered ${response.status}`)
  await response.text()
  // Whatever runs after the answer has its turn too.
  await new Promise((r) => setTimeout(r, 300))
}
for (let k = 0; k < 3; k++) await move()
for (let k = 0; k < MOVES; k++) {
  out = ''
  await move()
  const lines = out.split('\n').filter((l) => l.includes(`"sqlite"`))
  console.log(`move ${k + 1}: ${lines.length} statements`)
  for (const l of lines)
    console.log(
      '  ' +
        l
          .replace(/\x1b\[[0-9;]*m/g, '')
          .trim()
          .slice(0, Number(process.env.WIDTH ?? 220))
    )
}
app.kill('SIGTERM')
process.exit(0)
