import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization } from '#tests/helpers/world'
import { OrganizationFactory } from '#database/factories/organization_factory'
import {
  emptyQueueTables,
  startServer,
  startWorker,
  stopWorkers,
  until,
  type WorkerProcess,
} from '#tests/helpers/workers'
import { appendMessages, createImapUser, imapSkip } from '#tests/helpers/dovecot'
import { watchesMail } from '../../sync/idle_boot.js'
import { IdleWatcher, pollDue } from '../../sync/idle.js'
import { imapMailboxIds, polledMailboxIds } from '../../jobs/index.js'
import { IdleSupervisor } from '../../sync/idle_supervisor.js'
import { mailboxList } from '../../controllers/mailbox_list.js'
import { sealSecret } from '../../support/secrets.js'
import { eml, storedMessages } from '../mail_helpers.js'
import { deliverToMaildir, imapMailbox, removeOrganization } from '../imap_process_helpers.js'

/*
 * The IMAP IDLE watcher in the processes that run jobs: `node ace queue:work` and the web
 * server's own worker (`npm start`). They run as separate processes on the test database, so
 * no global transaction: the organization and its mail are removed at the end. No schedule
 * is registered (the minute's poll does not run): only the watcher can set off a sync.
 */

const mailboxRow = (id: number) => db.from('mail_mailboxes').where('id', id).firstOrFail()
const storedCount = async (organizationId: number) => (await storedMessages(organizationId)).length

const STARTERS: [string, (env: Record<string, string>) => Promise<WorkerProcess>][] = [
  ['node ace queue:work', (env) => startWorker(env)],
  ['npm start (its own worker)', (env) => startServer(env)],
]

test.group('IMAP IDLE — who watches, what the minute’s poll syncs', () => {
  test('workers watch unless MAIL_IDLE=off; tests, other commands and QUEUE_WORKER=off do not', ({
    assert,
  }) => {
    const web = { idle: true, environment: 'web', mode: 'run' }
    assert.isTrue(watchesMail(web))
    assert.isTrue(watchesMail({ ...web, queueWorker: 'on' }))
    assert.isFalse(watchesMail({ ...web, queueWorker: 'off' }))
    assert.isFalse(watchesMail({ ...web, idle: false }))
    assert.isFalse(watchesMail({ ...web, mode: 'test' }))
    const console = { idle: true, environment: 'console', mode: 'console' }
    assert.isTrue(watchesMail({ ...console, command: 'queue:work' }))
    assert.isFalse(watchesMail({ ...console, command: 'queue:work', idle: false }))
    assert.isFalse(watchesMail({ ...console, command: 'migration:run' }))
    assert.isFalse(watchesMail({ idle: true, environment: 'test', mode: 'test' }))
  })

  test('the minute’s poll skips a mailbox watched in real time, but not for 15 minutes', async ({
    assert,
  }) => {
    const now = Date.parse('2026-12-02T12:00:00Z')
    const ago = (minutes: number) => dbTimestamp(new Date(now - minutes * 60_000))
    const watched = { idle_state: 'idle', idle_at: ago(1), last_sync_at: ago(5), folders: null }
    assert.isFalse(pollDue(watched, now))
    assert.isTrue(pollDue({ ...watched, last_sync_at: ago(16) }, now), 'the safety net')
    assert.isTrue(pollDue({ ...watched, last_sync_at: null }, now))
    assert.isTrue(pollDue({ ...watched, idle_at: ago(4) }, now), 'no watcher confirmed it lately')
    assert.isTrue(pollDue({ ...watched, idle_state: 'polling' }, now), 'a server without IDLE')
    assert.isTrue(pollDue({ ...watched, idle_state: null }, now))
    assert.isTrue(pollDue({ ...watched, folders: '["INBOX","Enviados"]' }, now), 'folder 2 unheard')

    // The same rule picks the mailboxes mailSyncAll queues.
    const rollback = await testUtils.db().withGlobalTransaction()
    try {
      const org = await createOrganization(['crm', 'mail'])
      const account = { user: 'nadie', password: 'x' }
      const quiet = await imapMailbox(org.id, account)
      const polled = await imapMailbox(org.id, account, 'soporte')
      const fresh = { idle_state: 'idle', idle_at: dbTimestamp(), last_sync_at: dbTimestamp() }
      await db.from('mail_mailboxes').where('id', quiet).update(fresh)
      const due = await polledMailboxIds()
      assert.include(due, polled)
      assert.notInclude(due, quiet)
      assert.isTrue((await imapMailboxIds()).includes(quiet), 'still an IMAP mailbox')
    } finally {
      await rollback()
    }
  })
})

