import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { registerProbeHistoryNames } from '#app/history/kinds'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import { runTaskRules } from '../../activities/task_rules.js'
import { activitiesUser } from '../activities_helpers.js'
import { insertCompany, insertContact } from '../helpers.js'

/*
 * The `message_received` trigger: a message received on a record (any timeline kind declared
 * `message: 'in'`; probe kinds here, so the CRM needs no mail module) that nobody answered
 * within the rule's hours gives the record's owner one "Responder" task.
 */
const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (now: number, ms: number) => dbTimestamp(new Date(now + ms))

test.group('Activities: a task when a received message waits for an answer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(() =>
    registerProbeHistoryNames({
      kinds: [
        { kind: 'probe.msg_in', label: 'x', message: 'in' },
        { kind: 'probe.msg_out', label: 'x', message: 'out' },
      ],
    })
  )

  test('one task per record and wait, on the most specific record, never for answered or old mail', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const owner = await activitiesUser(org, 'own')
    const company = await insertCompany(org, { name: 'Cliente A', owner_id: owner.id })
    const contact = await insertContact(org, { company_id: company, owner_id: owner.id })
    const unowned = await insertContact(org, { company_id: company, owner_id: null })
    const other = await insertCompany(org, { name: 'Cliente B', owner_id: owner.id })
    const now = Date.now()
    await db.table('crm_task_rules').insert({
      organization_id: org.id,
      name: 'Responder correos',
      trigger: 'message_received',
      hours: 2,
      active: true,
      position: 0,
      created_at: at(now, -10 * DAY),
      updated_at: at(now, -10 * DAY),
    })
    const entry = (
      subjectType: string,
      subjectId: number,
      kind: 'probe.msg_in' | 'probe.msg_out',
      createdAt: string,
      key: string,
      summary = 'Consulta de precios'
    ) => ({
      organizationId: org.id,
      subjectType,
      subjectId,
      kind,
      actorId: null,
      createdAt,
      data: { summary, dedupeKey: key },
    })
    await db.transaction((trx) =>
      timeline.recordMany(
        [
          // m1 on the contact and its company: the contact's task.
          entry('crm.contact', contact, 'probe.msg_in', at(now, -5 * HOUR), 'm1'),
          entry('crm.company', company, 'probe.msg_in', at(now, -5 * HOUR), 'm1'),
          // m2 on another company, answered since.
          entry('crm.company', other, 'probe.msg_in', at(now, -3 * HOUR), 'm2', 'Otra'),
          entry('crm.company', other, 'probe.msg_out', at(now, -1 * HOUR), 'm3', 'Re: Otra'),
          // m4: a contact without owner; m5: older than the rule (an archive).
          entry('crm.contact', unowned, 'probe.msg_in', at(now, -5 * HOUR), 'm4'),
          entry('crm.contact', contact, 'probe.msg_in', at(now, -20 * DAY), 'm5', 'Vieja'),
          // m6: arrived an hour ago, still within the wait.
          entry('crm.contact', contact, 'probe.msg_in', at(now, -1 * HOUR), 'm6', 'Nueva'),
        ],
        trx
      )
    )
    const tasks = () =>
      db
        .from('crm_activities')
        .where('organization_id', org.id)
        .whereNotNull('rule_key')
        .orderBy('id')
        .select('subject_type', 'subject_id', 'assignee_id', 'title')

    await runTaskRules(new Date(now))
    assert.deepEqual(
      (await tasks()).map((t) => [t.subject_type, Number(t.subject_id), t.assignee_id, t.title]),
      [['crm.contact', contact, owner.id, 'Responder: Consulta de precios']]
    )
    // Again, and later (m6 has waited by then, but the task made after it arrived covers it).
    await runTaskRules(new Date(now))
    await runTaskRules(new Date(now + 2 * HOUR))
    assert.lengthOf(await tasks(), 1)
    // A message after the task starts a new wait; once it has waited, a second task.
    await db.transaction((trx) =>
      timeline.recordMany(
        [entry('crm.contact', contact, 'probe.msg_in', at(now, HOUR), 'm7', 'Otra pregunta')],
        trx
      )
    )
    await runTaskRules(new Date(now + 2 * HOUR))
    assert.lengthOf(await tasks(), 1)
    await runTaskRules(new Date(now + 4 * HOUR))
    assert.deepEqual(
      (await tasks()).map((t) => t.title),
      ['Responder: Consulta de precios', 'Responder: Otra pregunta']
    )
  })
})
