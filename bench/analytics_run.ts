/*
| The in-process half of `npm run bench:analytics` (bench/analytics.mjs prepares the databases):
| boots the app on the database of its environment, measures process RSS before and after the
| Cube model is loaded, then runs the Gerencia dashboard's queries through the embedded gateway
| (`load`, as /analytics/cubejs-api/v1/load does) as a user with scope `all`: cold (cache
| bypassed: every run reads the database or the rollup) and warm (Cube's cache). With `rollups`
| it first builds them (analytics:refresh) and checks the queries used them. Prints one JSON line.
*/
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)
const modes = process.argv.slice(2) // e.g. "source" "rollups"
const COLD = Number(process.env.BENCH_COLD_RUNS ?? 10)
const WARM = Number(process.env.BENCH_WARM_RUNS ?? 50)

const app = new Ignitor(APP_ROOT, {
  importer: (path: string) =>
    path.startsWith('./') || path.startsWith('../')
      ? import(new URL(path, APP_ROOT).href)
      : import(path),
}).createApp('console')
app.booting(async () => {
  await import('#start/env')
})
await app.init()
await app.boot()

const { default: db } = await import('@adonisjs/lucid/services/db')
const { AccessContext } = await import('#app/access/access_context')
const { cubeEngine, setRollups } = await import('#modules/analytics/engine/engine')
const { load } = await import('#modules/analytics/engine/gateway')
const { refreshRollups } = await import('#modules/analytics/engine/rollups')

const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024)
const YEAR = ['2026-01-01', '2026-12-31']
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)

/** The Gerencia dashboard's queries (KPIs, funnel, monthly charts). */
const QUERIES: Record<string, object> = {
  won_by_month: {
    measures: ['crm_pipeline.won_amount_minor', 'crm_pipeline.won_count'],
    timeDimensions: [
      { dimension: 'crm_pipeline.closed_at', granularity: 'month', dateRange: YEAR },
    ],
  },
  open_pipeline_by_stage: {
    measures: ['crm_pipeline.open_weighted_minor', 'crm_pipeline.open_count'],
    dimensions: ['crm_pipeline.stage_step', 'crm_pipeline.stage_step_position'],
    filters: [{ member: 'crm_pipeline.status', operator: 'equals', values: ['open'] }],
  },
  leads_by_month_source: {
    measures: ['crm_leads_overview.count'],
    dimensions: ['crm_leads_overview.source'],
    timeDimensions: [
      { dimension: 'crm_leads_overview.created_at', granularity: 'month', dateRange: YEAR },
    ],
  },
  activities_done: {
    measures: ['crm_activities_overview.done_count'],
    timeDimensions: [{ dimension: 'crm_activities_overview.done_at', dateRange: YEAR }],
  },
  // Overdue as the dashboards count it: open and due before today (the daily rollup serves it).
  activities_overdue: {
    measures: ['crm_activities_overview.open_count'],
    timeDimensions: [
      { dimension: 'crm_activities_overview.due_at', dateRange: ['2000-01-01', YESTERDAY] },
    ],
  },
  win_rate: {
    measures: ['crm_pipeline.win_rate', 'crm_pipeline.won_count', 'crm_pipeline.lost_count'],
    timeDimensions: [{ dimension: 'crm_pipeline.closed_at', dateRange: YEAR }],
  },
  average_cycle: {
    measures: ['crm_pipeline.cycle_days_avg'],
    timeDimensions: [{ dimension: 'crm_pipeline.closed_at', dateRange: YEAR }],
  },
}

/*
 * One answer as the client gets it: Cube's queue answers "Continue wait" when a query outlasts
 * its wait (a cold query on a large table, a rollup being built) and the client asks again;
 * the time measured covers the retries.
 */
async function answer(query: object, options: { cache?: string } = {}): Promise<any> {
  for (;;) {
    try {
      return await load(access, query, options)
    } catch (error) {
      if ((error as Error)?.constructor?.name !== 'ContinueWaitError') throw error
    }
  }
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
  return { p50: Number(at(0.5).toFixed(1)), p95: Number(at(0.95).toFixed(1)) }
}

// The demo organization's first user: its administrator (every record in scope).
const admin = await db.from('users').orderBy('id').select('id', 'organization_id').firstOrFail()
const access = await AccessContext.forUser({
  id: Number(admin.id),
  organizationId: Number(admin.organization_id),
})

const rssBefore = rss()
const started = performance.now()
await setRollups(modes.includes('rollups') && !modes.includes('source') ? true : false)
await cubeEngine()
const modelMs = Math.round(performance.now() - started)
const rssAfterModel = rss()

const result: Record<string, unknown> = { rssBefore, rssAfterModel, modelMs, modes: {} }
for (const mode of modes) {
  await setRollups(mode === 'rollups')
  const engine = await cubeEngine()
  let refresh: unknown = null
  if (mode === 'rollups') {
    const t = performance.now()
    const built = await refreshRollups()
    refresh = { ms: Math.round(performance.now() - t), rollups: built.length }
  }
  const perQuery: Record<string, unknown> = {}
  const allCold: number[] = []
  const allWarm: number[] = []
  for (const [name, query] of Object.entries(QUERIES)) {
    const cold: number[] = []
    let used: string[] = []
    let rows = 0
    for (let i = 0; i < COLD; i++) {
      const t = performance.now()
      const got = await answer(query, { cache: 'no-cache' })
      cold.push(performance.now() - t)
      used = Object.keys(got.usedPreAggregations ?? {})
      rows = got.data.length
    }
    await answer(query) // fills the cache
    // SQL statements reaching the database during the warm runs (refresh keys, rollup lists).
    let statements = 0
    const driver = engine.driver as any
    const query0 = driver.query
    driver.query = (...args: unknown[]) => {
      statements++
      return query0.apply(driver, args)
    }
    const warm: number[] = []
    for (let i = 0; i < WARM; i++) {
      const t = performance.now()
      await answer(query)
      warm.push(performance.now() - t)
    }
    driver.query = query0
    allCold.push(...cold)
    allWarm.push(...warm)
    perQuery[name] = {
      rows,
      rollup: used.length > 0,
      cold: percentiles(cold),
      warm: percentiles(warm),
      warmStatements: Number((statements / WARM).toFixed(2)),
    }
  }
  ;(result.modes as any)[mode] = {
    db: engine.dbType,
    refresh,
    cold: percentiles(allCold),
    warm: percentiles(allWarm),
    queries: perQuery,
  }
}
result.rssEnd = rss()
console.log(JSON.stringify({ analytics: result }))
await app.terminate()
process.exit(0)