test.group('IMAP IDLE — a watcher in the worker process', (group) => {
  let organizationId = 0
  group.each.setup(async () => {
    await emptyQueueTables()
    return async () => {
      await stopWorkers()
      await emptyQueueTables()
      if (organizationId) await removeOrganization(organizationId)
      organizationId = 0
    }
  })

  for (const [name, start] of STARTERS) {
    test(`${name}: new mail is stored within seconds, no sync called`, async ({ assert }) => {
      const org = await createOrganization(['crm', 'mail'])
      organizationId = org.id
      const account = createImapUser('idle')
      const id = await imapMailbox(org.id, account)
      const worker = await start({ MAIL_IDLE: 'on' })
      await until(
        async () => (await mailboxRow(id)).idle_state === 'idle',
        20_000,
        'the watcher idles'
      )
      assert.equal(await storedCount(org.id), 0, 'nothing synced before new mail')
      // Buzones shows it: "En tiempo real (IDLE)".
      assert.isTrue((await mailboxList(org.id))[0].realtime)

      // The syncs are the watcher's wake-ups (the web process also registers the minute's
      // poll, mailSyncAll, whose syncs carry no `wake`).
      const wakeRuns = async () =>
        (await db.from('kernel_job_runs').where('name', 'mail.mail_sync')).filter(
          (r) => JSON.parse(r.payload).wake
        )
      const wokenUp = (count: number, what: string) =>
        until(
          async () => {
            const runs = await wakeRuns()
            return runs.length >= count && runs.every((r) => r.status === 'completed')
          },
          15_000,
          what
        )

      await appendMessages(account, 'INBOX', [eml({ messageId: 'live-1@cliente-a.es' })])
      const delivered = Date.now()
      await until(async () => (await storedCount(org.id)) === 1, 15_000, 'the new mail stored')
      assert.isBelow(Date.now() - delivered, 15_000)
      await wokenUp(1, 'a wake-up sync')
      // A burst delivered into the Maildir (as the mail server's local delivery does): one
      // wake-up after the quiet time, every message stored.
      for (const n of [2, 3, 4]) {
        deliverToMaildir(account, eml({ messageId: `live-${n}@cliente-a.es` }))
      }
      await until(async () => (await storedCount(org.id)) === 4, 15_000, 'the burst stored')
      await wokenUp(2, 'a second wake-up sync')
      const runs = await wakeRuns()
      assert.deepEqual([...new Set(runs.map((r) => r.status))], ['completed'])

      // A clean stop logs the watcher out and says nobody watches any more.
      const stopping = Date.now()
      await worker.stop()
      assert.isBelow(Date.now() - stopping, 14_000, 'the process stopped without a SIGKILL')
      assert.isNull((await mailboxRow(id)).idle_state)
      assert.isFalse((await mailboxList(org.id))[0].realtime, '"Sondeo cada minuto" again')
    })
      .skip(...imapSkip())
      .timeout(90_000)
  }

  test('MAIL_IDLE=off: the worker watches nothing, new mail waits for the poll', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    organizationId = org.id
    const account = createImapUser('idle-off')
    const id = await imapMailbox(org.id, account)
    await startWorker({ MAIL_IDLE: 'off' })
    // The same worker with MAIL_IDLE=on idles within a second or two (test above).
    await new Promise((resolve) => setTimeout(resolve, 4000))
    assert.isNull((await mailboxRow(id)).idle_state)
    await appendMessages(account, 'INBOX', [eml({ messageId: 'off-1@cliente-a.es' })])
    await new Promise((resolve) => setTimeout(resolve, 5000))
    assert.equal(await storedCount(org.id), 0)
    assert.lengthOf(await db.from('kernel_job_runs'), 0, 'no job was queued')
  })
    .skip(...imapSkip())
    .timeout(60_000)
})

