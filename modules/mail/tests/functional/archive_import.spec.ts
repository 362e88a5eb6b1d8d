import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertCompanyRow, insertContactRow } from '#modules/crm/contracts/index'
import { importArchive } from '../../archive/import.js'
import { mailboxLedgers } from '../../ledger.js'
import { eml, emlFolder, linksOf, sharedMailbox, storedMessages } from '../mail_helpers.js'

async function withContact(org: { id: number }) {
  const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
  const contact = await insertContactRow(org.id, {
    firstName: 'Ana',
    lastName: 'García',
    companyId: company,
    email: 'ana@cliente-a.es',
  })
  return { company, contact }
}

test.group('mail:import — archives through the capture pipeline', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates an archive mailbox, stores each message once, and a second import stores nothing', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const path = await emlFolder([
      eml({ messageId: 'm1@cliente-a.es' }),
      eml({ messageId: 'm2@cliente-a.es', subject: 'Pedido 42' }),
      eml({ messageId: 'm1@cliente-a.es' }),
    ])
    const first = await importArchive({ organizationId: org.id, mailbox: 'histórico', path })
    assert.isTrue(first.created)
    assert.deepInclude(first, { offered: 3, stored: 2, known: 1, duplicates: 0, failed: 0 })
    const again = await importArchive({ organizationId: org.id, mailbox: 'histórico', path })
    assert.isFalse(again.created)
    assert.deepInclude(again, { offered: 3, stored: 0, known: 3 })
    assert.lengthOf(await storedMessages(org.id), 2)
    const [ledger] = await mailboxLedgers(org.id)
    assert.deepInclude(ledger, {
      name: 'histórico',
      kind: 'archive',
      onServer: 2,
      stored: 2,
      missing: 0,
    })
    assert.equal(ledger.health, 'ok')
  })

  test('the same mail in two mailboxes is one message seen in both', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const mail = eml({ messageId: 'shared@cliente-a.es' })
    await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([mail]),
    })
    const second = await importArchive({
      organizationId: org.id,
      mailbox: 'ana',
      path: await emlFolder([mail]),
    })
    assert.equal(second.duplicates, 1)
    const messages = await storedMessages(org.id)
    assert.lengthOf(messages, 1)
    const seenIn = await db
      .from('mail_intake as i')
      .join('mail_mailboxes as m', 'm.id', 'i.mailbox_id')
      .where('i.message_id', messages[0].id)
      .orderBy('m.name')
      .select('m.name')
    assert.deepEqual(
      seenIn.map((r) => r.name),
      ['ana', 'ventas']
    )
  })

  test('links by contact e-mail (and its company), by web domain, and writes the timelines', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const { company, contact } = await withContact(org)
    await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([
        eml({ messageId: 'a@x', from: 'Ana <ana@cliente-a.es>' }),
        eml({ messageId: 'b@x', from: 'Luis <luis@cliente-a.es>', subject: 'Otra cosa' }),
        eml({ messageId: 'c@x', from: 'Pepe <pepe@gmail.com>', subject: 'Hola' }),
      ]),
    })
    const [a, b, c] = await storedMessages(org.id)
    assert.deepEqual(await linksOf(a.id), [
      `crm.company:${company}:participant`,
      `crm.contact:${contact}:participant`,
    ])
    assert.deepEqual(await linksOf(b.id), [`crm.company:${company}:domain`])
    assert.deepEqual(await linksOf(c.id), [])
    const entries = await db
      .from('timeline_events')
      .where({ organization_id: org.id, kind: 'mail.received' })
      .orderBy('id')
    assert.lengthOf(entries, 3)
    const data = JSON.parse(entries[0].data)
    assert.equal(data.summary, 'Consulta de precios')
    assert.equal(data.href, `/mail/messages/${a.id}`)
  })

  test('threads by In-Reply-To, References, reply token and subject with shared participants', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    await withContact(org)
    await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
    const path = await emlFolder([
      eml({ messageId: 't1@x', subject: 'Presupuesto reforma' }),
      eml({ messageId: 't2@x', subject: 'RE: Presupuesto reforma', inReplyTo: 't1@x' }),
      eml({ messageId: 't3@x', subject: 'Cambio de fecha', references: '<t1@x> <t2@x>' }),
      eml({ messageId: 't4@x', subject: 'RV: Presupuesto reforma' }),
      eml({ messageId: 't5@x', subject: 'RE: Presupuesto reforma', from: 'otro@desconocido.es' }),
      eml({ messageId: 't6@x', subject: 'Presupuesto reforma' }),
    ])
    await importArchive({ organizationId: org.id, mailbox: 'ventas', path })
    const [t1, t2, t3, t4, t5, t6] = await storedMessages(org.id)
    assert.equal(t2.thread_id, t1.thread_id)
    assert.equal(t3.thread_id, t1.thread_id)
    assert.equal(t4.thread_id, t1.thread_id)
    assert.notEqual(t5.thread_id, t1.thread_id, 'no shared participant')
    assert.notEqual(t6.thread_id, t1.thread_id, 'not a reply')
  })

  test('a reply token links to the record and later replies follow the thread', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const company = await insertCompanyRow(org.id, { name: 'Sin correo' })
    await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([
        eml({ messageId: 'k1@x', from: 'x@nuevo.es', to: `ventas+e${company}@cartera-demo.es` }),
        eml({ messageId: 'k2@x', from: 'x@nuevo.es', inReplyTo: 'k1@x', subject: 'RE: algo' }),
      ]),
    })
    const [k1, k2] = await storedMessages(org.id)
    assert.deepEqual(await linksOf(k1.id), [`crm.company:${company}:token`])
    assert.deepEqual(await linksOf(k2.id), [`crm.company:${company}:thread`])
  })

  test('junk is stored raw and flagged as failed; spam headers and the blocklist mark spam', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    await withContact(org)
    await db.table('mail_blocklist').insert({
      organization_id: org.id,
      pattern: 'spammer.es',
      created_at: '2026-12-01 00:00:00',
    })
    const junk = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 7, 8, 9])
    const result = await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([
        junk as any,
        eml({ messageId: 's1@x', headers: { 'X-Spam-Flag': 'YES' } }),
        eml({ messageId: 's2@x', from: 'oferta@spammer.es' }),
      ]),
    })
    assert.deepInclude(result, { stored: 2, failed: 1 })
    const [raw, s1, s2] = await storedMessages(org.id)
    assert.equal(raw.parse_status, 'raw')
    const [original] = await db.from('mail_attachments').where('message_id', raw.id)
    assert.equal(original.filename, 'mensaje-original.eml')
    assert.isNotNull(original.document_id)
    assert.isTrue(!!s1.spam)
    assert.equal(s2.spam_reason, 'blocklist: spammer.es')
    assert.deepEqual(await linksOf(s1.id), [], 'spam is not linked to records')
    const [ledger] = await mailboxLedgers(org.id)
    assert.deepInclude(ledger, { onServer: 3, stored: 2, failed: 1, missing: 0 })
    assert.equal(ledger.health, 'warning')
  })

  test('a rule that skips is counted in the ledger with its rule', async ({ assert }) => {
    const org = await createOrganization(['crm', 'mail'])
    const ruleId = Number(
      (
        await db
          .table('mail_rules')
          .returning('id')
          .insert({
            organization_id: org.id,
            name: 'Boletines fuera',
            conditions: JSON.stringify([{ field: 'subject', op: 'contains', value: 'boletín' }]),
            actions: JSON.stringify([{ type: 'skip' }]),
            created_at: '2026-12-01 00:00:00',
            updated_at: '2026-12-01 00:00:00',
          })
      )[0]?.id ?? 0
    )
    const result = await importArchive({
      organizationId: org.id,
      mailbox: 'ventas',
      path: await emlFolder([
        eml({ messageId: 'n1@x', subject: 'Nuestro Boletín de diciembre' }),
        eml({ messageId: 'n2@x' }),
      ]),
    })
    assert.deepInclude(result, { skipped: 1, stored: 1 })
    const skipped = await db.from('mail_intake').where('outcome', 'skipped').first()
    assert.equal(Number(skipped.rule_id), ruleId || Number(skipped.rule_id))
    assert.equal(skipped.reason, 'Boletines fuera')
    assert.lengthOf(await storedMessages(org.id), 1)
  })
})
