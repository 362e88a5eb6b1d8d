// HTTP side of `npm run bench:crm`: signed-in sessions and autocannon runs that keep every
// response's latency (autocannon's own summary has p97.5, not the p95 the goals use).
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../scripts/lib.mjs'
import { freePort, waitFor } from './lib.mjs'

/**
 * The production build (`BENCH_BUILD`, default build/) serving a kept bench SQLite database on a
 * free port, as `npm start` would (no queue worker); `BENCH_PROFILE=<dir>` writes a CPU profile
 * of it and `BENCH_NODE_ARGS` adds node flags. Resolves once /health answers to its base URL,
 * the child process and a reader of its CPU time;
 * the server stops when this process exits.
 */
export async function startServer(sqlitePath, dir) {
  const port = await freePort()
  const profile = process.env.BENCH_PROFILE
  const app = spawn(
    'node',
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      join(process.env.BENCH_BUILD ?? 'build', 'bin', 'server.js'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ENV_PATH: ROOT,
        TZ: 'UTC',
        HOST: '127.0.0.1',
        PORT: String(port),
        DB_CONNECTION: 'sqlite',
        SQLITE_PATH: sqlitePath,
        DATA_DIR: dir,
        LOG_LEVEL: 'error',
        SESSION_DRIVER: 'cookie',
        LIMITER_STORE: 'memory',
        MAIL_MAILER: 'preview',
        QUEUE_WORKER: 'off',
        CARTERA_MODULE_PACKAGES: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }
  )
  process.on('exit', () => app.exitCode === null && app.kill('SIGTERM'))
  const base = `http://127.0.0.1:${port}`
  await waitFor(`${base}/health`, app)
  /** The server's CPU time so far (user + system), in ms (clock ticks of 10 ms). */
  const cpuMs = () => {
    const f = readFileSync(`/proc/${app.pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(f[11]) + Number(f[12])) * 10
  }
  return { base, app, cpuMs }
}

/** A signed-in session on `base`: its cookies, the headers of an Inertia visit and of a JSON write. */
export async function signIn(base, email, password) {
  const jar = new Map()
  const keep = (response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const xsrf = () => decodeURIComponent(jar.get('XSRF-TOKEN') ?? '')
  keep(await fetch(`${base}/login`))
  keep(
    await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-xsrf-token': xsrf(),
        'cookie': cookie(),
      },
      body: new URLSearchParams({ email, password }).toString(),
    })
  )
  const home = await fetch(`${base}/crm/activities`, {
    headers: { cookie: cookie() },
    redirect: 'manual',
  })
  if (home.status !== 200) throw new Error(`${email}: signed-in page answered ${home.status}`)
  keep(home)
  const page = JSON.parse(
    (await home.text()).match(
      /<script data-page="app" type="application\/json">(.*?)<\/script>/s
    )[1]
  )
  return {
    keep,
    inertia: () => ({
      'cookie': cookie(),
      'x-inertia': 'true',
      'x-inertia-version': String(page.version ?? ''),
      'x-requested-with': 'XMLHttpRequest',
      'accept': 'text/html, application/json',
    }),
    json: () => ({
      'cookie': cookie(),
      'x-xsrf-token': xsrf(),
      'content-type': 'application/json',
      'accept': 'application/json',
    }),
  }
}

const percentile = (sorted, p) =>
  sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]

/** autocannon `options` for `duration` seconds: exact p50 / p95 / p99 of every response. */
export async function cannon(options) {
  const latencies = []
  const instance = autocannon({ timeout: 30, ...options })
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  const result = await instance
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: Math.round(result.requests.average),
    errors: result.non2xx + result.errors + result.timeouts,
  }
}

/** What `moveRuns` measures, as the bench prints it. */
export const MOVE_LOAD = (movers) =>
  `closed loop: ${movers} clients at once (one rep each, own connection), each sending its next move as soon as the last one answered, no think time`

/**
 * Moves by `movers.length` users at once, one connection each, in a closed loop (a client sends
 * its next request as soon as the previous one is answered; no think time, so the server always
 * has `movers.length` moves in flight): every request moves the user's next opportunity to the
 * next open stage of `openStages` (so none is a no-op).
 */
export function moveRuns(base, movers, sessions, openStages, duration) {
  let clientNo = 0
  return cannon({
    url: base,
    connections: movers.length,
    duration,
    setupClient(client) {
      const k = clientNo++ % movers.length
      const { opportunities } = movers[k]
      const headers = sessions[k].json()
      let turn = 0
      client.setRequests([
        {
          method: 'PATCH',
          setupRequest(request) {
            const opp = opportunities[turn++ % opportunities.length]
            const at = openStages.indexOf(opp.stage_id)
            opp.stage_id = openStages[(at + 1) % openStages.length]
            return {
              ...request,
              method: 'PATCH',
              path: `/crm/opportunities/${opp.id}/stage`,
              headers,
              body: JSON.stringify({ stageId: opp.stage_id }),
            }
          },
        },
      ])
    },
  })
}
