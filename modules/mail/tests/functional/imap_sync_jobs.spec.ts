import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { drainQueue } from '#tests/helpers/queue'
import { registerJobs } from '#app/jobs/registry'
import { appendMessages, createImapUser, imapSkip, type ImapAccount } from '#tests/helpers/dovecot'
import { imapMailboxIds, mailSyncAll } from '../../jobs/index.js'
import { imapMailbox as imapTestMailbox } from '../imap_process_helpers.js'
import { eml, sharedMailbox, storedMessages } from '../mail_helpers.js'

const imapMailbox = (organizationId: number, name: string, account: ImapAccount) =>
  imapTestMailbox(organizationId, account, name)

test.group('IMAP sync — jobs and schedule', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the sync of every mailbox is scheduled every minute', async ({ assert }) => {
    const schedules = await registerJobs()
    const schedule = schedules.find((s) => s.jobName === 'mail.mail_sync_all')
    assert.deepInclude(schedule, { cron: '* * * * *', timezone: 'UTC' })
  })

  test('mailSyncAll syncs each enabled IMAP mailbox through one mailSync job each', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const ventas = createImapUser('ventas')
    const soporte = createImapUser('soporte')
    const apagado = createImapUser('apagado')
    await appendMessages(ventas, 'INBOX', [eml({ messageId: 'job-1@cliente-a.es' })])
    await appendMessages(soporte, 'INBOX', [
      eml({ messageId: 'job-2@cliente-a.es', subject: 'Incidencia' }),
    ])
    await appendMessages(apagado, 'INBOX', [eml({ messageId: 'job-3@cliente-a.es' })])
    const first = await imapMailbox(org.id, 'ventas', ventas)
    const second = await imapMailbox(org.id, 'soporte', soporte)
    const disabled = await imapMailbox(org.id, 'apagado', apagado)
    await db.from('mail_mailboxes').where('id', disabled).update({ enabled: false })
    // A mailbox without an IMAP server (archive-like) is not synced.
    const noServer = await sharedMailbox(org.id, 'histórico', 'historico@cartera-demo.es')
    // An organization without the mail module enabled is not synced.
    const withoutMail = await createOrganization(['crm'])
    const elsewhere = await imapMailbox(withoutMail.id, 'ventas', apagado)
    const listed = await imapMailboxIds()
    assert.includeMembers(listed, [first, second])
    assert.notInclude(listed, disabled)
    assert.notInclude(listed, noServer)
    assert.notInclude(listed, elsewhere)

    await registerJobs()
    await mailSyncAll.dispatch({})
    // One mailSyncAll, then one mailSync per mailbox.
    assert.isAtLeast(await drainQueue(['default'], 60_000), 3)
    const stored = await storedMessages(org.id)
    assert.sameMembers(
      stored.map((m) => m.message_id),
      ['job-1@cliente-a.es', 'job-2@cliente-a.es']
    )
    const synced = await db
      .from('mail_mailboxes')
      .where('organization_id', org.id)
      .whereNotNull('last_sync_at')
      .select('id')
    assert.sameMembers(
      synced.map((r) => Number(r.id)),
      [first, second]
    )
  }).skip(...imapSkip())
})
