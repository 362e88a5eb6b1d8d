// npm run bench:mail — issue 9's figures: the initial sync of BENCH_MAIL_MESSAGES (10,000)
// messages of ~30 KB from a local Dovecot into a throw-away SQLite database (messages/s; goal
// ≥ 100), then the peak RSS a single message with a 25 MB attachment adds to the syncing
// process (goal ≤ 64 MB). Figures, not assertions.
//
// Dovecot runs with its own config (scripts/dovecot.mjs, as the tests do); the messages are
// written straight into the user's Maildir (what a mail server's delivery does), then read back
// over IMAP by the app's sync engine (bench/mail_run.ts, in-process).
import { spawnSync } from 'node:child_process'
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ROOT, say } from '../scripts/lib.mjs'
import { findDovecot, startDovecot } from '../scripts/dovecot.mjs'

const COUNT = Number(process.env.BENCH_MAIL_MESSAGES ?? 10_000)
const BIG_MB = Number(process.env.BENCH_MAIL_BIG_MB ?? 25)
const tmp = join(ROOT, 'tmp', `bench-mail-${process.pid}`)
mkdirSync(tmp, { recursive: true })
const env = {
  ...process.env,
  NODE_ENV: 'development',
  TZ: 'UTC',
  LOG_LEVEL: 'warn',
  APP_KEY: process.env.APP_KEY ?? 'bench-mail-key-0123456789abcdef0123456789ab',
  DB_CONNECTION: 'sqlite',
  SQLITE_PATH: join(tmp, 'bench.sqlite3'),
  DRIVE_DISK: 'fs',
  DRIVE_FS_LOCATION: join(tmp, 'files'),
  MAIL_ALLOW_PRIVATE_HOSTS: 'true',
  QUEUE_WORKER: 'off',
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

function run(args) {
  const result = spawnSync('node', args, { cwd: ROOT, env, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr || result.stdout}`)
  return result.stdout
}

const dovecot = findDovecot(env)
if (!dovecot.path) {
  say(`bench:mail needs Dovecot: ${dovecot.reason}`)
  process.exit(1)
}
const server = await startDovecot({
  binary: dovecot.path,
  dir: join(tmp, 'dovecot'),
  port: await freePort(),
})
if (server.reason) {
  say(server.reason)
  process.exit(1)
}
Object.assign(env, server.env)
const cleanup = async () => {
  await server.stop()
  rmSync(tmp, { recursive: true, force: true })
}

/** A user whose Maildir holds the given messages (as delivered: files in cur/). */
function mailUser(name, messages) {
  writeFileSync(join(env.DOVECOT_USERS_DIR, name), `${name}:{PLAIN}secret\n`, { mode: 0o644 })
  const maildir = join(env.DOVECOT_MAIL_DIR, name, 'Maildir')
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true })
  let i = 0
  for (const message of messages) {
    writeFileSync(join(maildir, 'cur', `${1700000000 + i}.M${i}P1.bench:2,`), message)
    i++
  }
  const uid = Number(env.DOVECOT_MAIL_UID)
  const gid = Number(env.DOVECOT_MAIL_GID)
  if (process.getuid?.() === 0)
    spawnSync('chown', ['-R', `${uid}:${gid}`, join(env.DOVECOT_MAIL_DIR, name)])
  else chownSync(join(env.DOVECOT_MAIL_DIR, name), uid, gid)
}

const companies = ['cliente-a.es', 'cliente-b.es', 'proveedor.com', 'distribuciones-norte.es']
const filler = Buffer.alloc(21_000, 'Cartera bench ').toString('base64').replace(/.{76}/g, '$&\r\n')
function* benchMessages(count) {
  for (let i = 0; i < count; i++) {
    const domain = companies[i % companies.length]
    yield Buffer.from(
      [
        `From: Cliente ${i % 500} <persona${i % 500}@${domain}>`,
        'To: Ventas <ventas@bench.test>',
        `Subject: ${i % 3 ? 'RE: ' : ''}Pedido ${Math.floor(i / 3)}`,
        `Date: ${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString().replace('GMT', '+0000')}`,
        `Message-ID: <bench-${i}@${domain}>`,
        ...(i % 3 ? [`In-Reply-To: <bench-${i - 1}@${domain}>`] : []),
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `Hola, os envío el pedido ${i}. Un saludo.`,
        '--b',
        `Content-Type: application/pdf; name="pedido-${i}.pdf"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="pedido-${i}.pdf"`,
        '',
        filler,
        '--b--',
        '',
      ].join('\r\n')
    )
  }
}

function* bigMessage(megabytes) {
  const line = Buffer.alloc(57, 7).toString('base64')
  const lines = Math.ceil((megabytes * 1024 * 1024) / 57)
  const head = [
    'From: Oficina Técnica <oficina@proveedor.com>',
    'To: ventas@bench.test',
    `Subject: Planos (${megabytes} MB)`,
    'Date: Wed, 04 Mar 2026 10:00:00 +0000',
    '<big@proveedor.com>'.replace(/^/, 'Message-ID: '),
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Adjunto los planos.',
    '--b',
    'Content-Type: application/octet-stream; name="planos.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ].join('\r\n')
  yield Buffer.concat([
    Buffer.from(head),
    Buffer.from(`${line}\r\n`.repeat(lines)),
    Buffer.from('--b--\r\n'),
  ])
}

try {
  say(`migrating a throw-away SQLite database, writing ${COUNT} messages into Dovecot's Maildir…`)
  run(['ace', 'migration:run', '--force'])
  run([
    'ace',
    'organization:create',
    '--name=Bench Mail',
    '--email=admin@bench.test',
    '--password=bench-mail-1234',
  ])
  mailUser('bench', benchMessages(COUNT))
  mailUser('big', bigMessage(BIG_MB))
  say('initial sync over IMAP (in-process)…')
  const out = run([
    // BENCH_MAIL_CPU_PROF=<dir>: a V8 CPU profile of the sync (node bench/mail_prof.mjs <file>).
    ...(process.env.BENCH_MAIL_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_MAIL_CPU_PROF}`]
      : []),
    '--expose-gc',
    '--import=@poppinss/ts-exec',
    'bench/mail_run.ts',
    JSON.stringify({
      host: '127.0.0.1',
      port: Number(env.IMAP_TEST_PORT),
      count: COUNT,
      bigMb: BIG_MB,
    }),
  ])
  const figures = JSON.parse(out.trim().split('\n').at(-1))
  say(
    `initial sync: ${figures.stored} of ${COUNT} messages (mean ${figures.meanKb} KB) in ` +
      `${figures.seconds} s = ${figures.perSecond} messages/s (goal ≥ 100), ` +
      `${figures.cpuMsPerMessage} ms CPU per message`
  )
  say(
    `${BIG_MB} MB attachment: peak RSS +${figures.bigPeakMb} MB over the process before it ` +
      `(goal ≤ 64 MB); stored ${figures.bigStoredMb} MB`
  )
  console.log(JSON.stringify(figures))
} finally {
  await cleanup()
}
