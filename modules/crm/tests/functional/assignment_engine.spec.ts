import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { addAbsence, dayIn } from '#app/users/absences'
import { assignLeads } from '../../assignment/assign_leads.js'
import { latestAssignment } from '../../assignment/explain.js'
import {
  insertLead,
  insertLeads,
  insertRule,
  ownersOf,
  setFallback,
} from '../assignment_helpers.js'

/*
 * assignLeads against the database: the rule order, each strategy's stored state (round-robin
 * pointer, weighted counts), capacity from real open leads, absences, the fallback user and
 * queue, and what is stored and shown: the reason, the candidates, the timeline and audit.
 */

const run = (orgId: number, ids: number[]) => db.transaction((trx) => assignLeads(trx, orgId, ids))

test.group('Assignment: assignLeads', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('rule order and conditions; owned, converted and deleted leads are left alone', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const [ana, luis, eva] = [await createUser(org), await createUser(org), await createUser(org)]
    const team = await createTeam(org, null, [luis])
    await insertRule(org, {
      name: 'Ferias',
      position: 0,
      strategy: 'fixed',
      fixedUserId: ana.id,
      conditions: { sources: ['feria'] },
    })
    await insertRule(org, {
      name: 'Cataluña',
      position: 1,
      strategy: 'fixed',
      fixedUserId: luis.id,
      teamId: team.id,
      conditions: { provinces: ['Barcelona'], postcodes: [{ from: '08000', to: '08999' }] },
    })
    await insertRule(org, {
      name: 'Inactiva',
      position: 2,
      active: false,
      strategy: 'fixed',
      fixedUserId: ana.id,
    })
    const feria = await insertLead(org, { source: 'feria', province: 'Barcelona' })
    const bcn = await insertLead(org, { province: null, postal_code: '08015' })
    const owned = await insertLead(org, { owner_id: eva.id, province: 'Barcelona' })
    const converted = await insertLead(org, { status: 'converted', province: 'Barcelona' })
    const deleted = await insertLead(org, { deleted_at: '2026-01-01 00:00:00', source: 'feria' })
    const nobody = await insertLead(org, { province: 'Sevilla', postal_code: '41001' })
    await run(org.id, [feria, bcn, owned, converted, deleted, nobody])
    assert.deepEqual(await ownersOf([feria, bcn, owned, converted, deleted, nobody]), [
      ana.id,
      luis.id,
      eva.id,
      null,
      null,
      null,
    ])
    const lead = await db.from('crm_leads').where('id', bcn).first()
    assert.equal(lead.team_id, team.id)
    // Only the three open unowned leads were decided (the third waits in the queue).
    const stored = await db.from('crm_lead_assignments').where('organization_id', org.id)
    assert.sameMembers(
      stored.map((s) => Number(s.lead_id)),
      [feria, bcn, nobody]
    )
  })

  test('round robin continues from the pointer stored by the previous run', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const users = [await createUser(org), await createUser(org), await createUser(org)]
    const rule = await insertRule(org, {
      strategy: 'round_robin',
      members: users.map((u) => ({ userId: u.id })),
    })
    const first = await insertLeads(org, 2)
    await run(org.id, first)
    const second = await insertLeads(org, 2)
    await run(org.id, second)
    assert.deepEqual(await ownersOf([...first, ...second]), [
      users[0].id,
      users[1].id,
      users[2].id,
      users[0].id,
    ])
    assert.equal((await db.from('crm_assignment_rules').where('id', rule).first()).rr_pointer, 1)
  })

  test('least loaded counts open leads in the database; capacity skips the full', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const [ana, luis, eva] = [await createUser(org), await createUser(org), await createUser(org)]
    await insertLeads(org, 2, () => ({ owner_id: ana.id, status: 'working' }))
    await insertLeads(org, 1, () => ({ owner_id: luis.id }))
    // Closed and deleted leads are not load.
    await insertLeads(org, 3, () => ({ owner_id: eva.id, status: 'converted' }))
    await insertLead(org, { owner_id: eva.id, deleted_at: '2026-01-01 00:00:00' })
    await insertRule(org, {
      strategy: 'least_loaded',
      members: [
        { userId: ana.id, capacity: 2 },
        { userId: luis.id },
        { userId: eva.id, capacity: 1 },
      ],
    })
    const ids = await insertLeads(org, 3)
    await run(org.id, ids)
    assert.deepEqual(await ownersOf(ids), [eva.id, luis.id, luis.id])
    const latest = await latestAssignment(db, org.id, ids[2])
    assert.deepEqual(
      latest!.candidates.map((c) => [c.userId, c.skipped, c.chosen]),
      [
        [ana.id, 'at_capacity', false],
        [luis.id, null, true],
        [eva.id, 'at_capacity', false],
      ]
    )
    assert.deepEqual(latest!.reason, {
      key: 'crm.assignment.reasons.least_loaded',
      params: { rule: 'Regla least_loaded', open: 2 },
    })
  })

  test('weighted shares are kept across runs', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const [ana, luis] = [await createUser(org), await createUser(org)]
    await insertRule(org, {
      strategy: 'weighted',
      members: [
        { userId: ana.id, weight: 2 },
        { userId: luis.id, weight: 1 },
      ],
    })
    const ids: number[] = []
    for (let i = 0; i < 3; i++) {
      const batch = await insertLeads(org, 2)
      await run(org.id, batch)
      ids.push(...batch)
    }
    const got = await ownersOf(ids)
    assert.equal(got.filter((u) => u === ana.id).length, 4)
    assert.equal(got.filter((u) => u === luis.id).length, 2)
  })

  test('territory: by province or postcode range', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const [ana, luis] = [await createUser(org), await createUser(org)]
    await insertRule(org, {
      strategy: 'territory',
      members: [
        { userId: ana.id, territory: { provinces: ['Madrid'], postcodes: [] } },
        {
          userId: luis.id,
          territory: { provinces: [], postcodes: [{ from: '08000', to: '08999' }] },
        },
      ],
    })
    const ids = [
      await insertLead(org, { province: 'Madrid' }),
      await insertLead(org, { province: 'Barcelona', postal_code: '08030' }),
    ]
    await run(org.id, ids)
    assert.deepEqual(await ownersOf(ids), [ana.id, luis.id])
  })

  test('away users are skipped; fallback user, then the queue when the fallback is away', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const [ana, luis, boss] = [await createUser(org), await createUser(org), await createUser(org)]
    const today = dayIn(new Date(), org.timezone)
    await addAbsence({
      organizationId: org.id,
      userId: ana.id,
      actorId: null,
      startsOn: today,
      endsOn: today,
    })
    await insertRule(org, {
      name: 'Web',
      strategy: 'round_robin',
      conditions: { sources: ['web'] },
      members: [{ userId: ana.id }, { userId: luis.id, capacity: 0 }],
    })
    await setFallback(org, boss.id)
    const toBoss = await insertLead(org)
    await run(org.id, [toBoss])
    assert.deepEqual(await ownersOf([toBoss]), [boss.id])
    const shown = await latestAssignment(db, org.id, toBoss)
    assert.isTrue(shown!.fallback)
    assert.equal(shown!.ruleName, 'Web')
    assert.equal(shown!.assignedTo!.id, boss.id)
    assert.deepEqual(
      shown!.candidates.map((c) => c.skipped),
      ['away', 'at_capacity']
    )
    assert.equal(shown!.reason.key, 'crm.assignment.reasons.no_eligible_user')

    await addAbsence({
      organizationId: org.id,
      userId: boss.id,
      actorId: null,
      startsOn: today,
      endsOn: today,
    })
    const queued = await insertLead(org, { source: 'otros' })
    await run(org.id, [queued])
    assert.deepEqual(await ownersOf([queued]), [null])
    const q = await latestAssignment(db, org.id, queued)
    assert.deepEqual(
      [q!.fallback, q!.assignedTo, q!.reason.key],
      [true, null, 'crm.assignment.reasons.no_rule_queue']
    )
  })

  test('history: an owner change in the audit log and an entry on the lead timeline', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await createUser(org, {}, { fullName: 'Ana Ruiz' })
    await insertRule(org, { name: 'Todo', strategy: 'fixed', fixedUserId: ana.id })
    const [lead, queued] = [await insertLead(org), await insertLead(org)]
    await run(org.id, [lead])
    await db.from('crm_assignment_rules').where('organization_id', org.id).delete()
    await run(org.id, [queued])
    const entries = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.lead' })
      .orderBy('id')
    assert.deepEqual(
      entries.map((e) => [Number(e.subject_id), e.kind, JSON.parse(e.data).rule]),
      [
        [lead, 'crm.lead_assigned', 'Todo'],
        [queued, 'crm.lead_queued', null],
      ]
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.lead', subject_id: lead, field: 'owner' })
      .first()
    assert.deepEqual([audit.old_value, audit.new_value], [null, 'Ana Ruiz'])
  })

  test('another organization: its leads and rules are never touched', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const ana = await createUser(org)
    await insertRule(org, { strategy: 'fixed', fixedUserId: ana.id })
    const foreign = await insertLead(other)
    await run(org.id, [foreign])
    assert.deepEqual(await ownersOf([foreign]), [null])
    assert.equal((await db.from('crm_lead_assignments').where('lead_id', foreign)).length, 0)
  })
})
