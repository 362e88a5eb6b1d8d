import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { OrganizationFactory } from '#database/factories/organization_factory'
import { registerJobs } from '#app/jobs/registry'
import { emptyQueueTables, startWorker, stopWorkers, until } from '#tests/helpers/workers'
import { appendMessages, createImapUser, imapSkip } from '#tests/helpers/dovecot'
import { mailSync } from '../../jobs/index.js'
import { mailboxLedgers } from '../../ledger.js'
import { eml, storedMessages } from '../mail_helpers.js'
import { imapMailbox } from '../imap_process_helpers.js'

/*
 * Two separate worker processes (`node ace queue:work`) syncing one mailbox at once, as two
 * Cartera instances would. No global transaction (the workers could not see its rows): the
 * organization and its mail are removed at the end.
 */

/** The organization's mail (messages and threads carry no foreign key) and the organization. */
async function removeOrganization(organizationId: number) {
  for (const table of ['mail_intake', 'mail_folders', 'mail_mailboxes']) {
    await db.from(table).where('organization_id', organizationId).delete()
  }
  const messages = db.from('mail_messages').where('organization_id', organizationId).select('id')
  await db.from('mail_message_links').whereIn('message_id', messages).delete()
  await db.from('mail_messages').where('organization_id', organizationId).delete()
  await db.from('mail_threads').where('organization_id', organizationId).delete()
  await db.from('organizations').where('id', organizationId).delete()
}

const queued = async () => Number((await db.from('queue_jobs').count('* as n').first()).n)

test.group('IMAP sync — two worker processes', (group) => {
  let organizationId = 0
  group.each.setup(async () => {
    await emptyQueueTables()
    return async () => {
      await stopWorkers()
      await emptyQueueTables()
      if (organizationId) await removeOrganization(organizationId)
    }
  })

  test('syncs of one mailbox on two workers store every message once', async ({ assert }) => {
    const org = await OrganizationFactory.create()
    organizationId = org.id
    const account = createImapUser('ventas')
    const total = 40
    await appendMessages(
      account,
      'INBOX',
      Array.from({ length: total }, (_, i) =>
        eml({ messageId: `w${i}@cliente-a.es`, subject: `Pedido ${i}` })
      )
    )
    const id = await imapMailbox(org.id, account)
    await registerJobs()
    await Promise.all([startWorker(), startWorker()])
    // Several syncs of the same mailbox at once: the lease lets one work, the others find it
    // busy; the later ones find nothing new.
    for (let i = 0; i < 6; i++) await mailSync.dispatch({ mailboxId: id })
    await until(async () => (await queued()) === 0, 90_000, 'the queue drained')

    const messages = await storedMessages(org.id)
    assert.lengthOf(messages, total)
    assert.equal(new Set(messages.map((m) => m.message_id)).size, total)
    const [ledger] = await mailboxLedgers(org.id, [id])
    assert.deepInclude(ledger, { onServer: total, stored: total, missing: 0, failed: 0 })
    const mailbox = await db.from('mail_mailboxes').where('id', id).firstOrFail()
    assert.isNull(mailbox.sync_holder, 'the lease was given back')
    assert.isNull(mailbox.last_error)
    const failed = await db
      .from('kernel_job_runs')
      .where('status', 'failed')
      .count('* as n')
      .first()
    assert.equal(Number(failed.n), 0, 'no sync failed')
  })
    .skip(...imapSkip())
    .timeout(120_000)
})
