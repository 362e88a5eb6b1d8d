import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { until } from '#tests/helpers/workers'
import { toDate } from '#app/support/dates'
import { insertCompanyRow, insertContactRow } from '#modules/crm/contracts/index'
import { appendMessages, createImapUser, imapSkip } from '#tests/helpers/dovecot'
import { mailboxLedgers } from '../../ledger.js'
import { syncMailbox } from '../../sync/sync_mailbox.js'
import { eml, storedMessages } from '../mail_helpers.js'
import { imapMailbox, removeOrganization } from '../imap_process_helpers.js'

/*
 * Issue 9, "crash-safe and idempotent": a real process syncing a mailbox of 300 messages is
 * killed with SIGKILL mid-sync (no shutdown hook, no rollback but the database's own), a second
 * one further on, then a new process syncs to the end. Separate processes on the test database: no global transaction,
 * the organization's rows are removed at the end.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const TOTAL = 300
/** The killed process's lease: short, so the restart does not wait the default 5 minutes. */
const LEASE_SECONDS = 20

/** `node ace mail:sync …` as a child process; resolves with its exit code and output. */
function mailSyncProcess(args: string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, ['ace', 'mail:sync', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  )
  return { child, exited, output: () => output }
}

const storedCount = async (organizationId: number) => (await storedMessages(organizationId)).length

test.group('IMAP sync — kill -9 mid-sync, then sync again', (group) => {
  let organizationId = 0
  let running: ReturnType<typeof mailSyncProcess> | null = null
  group.each.setup(() => async () => {
    running?.child.kill('SIGKILL')
    if (organizationId) await removeOrganization(organizationId)
  })

  test('nothing lost, nothing doubled; the dead process’s lease blocks only until it expires', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    organizationId = org.id
    const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
    await insertContactRow(org.id, {
      firstName: 'Ana',
      lastName: 'García',
      companyId: company,
      email: 'ana@cliente-a.es',
    })
    const account = createImapUser('crash')
    const uids = await appendMessages(
      account,
      'INBOX',
      Array.from({ length: TOTAL }, (_, i) =>
        eml({ messageId: `crash-${i}@cliente-a.es`, subject: `Pedido ${i}`, body: `Línea ${i}` })
      )
    )
    const id = await imapMailbox(org.id, account)

    // A sync in its own process, killed once part of the mailbox is stored; then, once the
    // dead process's lease has expired, another one killed further on; then a sync to the end.
    const slug = `--organization=${org.slug}`
    let before = 0
    for (const share of [1 / 5, 3 / 5]) {
      running = mailSyncProcess(['ventas', slug, '--batch-size=40'], {
        MAIL_SYNC_LEASE_SECONDS: String(LEASE_SECONDS),
      })
      await until(
        async () => {
          const exited = running!.child.exitCode !== null
          if (exited) throw new Error(`mail:sync ended before the kill:\n${running!.output()}`)
          return (await storedCount(org.id)) >= TOTAL * share
        },
        90_000,
        'part of the mailbox stored'
      )
      running.child.kill('SIGKILL')
      const { signal } = await running.exited
      running = null
      assert.equal(signal, 'SIGKILL')
      const partial = await storedCount(org.id)
      assert.isAbove(partial, before)
      assert.isBelow(partial, TOTAL, 'killed mid-sync')
      before = partial

      // The dead process's lease is still there: a sync now finds the mailbox busy…
      const held = await db.from('mail_mailboxes').where('id', id).firstOrFail()
      assert.isNotNull(held.sync_holder)
      assert.deepEqual(await syncMailbox(id), { busy: true })
      assert.equal(await storedCount(org.id), partial)
      // …until it expires.
      const expiry = toDate(held.sync_until).getTime()
      assert.isAtMost(expiry - Date.now(), LEASE_SECONDS * 1000, 'the short lease applied')
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now()) + 1500))
    }
    const restart = mailSyncProcess(['ventas', slug])
    const { code } = await restart.exited
    assert.equal(code, 0, restart.output())

    // Every message stored exactly once…
    const messages = await storedMessages(org.id)
    assert.lengthOf(messages, TOTAL)
    assert.equal(new Set(messages.map((m) => m.message_id)).size, TOTAL)
    // …one ledger row per server message, nothing missing or failed…
    const intake = await db.from('mail_intake').where('organization_id', org.id)
    assert.lengthOf(intake, TOTAL)
    const [ledger] = await mailboxLedgers(org.id, [id])
    assert.deepInclude(ledger, { onServer: TOTAL, stored: TOTAL, missing: 0, failed: 0 })
    // …one history entry per message and linked record (the contact and its company)…
    const entries = await db
      .from('timeline_events')
      .where({ organization_id: org.id, kind: 'mail.received' })
    const keys = entries.map(
      (e) => `${e.subject_type}:${e.subject_id}:${JSON.parse(e.data).messageId}`
    )
    assert.lengthOf(entries, 2 * TOTAL)
    assert.equal(new Set(keys).size, 2 * TOTAL, 'no duplicate timeline entries')
    // …the cursor at the last UID, the lease given back.
    const folder = await db.from('mail_folders').where('mailbox_id', id).firstOrFail()
    assert.equal(Number(folder.highest_uid), uids[uids.length - 1])
    const mailbox = await db.from('mail_mailboxes').where('id', id).firstOrFail()
    assert.isNull(mailbox.sync_holder)
    assert.isNull(mailbox.last_error)
  })
    .skip(...imapSkip())
    .timeout(360_000)
})
