// HTTP side of `npm run bench:crm`: signed-in sessions and autocannon runs that keep every
// response's latency (autocannon's own summary has p97.5, not the p95 the goals use).
import autocannon from 'autocannon'

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
