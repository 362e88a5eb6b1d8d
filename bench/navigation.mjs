// node bench/navigation.mjs: list → record → list, as a signed-in user moves with Inertia.
//
// Needs a running Cartera with the demo data (`npm run setup && npm start`, or BENCH_URL). Signs
// in as BENCH_USER (ventas1@demo.cartera.es: scope `own`, the common case; admin@… sees all),
// then for BENCH_ROUNDS rounds (50): the companies list, one of its companies, the list again —
// each an Inertia visit (X-Inertia, JSON props, what a click costs once the page is loaded),
// timed from request to last byte on the same machine, so the figure is the server's time plus
// loopback. Prints p50/p95/max per step and per round trip; the goal is under 150 ms
// per move. Also times the partial reload the home page uses (`only: widgets`).
// Options (environment): BENCH_URL (http://127.0.0.1:3333), BENCH_USER, BENCH_PASSWORD
// (cartera-demo), BENCH_ROUNDS (50), BENCH_RESOURCE (companies | contacts).
import { performance } from 'node:perf_hooks'

const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3333'
const USER = process.env.BENCH_USER ?? 'ventas1@demo.cartera.es'
const PASSWORD = process.env.BENCH_PASSWORD ?? 'cartera-demo'
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50)
const RESOURCE = process.env.BENCH_RESOURCE ?? 'companies'

const jar = new Map()
function remember(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const eq = pair.indexOf('=')
    jar.set(pair.slice(0, eq), pair.slice(eq + 1))
  }
}
const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

async function request(path, init = {}) {
  const response = await fetch(BASE + path, {
    redirect: 'manual',
    ...init,
    headers: { cookie: cookies(), ...init.headers },
  })
  remember(response)
  return response
}

let version = ''
const inertia = (extra = {}) => ({
  'x-inertia': 'true',
  'x-inertia-version': version,
  'x-requested-with': 'XMLHttpRequest',
  'accept': 'text/html, application/xhtml+xml',
  ...extra,
})

async function signIn() {
  const login = await request('/login')
  const html = await login.text()
  const page = html.match(/data-page="([^"]+)"/)?.[1]?.replaceAll('&quot;', '"')
  const json = page ?? html.match(/<script[^>]*data-page[^>]*>([\s\S]*?)<\/script>/)?.[1]
  version = json ? (JSON.parse(json).version ?? '') : ''
  const xsrf = decodeURIComponent(jar.get('XSRF-TOKEN') ?? '')
  const response = await request('/login', {
    method: 'POST',
    headers: inertia({ 'content-type': 'application/json', 'x-xsrf-token': xsrf }),
    body: JSON.stringify({ email: USER, password: PASSWORD }),
  })
  if (response.status >= 400 || !jar.has('adonis-session')) {
    throw new Error(`sign-in as ${USER} failed (${response.status}): is the demo data loaded?`)
  }
}

async function visit(path, extra) {
  const start = performance.now()
  const response = await request(path, { headers: inertia(extra) })
  const body = await response.text()
  const ms = performance.now() - start
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`)
  return { ms, page: JSON.parse(body) }
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const line = (label, values) =>
  `${label.padEnd(28)} p50 ${pct(values, 50).toFixed(1).padStart(6)} ms   p95 ${pct(values, 95)
    .toFixed(1)
    .padStart(6)} ms   max ${Math.max(...values)
    .toFixed(1)
    .padStart(6)} ms`

await signIn()
const list = `/crm/${RESOURCE}`
const first = await visit(list)
const rows = first.page.props[RESOURCE] ?? []
if (!rows.length) throw new Error(`${list} shows no records to ${USER}`)
const ids = rows.map((r) => r.id)

const times = { list: [], record: [], back: [], round: [], home: [] }
// Warm-up (first compile of each route's code, caches) is not measured.
await visit(`${list}/${ids[0]}`)
for (let i = 0; i < ROUNDS; i++) {
  const a = await visit(list)
  const b = await visit(`${list}/${ids[i % ids.length]}`)
  const c = await visit(list)
  times.list.push(a.ms)
  times.record.push(b.ms)
  times.back.push(c.ms)
  times.round.push(a.ms + b.ms + c.ms)
  const home = await visit('/', {
    'x-inertia-partial-component': 'home',
    'x-inertia-partial-data': 'widgets',
  })
  times.home.push(home.ms)
}

console.log(`${BASE} as ${USER}: ${ROUNDS} rounds over ${ids.length} ${RESOURCE}`)
console.log(line('list', times.list))
console.log(line('record', times.record))
console.log(line('back to list', times.back))
console.log(line('list → record → list', times.round))
console.log(line('home (partial: widgets)', times.home))
const worst = Math.max(pct(times.list, 95), pct(times.record, 95), pct(times.back, 95))
console.log(
  `goal: each move under 150 ms at p95 — ${worst < 150 ? 'met' : 'NOT met'} (${worst.toFixed(1)} ms)`
)
