import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import {
  automaticTasks,
  insertCompanyRow,
  insertContactRow,
  insertTaskRuleRow,
  runAutomaticTasks,
} from '#modules/crm/contracts/index'
import { eml, sharedMailbox } from '../mail_helpers.js'
import { capture } from '../triage_helpers.js'

/*
 * Captured mail and the CRM's automatic tasks: a customer's e-mail that nobody answers within
 * the rule's hours gives the contact's owner a "Responder" task (crm trigger message_received,
 * fed by the mail kinds' `message: 'in' | 'out'` declaration).
 */
const HOUR = 3_600_000

test.group('Mail: automatic tasks for unanswered mail', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an unanswered customer mail becomes a task for the owner; an answered one does not', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    const owner = await createUser(org, {}, { fullName: 'Rita Responde' } as any)
    const company = await insertCompanyRow(org.id, { name: 'Cliente A', ownerId: owner.id })
    await insertContactRow(org.id, {
      firstName: 'Ana',
      lastName: 'García',
      email: 'ana@cliente-a.es',
      companyId: company,
      ownerId: owner.id,
    })
    await insertContactRow(org.id, {
      firstName: 'Luis',
      lastName: 'Pérez',
      email: 'luis@cliente-a.es',
      ownerId: owner.id,
    })
    const now = Date.now()
    const date = new Date(now - 5 * HOUR).toUTCString().replace('GMT', '+0000')
    await insertTaskRuleRow(org.id, {
      name: 'Correo sin responder',
      trigger: 'message_received',
      hours: 4,
      createdAt: new Date(now - 48 * HOUR),
    })
    await sharedMailbox(org.id, 'ventas', 'ventas@cartera-demo.es')
    await capture(org.id, 'ventas', [
      eml({ from: 'Ana García <ana@cliente-a.es>', subject: '¿Tenéis stock?', date }),
      eml({
        from: 'Luis Pérez <luis@cliente-a.es>',
        subject: 'Factura',
        messageId: 'f1@c.es',
        date,
      }),
      // Luis got an answer from ventas@ since (found in the archive: outgoing, by its From).
      eml({
        from: 'Ventas <ventas@cartera-demo.es>',
        to: 'Luis Pérez <luis@cliente-a.es>',
        subject: 'Re: Factura',
        inReplyTo: 'f1@c.es',
        date: new Date(now - 2 * HOUR).toUTCString().replace('GMT', '+0000'),
      }),
    ])
    const directions = await db
      .from('mail_messages')
      .where('organization_id', org.id)
      .orderBy('id')
      .select('direction')
    assert.deepEqual(
      directions.map((d) => d.direction),
      ['in', 'in', 'out']
    )
    await runAutomaticTasks(new Date(now))
    assert.deepEqual(
      (await automaticTasks(org.id)).map((t) => [t.subjectType, t.assigneeId, t.title]),
      [['crm.contact', owner.id, 'Responder: ¿Tenéis stock?']]
    )
  })
})
