/*
| The in-process half of `npm run bench:mail`: a mailbox on the bench's Dovecot user, its first
| sync timed (messages/s), then a second mailbox holding one message with a big attachment,
| synced while RSS is sampled every 10 ms (peak over the level before). Prints one JSON line.
*/
process.env.TZ = 'UTC'

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)
const params = JSON.parse(process.argv[2])

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
const { sealSecret } = await import('#modules/mail/support/secrets')
const { syncMailbox } = await import('#modules/mail/sync/sync_mailbox')

const org = await db.from('organizations').orderBy('id').firstOrFail()
const mailbox = async (name: string, user: string) => {
  const [row] = await db
    .table('mail_mailboxes')
    .returning('id')
    .insert({
      organization_id: org.id,
      name,
      address: 'ventas@bench.test',
      kind: 'shared',
      privacy: 'full',
      imap_host: params.host,
      imap_port: params.port,
      imap_security: 'none',
      imap_user: user,
      imap_secret: sealSecret('secret'),
      folders: JSON.stringify(['INBOX']),
      enabled: true,
      created_at: '2026-12-01 00:00:00',
      updated_at: '2026-12-01 00:00:00',
    })
  return Number(typeof row === 'object' ? row.id : row)
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

// SQL statements the sync sends (knex's `query` event, transactions' included).
let statements = 0
db.connection()
  .getWriteClient()
  .on('query', () => statements++)
const started = performance.now()
const cpuBefore = process.cpuUsage()
await syncMailbox(await mailbox('ventas', 'bench'))
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
const syncStatements = statements
const stats = await db
  .from('mail_messages')
  .where('organization_id', org.id)
  .count('* as n')
  .avg('size as size')
  .first()

globalThis.gc?.()
await new Promise((resolve) => setTimeout(resolve, 200))
globalThis.gc?.()
const before = process.memoryUsage().rss
let peak = before
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 10)
await syncMailbox(await mailbox('grande', 'big'))
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
const big = await db
  .from('mail_attachments')
  .where('organization_id', org.id)
  .where('filename', 'planos.bin')
  .first()

console.log(
  JSON.stringify({
    stored: Number(stats?.n ?? 0),
    meanKb: Math.round(Number(stats?.size ?? 0) / 1024),
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(Number(stats?.n ?? 0) / seconds),
    // CPU time (user + system) of this process per stored message (Dovecot's not included).
    cpuMsPerMessage:
      Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, Number(stats?.n ?? 0))) * 10) / 10,
    statementsPerMessage:
      Math.round((syncStatements / Math.max(1, Number(stats?.n ?? 0))) * 10) / 10,
    rssBeforeBigMb: mb(before),
    bigPeakMb: mb(peak - before),
    bigStoredMb: mb(Number(big?.size ?? 0)),
  })
)
await app.terminate()
