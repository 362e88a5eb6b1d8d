/*
| The in-process half of `npm run bench:crm` (bench/crm.mjs generates the data and the file,
| then runs this inside the application with the server stopped): 20 assignment rules, then
| `assignLeads` over the unowned leads in one transaction (leads/s), then preview and commit of
| the lead file through the kernel import pipeline (rows/s overall, by tenth, first and last
| 10 %). Prints one JSON line.
*/
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)
const [file, inputPath] = process.argv.slice(2)

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

interface Mark {
  done: number
  at: number
}

/** Rows/s overall, over the first and last 10 % of the lines, and by tenth (as bench:import). */
function rates(marks: Mark[], total: number, started: number) {
  const at = (fraction: number) => marks.find((m) => m.done >= total * fraction) ?? marks.at(-1)!
  const end = marks.at(-1)!
  const first = at(0.1)
  const last = at(0.9)
  const firstRate = first.done / ((first.at - started) / 1000)
  const lastRate = (end.done - last.done) / ((end.at - last.at) / 1000)
  const deciles: number[] = []
  let from = { done: 0, at: started }
  for (let k = 1; k <= 10; k++) {
    const to = at(k / 10)
    if (to.done > from.done)
      deciles.push(Math.round((to.done - from.done) / ((to.at - from.at) / 1000)))
    from = to
  }
  return {
    rows: end.done,
    seconds: Number(((end.at - started) / 1000).toFixed(2)),
    rowsPerSecond: Math.round(end.done / ((end.at - started) / 1000)),
    first10RowsPerSecond: Math.round(firstRate),
    last10RowsPerSecond: Math.round(lastRate),
    last10VsFirst10Time: Number((firstRate / lastRate).toFixed(2)),
    deciles,
  }
}

/** CPU time (user + system) of this process since `from`, in ms: steadier than rows/s on a busy machine. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from)
  return (used.user + used.system) / 1000
}
const perThousand = (ms: number, rows: number) => ({
  cpuMsPer1000: Number(((ms * 1000) / Math.max(1, rows)).toFixed(1)),
})

const STRATEGIES = ['fixed', 'round_robin', 'least_loaded', 'weighted', 'territory'] as const

await app.start(async () => {
  const { readFileSync } = await import('node:fs')
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { saveRule } = await import('../modules/crm/assignment/rules_admin.js')
  const { assignLeads } = await import('../modules/crm/assignment/assign_leads.js')
  const { startImport } = await import('#app/import/start')
  const { previewImport } = await import('#app/import/preview')
  const { commitImport } = await import('#app/import/commit')
  const input = JSON.parse(readFileSync(inputPath, 'utf8'))
  const { org, reps, facts, unownedLeads } = input as {
    org: number
    reps: number[]
    facts: Record<string, string[]>
    unownedLeads: number[]
  }
  const admin = await db.from('users').where('organization_id', org).orderBy('id').firstOrFail()

  // 20 rules: 19 with one or two conditions over the five strategies (five members each, some
  // with a capacity), then a catch-all to the least loaded of ten reps.
  await db.from('crm_assignment_rules').where('organization_id', org).update({ active: false })
  const empty = {
    sources: [],
    provinces: [],
    postcodes: [],
    sectors: [],
    sizes: [],
    productInterests: [],
    languages: [],
  }
  for (let k = 0; k < 20; k++) {
    const last = k === 19
    const strategy = last ? 'least_loaded' : STRATEGIES[k % STRATEGIES.length]
    const people = reps.slice((k * 5) % reps.length, ((k * 5) % reps.length) + (last ? 10 : 5))
    const conditions = last
      ? empty
      : {
          ...empty,
          sources: [facts.SOURCES[k % facts.SOURCES.length]],
          ...(k % 3 === 0 ? { provinces: [facts.PROVINCES[k % facts.PROVINCES.length]] } : {}),
          ...(k % 3 === 1 ? { sectors: [facts.SECTORS[k % facts.SECTORS.length]] } : {}),
          ...(k % 4 === 2 ? { languages: ['es'] } : {}),
        }
    await saveRule({
      organizationId: org,
      data: {
        name: `Regla bench ${k + 1}`,
        active: true,
        strategy,
        fixedUserId: strategy === 'fixed' ? people[0] : null,
        teamId: null,
        conditions,
        members:
          strategy === 'fixed'
            ? []
            : people.map((userId, m) => ({
                userId,
                weight: 1 + (m % 3),
                capacity: m % 2 === 0 ? 5_000 : null,
                territory:
                  strategy === 'territory'
                    ? { provinces: [facts.PROVINCES[m % facts.PROVINCES.length]], postcodes: [] }
                    : undefined,
              })),
      } as any,
    })
  }

  let started = performance.now()
  let cpu = process.cpuUsage()
  await db.transaction((trx) => assignLeads(trx, org, unownedLeads))
  const assignSeconds = (performance.now() - started) / 1000
  const assignCpu = cpuMs(cpu)
  const assigned = await db
    .from('crm_leads')
    .whereIn('id', unownedLeads.slice(0, 1000))
    .whereNotNull('owner_id')
    .count('* as n')
  const assignment = {
    leads: unownedLeads.length,
    seconds: Number(assignSeconds.toFixed(2)),
    leadsPerSecond: Math.round(unownedLeads.length / assignSeconds),
    ownedOfFirst1000: Number(assigned[0].n),
    cpuMsPer1000: Number(((assignCpu * 1000) / unownedLeads.length).toFixed(1)),
  }

  // The import, or why it failed (the figures of 1–3 and 5 are still worth printing).
  let imported: Record<string, unknown> = {}
  try {
    const run = await startImport({
      organizationId: org,
      userId: admin.id,
      resource: 'crm.leads',
      path: file,
      fileName: 'bench-leads.csv',
      inPlace: true,
    })
    let marks: Mark[] = []
    started = performance.now()
    cpu = process.cpuUsage()
    const preview = await previewImport(run.id, {
      onProgress: (done: number) => marks.push({ done, at: performance.now() }),
    })
    const previewCpu = perThousand(cpuMs(cpu), preview.rows)
    imported.preview = {
      ...rates(marks, preview.rows, started),
      ...previewCpu,
      totals: preview.totals,
    }
    marks = []
    started = performance.now()
    cpu = process.cpuUsage()
    const totals = await commitImport(run.id, {
      onProgress: ({ done }: { done: number }) => marks.push({ done, at: performance.now() }),
    })
    const commitCpu = perThousand(cpuMs(cpu), preview.rows)
    imported.commit = { ...rates(marks, preview.rows, started), ...commitCpu, totals }
  } catch (error) {
    imported.importError = String((error as Error).stack ?? error)
      .split('\n')
      .slice(0, 12)
      .join(' | ')
  }
  console.log(JSON.stringify({ assignment, ...imported }))
})
await app.terminate()
