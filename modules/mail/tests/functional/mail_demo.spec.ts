import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { seedDemo } from '#app/kernel/demo'
import { forgetAll } from '#app/support/cache'
import { moduleRegistry } from '#app/registry/main'
import { mailboxLedgers } from '../../ledger.js'

/*
 * Issue 9: "the demo organization has a shared mailbox ventas and soporte with a few hundred
 * archived demo messages linked to demo records, so the timelines show real mail".
 */
test.group('Mail: demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('ventas and soporte hold a few hundred messages, linked, on the companies’ timelines', async ({
    assert,
  }) => {
    await forgetAll()
    assert.isTrue(await seedDemo(await moduleRegistry()))
    const org = await db.from('organizations').where('slug', 'demo').firstOrFail()

    const ledgers = await mailboxLedgers(org.id)
    assert.deepEqual(
      ledgers.map((l) => [l.name, l.kind]),
      [
        ['soporte', 'shared'],
        ['ventas', 'shared'],
      ]
    )
    for (const ledger of ledgers) assert.equal(ledger.missing, 0, `${ledger.name}: none missing`)
    const messages = await db
      .from('mail_messages')
      .where('organization_id', org.id)
      .select('id', 'spam', 'parse_status', 'direction')
    assert.isAtLeast(messages.length, 150)
    assert.isAtMost(messages.length, 500)
    assert.isAtLeast(messages.filter((m) => m.spam).length, 1, 'some spam')
    assert.isAtLeast(messages.filter((m) => m.parse_status === 'raw').length, 1, 'one unreadable')
    assert.isAtLeast(messages.filter((m) => m.direction === 'out').length, 20, 'our answers')
    const linked = await db
      .from('mail_message_links as l')
      .join('mail_messages as m', 'm.id', 'l.message_id')
      .where('m.organization_id', org.id)
      .countDistinct('l.message_id as n')
      .first()
    const good = messages.filter((m) => !m.spam && m.parse_status !== 'raw').length
    assert.isAbove(Number(linked.n), good * 0.8, 'most mail is linked to a record')
    const onCompanies = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.company' })
      .whereIn('kind', ['mail.received', 'mail.sent'])
      .countDistinct('subject_id as n')
      .first()
    assert.isAtLeast(Number(onCompanies.n), 10, 'mail on many companies’ timelines')
  }).timeout(120_000)
})
