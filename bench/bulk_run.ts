/*
| The measured half of `npm run bench:bulk` (bench/bulk.mjs prepares the database): a bulk
| owner change of every company of one organization ("all matching", no filters) to its first
| user, through the same chunks a `kernel.run_bulk` job runs. Prints one JSON line.
*/
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)
const [slug] = process.argv.slice(2)

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
  const { BULK_CAP, bulkHandler, emptyOutcome, runChunks } = await import('#app/bulk/engine')
  const org = await db.from('organizations').where('slug', slug).firstOrFail()
  const admin = await db.from('users').where('organization_id', org.id).orderBy('id').firstOrFail()
  const access = await AccessContext.forUser({ id: admin.id, organizationId: org.id })
  const handler = await bulkHandler('crm.companies')
  const started = performance.now()
  const params = await handler.prepare(access, 'owner', { ownerId: admin.id })
  const ids = await handler.matching(access, {}, BULK_CAP)
  const selectMs = Math.round(performance.now() - started)
  const outcome = emptyOutcome(ids.length)
  const { longestMs } = await runChunks({
    access,
    actorId: admin.id,
    action: 'owner',
    params,
    handler,
    ids,
    from: 0,
    outcome,
  })
  const seconds = (performance.now() - started) / 1000
  const count = async (table: string) =>
    Number((await db.from(table).where('organization_id', org.id).count('* as n').first())?.n ?? 0)
  console.log(
    JSON.stringify({
      outcome,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(outcome.changed / seconds),
      selectMs,
      longestMs: Math.round(longestMs),
      auditRows: await count('audit_logs'),
      timelineRows: await count('timeline_events'),
    })
  )
})
await app.terminate()