test.group('IMAP IDLE — watcher and supervisor in this process', (group) => {
  let organizationId = 0
  const running: { stop(): Promise<void> }[] = []
  group.each.setup(() => async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()))
    if (organizationId) await removeOrganization(organizationId)
    organizationId = 0
  })

  test('a watcher that cannot log in retries; once it can, it idles and syncs what came meanwhile', async ({
    assert,
  }) => {
    const org = await OrganizationFactory.create()
    organizationId = org.id
    const account = createImapUser('idle-retry')
    const id = await imapMailbox(org.id, account)
    await db
      .from('mail_mailboxes')
      .where('id', id)
      .update({ imap_secret: sealSecret('not-the-password') })
    const wakes: number[] = []
    const watcher = new IdleWatcher(id, {
      onNewMail: async (mailboxId) => void wakes.push(mailboxId),
      debounceMs: 100,
      backoffMs: { first: 200, max: 500 },
    })
    running.push(watcher)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    assert.isNull((await mailboxRow(id)).idle_state, 'not connected with a wrong password')
    assert.deepEqual(wakes, [])

    await db
      .from('mail_mailboxes')
      .where('id', id)
      .update({ imap_secret: sealSecret(account.password) })
    await until(async () => (await mailboxRow(id)).idle_state === 'idle', 20_000, 'idling')
    // Mail may have come while it was not connected: one sync after (re)connecting.
    await until(async () => wakes.length === 1, 5000, 'the wake-up after connecting')
    await appendMessages(account, 'INBOX', [eml({ messageId: 'retry-1@cliente-a.es' })])
    await until(async () => wakes.length === 2, 10_000, 'the wake-up on new mail')
    // Delivered the way a mail server's local delivery does: a file into the Maildir.
    deliverToMaildir(account, eml({ messageId: 'retry-2@cliente-a.es' }))
    await until(async () => wakes.length === 3, 10_000, 'the wake-up on Maildir delivery')
    assert.deepEqual(wakes, [id, id, id])

    await watcher.stop()
    assert.isNull((await mailboxRow(id)).idle_state)
  })
    .skip(...imapSkip())
    .timeout(60_000)

  test('the SSRF guard: a watcher never connects to a private address unless allowed', async ({
    assert,
  }) => {
    const org = await OrganizationFactory.create()
    organizationId = org.id
    const id = await imapMailbox(org.id, createImapUser('idle-ssrf'))
    const allowed = process.env.MAIL_ALLOW_PRIVATE_HOSTS
    process.env.MAIL_ALLOW_PRIVATE_HOSTS = 'false'
    try {
      const watcher = new IdleWatcher(id, {
        onNewMail: async () => {},
        backoffMs: { first: 200, max: 500 },
      })
      running.push(watcher)
      await new Promise((resolve) => setTimeout(resolve, 1500))
      assert.isNull((await mailboxRow(id)).idle_state, 'refused: the test Dovecot is on 127.0.0.1')
    } finally {
      process.env.MAIL_ALLOW_PRIVATE_HOSTS = allowed
    }
    await until(async () => (await mailboxRow(id)).idle_state === 'idle', 20_000, 'allowed again')
  })
    .skip(...imapSkip())
    .timeout(60_000)

  test('the supervisor follows the mailbox list and restarts a watcher whose settings change', async ({
    assert,
  }) => {
    const org = await OrganizationFactory.create()
    organizationId = org.id
    const id = await imapMailbox(org.id, createImapUser('idle-list'))
    let ids = [id]
    const supervisor = new IdleSupervisor({
      mailboxIds: async () => ids,
      onNewMail: async () => {},
      refreshMs: 3_600_000,
    })
    running.push(supervisor)
    await supervisor.start()
    assert.deepEqual(supervisor.watching, [id])
    await until(async () => (await mailboxRow(id)).idle_state === 'idle', 20_000, 'idling')
    const first = supervisor.watcherOf(id)

    // A sync's bookkeeping changes nothing the connection depends on…
    await db.from('mail_mailboxes').where('id', id).update({ last_sync_at: '2026-12-02 10:00:00' })
    await supervisor.refresh()
    assert.strictEqual(supervisor.watcherOf(id), first)
    // …a new host, user, password or folder list starts the watcher again.
    await db.from('mail_mailboxes').where('id', id).update({ folders: '["INBOX"]' })
    await supervisor.refresh()
    assert.notStrictEqual(supervisor.watcherOf(id), first)
    await until(async () => (await mailboxRow(id)).idle_state === 'idle', 20_000, 'idling again')

    // Gone from the list (disabled, removed, module off): stopped, nobody watches.
    ids = []
    await supervisor.refresh()
    assert.deepEqual(supervisor.watching, [])
    assert.isNull((await mailboxRow(id)).idle_state)
  })
    .skip(...imapSkip())
    .timeout(60_000)
})
