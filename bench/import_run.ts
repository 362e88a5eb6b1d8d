/*
| The measured half of `npm run bench:import` (bench/import.mjs prepares the database and the
| file, then runs this inside the application): preview, then commit, of one file into one
| organization through the kernel pipeline, timing every batch. Prints one JSON line.
*/
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)
const [file, slug] = process.argv.slice(2)

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

/** Rows/s overall and over the first and last 10 % of the lines. */
function rates(marks: Mark[], total: number, started: number) {
  const at = (fraction: number) => {
    const target = total * fraction
    const mark = marks.find((m) => m.done >= target) ?? marks[marks.length - 1]
    return mark
  }
  const end = marks[marks.length - 1]
  const first = at(0.1)
  const last = at(0.9)
  const firstRate = first.done / ((first.at - started) / 1000)
  const lastRate = (end.done - last.done) / ((end.at - last.at) / 1000)
  return {
    rows: end.done,
    seconds: Number(((end.at - started) / 1000).toFixed(2)),
    rowsPerSecond: Math.round(end.done / ((end.at - started) / 1000)),
    first10RowsPerSecond: Math.round(firstRate),
    last10RowsPerSecond: Math.round(lastRate),
    last10VsFirst10Time: Number((firstRate / lastRate).toFixed(2)),
    deciles: deciles(marks, total, started),
  }
}

/** Rows/s over each tenth of the lines: where a growing per-batch cost shows. */
function deciles(marks: Mark[], total: number, started: number) {
  const out: number[] = []
  let from = { done: 0, at: started }
  for (let k = 1; k <= 10; k++) {
    const to = marks.find((m) => m.done >= (total * k) / 10) ?? marks[marks.length - 1]
    if (to.done > from.done)
      out.push(Math.round((to.done - from.done) / ((to.at - from.at) / 1000)))
    from = to
  }
  return out
}

/** CPU time (user + system) of this process per 1,000 lines: less sensitive to a busy machine. */
function cpuPer1000(usage: NodeJS.CpuUsage, rows: number) {
  return Math.round((usage.user + usage.system) / 1000 / (rows / 1000))
}

/**
 * BENCH_SQL_TIMES=1 on MySQL/MariaDB: time from sending each statement to its answer, summed by
 * statement kind and table ("insert crm_phones"), printed (stderr) for the commit. Wraps the
 * driver's `query`, which knex and the bulk writer both call.
 */
const sqlTimes = new Map<string, { n: number; ms: number }>()
if (process.env.BENCH_SQL_TIMES === '1' && process.env.DB_CONNECTION === 'mysql') {
  const { default: mysql2 } = await import('mysql2')
  const proto = (mysql2 as any).Connection.prototype
  const query = proto.query
  proto.query = function (this: unknown, ...args: any[]) {
    const first = args[0]
    const sql: string = typeof first === 'string' ? first : (first?.sql ?? '')
    const words = sql
      .replace(/[`"]/g, '')
      .match(/^\s*(\w+)(?:\s+([\w.]+)\s+set\b|.*?\b(?:into|from)\s+([\w.]+))?/is)
    const kind = words ? `${words[1].toLowerCase()} ${words[2] ?? words[3] ?? ''}`.trim() : '?'
    const at = args.findLastIndex((a: unknown) => typeof a === 'function')
    if (at >= 0) {
      const done = args[at]
      const started = performance.now()
      args[at] = function (this: unknown, ...result: unknown[]) {
        const entry = sqlTimes.get(kind) ?? { n: 0, ms: 0 }
        entry.n++
        entry.ms += performance.now() - started
        sqlTimes.set(kind, entry)
        return done.apply(this, result)
      }
    }
    return query.apply(this, args)
  }
}

await app.start(async () => {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { startImport } = await import('#app/import/start')
  const { previewImport } = await import('#app/import/preview')
  const { commitImport } = await import('#app/import/commit')
  const baseline = process.memoryUsage().rss
  let peak = baseline
  let heapPeak = 0
  // What the process held when its RSS peaked (V8 heap reserved and used, buffers outside it).
  let atPeak = process.memoryUsage()
  const sampler = setInterval(() => {
    const usage = process.memoryUsage()
    if (usage.rss > peak) atPeak = usage
    peak = Math.max(peak, usage.rss)
    heapPeak = Math.max(heapPeak, usage.heapUsed)
  }, 50)
  const org = await db.from('organizations').where('slug', slug).firstOrFail()
  const admin = await db.from('users').where('organization_id', org.id).orderBy('id').firstOrFail()
  const run = await startImport({
    organizationId: org.id,
    userId: admin.id,
    resource: 'crm.companies',
    path: file,
    fileName: 'bench.csv',
    inPlace: true,
  })
  let marks: Mark[] = []
  let started = performance.now()
  let cpu = process.cpuUsage()
  const preview = await previewImport(run.id, {
    onProgress: (done) => marks.push({ done, at: performance.now() }),
  })
  const previewRates = rates(marks, preview.rows, started)
  const previewCpu = cpuPer1000(process.cpuUsage(cpu), preview.rows)
  marks = []
  sqlTimes.clear()
  started = performance.now()
  cpu = process.cpuUsage()
  const totals = await commitImport(run.id, {
    onProgress: ({ done }) => marks.push({ done, at: performance.now() }),
  })
  if (sqlTimes.size) {
    const total = [...sqlTimes.values()].reduce((t, e) => t + e.ms, 0)
    process.stderr.write(`commit: ${(total / 1000).toFixed(2)} s waiting on statements\n`)
    for (const [kind, e] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms))
      process.stderr.write(`  ${(e.ms / 1000).toFixed(2)} s  ${e.n}×  ${kind}\n`)
  }
  const commitRates = rates(marks, preview.rows, started)
  const commitCpu = cpuPer1000(process.cpuUsage(cpu), preview.rows)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const companies = await db.from('crm_companies').where('organization_id', org.id).count('* as n')
  console.log(
    JSON.stringify({
      preview: { ...previewRates, cpuMsPer1000: previewCpu, totals: preview.totals },
      commit: { ...commitRates, cpuMsPer1000: commitCpu, totals },
      peakRssMb: Math.round(peak / 1024 / 1024),
      bootRssMb: Math.round(baseline / 1024 / 1024),
      peakHeapMb: Math.round(heapPeak / 1024 / 1024),
      atPeakMb: Object.fromEntries(
        Object.entries(atPeak).map(([k, v]) => [k, Math.round(v / 1024 / 1024)])
      ),
      companiesAfter: Number(companies[0].n),
      fullCollections: (await import('#app/import/memory')).collections,
    })
  )
})
await app.terminate()
