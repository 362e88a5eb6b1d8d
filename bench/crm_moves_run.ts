/*
| Stage moves in-process (no HTTP): `moveOpportunity` by 16 reps at once, each on their own
| opportunities, for BENCH_DURATION seconds; prints moves/s, latency p50/p95 and CPU per move.
| node --import=@poppinss/ts-exec bench/crm_moves_run.ts  (env as bench/crm.mjs sets it, on a
| database kept by BENCH_KEEP=1). What a move costs in the action itself, HTTP and middleware aside.
*/
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)
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

await app.start(async () => {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { AccessContext } = await import('#app/access/access_context')
  const { moveOpportunity } =
    await import('../modules/crm/actions/opportunities/move_opportunity.js')
  const seconds = Number(process.env.BENCH_DURATION ?? 5)
  const admin = await db.from('users').where('email', 'admin@demo.cartera.es').firstOrFail()
  const org = Number(admin.organization_id)
  const open = (
    await db
      .from('crm_pipeline_stages')
      .where({ organization_id: org, is_won: false, is_lost: false })
      .whereNull('team_id')
      .orderBy('position')
      .select('id')
  ).map((s) => Number(s.id))
  const reps = await db
    .from('users')
    .where('organization_id', org)
    .where('email', 'like', 'bench%@bench.cartera.es')
    .orderBy('id')
    .select('id', 'organization_id')
  const movers: { access: any; actorId: number; opps: { id: number; stage: number }[] }[] = []
  for (const rep of reps.slice(20)) {
    if (movers.length === 16) break
    const opps = (
      await db
        .from('crm_opportunities')
        .where({ owner_id: rep.id, status: 'open' })
        .whereIn('stage_id', open)
        .orderBy('id')
        .limit(500)
        .select('id', 'stage_id')
    ).map((o) => ({ id: Number(o.id), stage: Number(o.stage_id) }))
    if (!opps.length) continue
    const access = await AccessContext.forUser({ id: Number(rep.id), organizationId: org })
    movers.push({ access, actorId: Number(rep.id), opps })
  }
  const latencies: number[] = []
  const runFor = async (ms: number, keep: boolean) => {
    const until = performance.now() + ms
    await Promise.all(
      movers.map(async (m) => {
        let turn = 0
        while (performance.now() < until) {
          const opp = m.opps[turn++ % m.opps.length]
          opp.stage = open[(open.indexOf(opp.stage) + 1) % open.length]
          const t = performance.now()
          await moveOpportunity({
            organizationId: org,
            actorId: m.actorId,
            access: m.access,
            id: opp.id,
            stageId: opp.stage,
          })
          if (keep) latencies.push(performance.now() - t)
        }
      })
    )
  }
  await runFor(1000, false)
  const cpu = process.cpuUsage()
  const started = performance.now()
  await runFor(seconds * 1000, true)
  const used = process.cpuUsage(cpu)
  const wall = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]
  console.log(
    `moves in-process -c ${movers.length}: ${latencies.length} in ${wall.toFixed(1)} s = ${Math.round(latencies.length / wall)}/s, p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms; CPU ${((used.user + used.system) / 1000 / latencies.length).toFixed(3)} ms/move`
  )
})
await app.terminate()
