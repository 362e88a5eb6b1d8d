import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { countRows, insertLead, insertRule, ownersOf, setFallback } from '../assignment_helpers.js'
import { runAssignment } from '../../assignment/assign_leads.js'

/*
 * CRM › Reglas de asignación over HTTP: who may manage them, save with members (validation,
 * another organization's users refused), reorder, fallback, and the dry run — which writes
 * nothing.
 */

const manager = (org: any, attributes = {}) =>
  createUser(org, { permissions: ['crm.assignment.manage'] }, attributes)

const write = (request: any, user: any, body: Record<string, unknown> = {}) =>
  request.loginAs(user).json(body).withCsrfToken().redirects(0)

const rulePayload = (members: number[], extra: Record<string, unknown> = {}) => ({
  name: 'Web Norte',
  active: true,
  strategy: 'round_robin',
  conditions: { sources: ['web'], postcodes: [{ from: '08000', to: '08999' }] },
  members: members.map((userId) => ({ userId, weight: 1, capacity: 10 })),
  ...extra,
})

test.group('Assignment rules: administration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only crm.assignment.manage may open and change the rules', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const rep = await createUser(org, { permissions: ['crm.companies.view'] })
    ;(await client.get('/crm/assignment/rules').loginAs(rep)).assertStatus(403)
    ;(await write(client.post('/crm/assignment/rules'), rep, rulePayload([rep.id]))).assertStatus(
      403
    )
    ;(await client.get('/crm/assignment/dry-run').loginAs(rep)).assertStatus(403)
    const boss = await manager(org)
    ;(await client.get('/crm/assignment/rules').loginAs(boss)).assertStatus(200)
  })

  test('create and update a rule with its members; members keep their weighted count', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await manager(org)
    const [ana, luis] = [await createUser(org), await createUser(org)]
    const created = await write(
      client.post('/crm/assignment/rules'),
      boss,
      rulePayload([ana.id, luis.id])
    )
    created.assertStatus(302)
    const rule = await db
      .from('crm_assignment_rules')
      .where('organization_id', org.id)
      .firstOrFail()
    assert.deepEqual(JSON.parse(rule.conditions).postcodes, [{ from: '08000', to: '08999' }])
    await db
      .from('crm_assignment_rule_members')
      .where({ rule_id: rule.id, user_id: ana.id })
      .update({ assigned_count: 7 })
    const updated = await write(
      client.put(`/crm/assignment/rules/${rule.id}`),
      boss,
      rulePayload([ana.id], { name: 'Web', strategy: 'weighted' })
    )
    updated.assertStatus(302)
    const members = await db.from('crm_assignment_rule_members').where('rule_id', rule.id)
    assert.deepEqual(
      members.map((m) => [m.user_id, m.assigned_count]),
      [[ana.id, 7]]
    )
    const edit = await client.get(`/crm/assignment/rules/${rule.id}/edit`).loginAs(boss)
    edit.assertStatus(200)
  })

  test('validation: fixed needs its user, others need members, postcodes of 5 digits', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await manager(org)
    const json = (body: Record<string, unknown>) =>
      write(client.post('/crm/assignment/rules'), boss, body).header('accept', 'application/json')
    const bad = await json(
      rulePayload([boss.id], { conditions: { postcodes: [{ from: '8', to: 'x' }] } })
    )
    bad.assertStatus(422)
    const noMembers = await write(client.post('/crm/assignment/rules'), boss, rulePayload([]))
    noMembers.assertStatus(302)
    const noFixed = await write(
      client.post('/crm/assignment/rules'),
      boss,
      rulePayload([], { strategy: 'fixed' })
    )
    noFixed.assertStatus(302)
    assert.equal(await countRows('crm_assignment_rules', org.id), 0)
    // Another organization's user: 404, nothing saved.
    const stranger = await createUser(await createOrganization(['crm']))
    ;(
      await write(client.post('/crm/assignment/rules'), boss, rulePayload([stranger.id]))
    ).assertStatus(404)
    assert.equal(await countRows('crm_assignment_rules', org.id), 0)
  })

  test('reorder, fallback and delete; another organization’s rule is 404', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await manager(org)
    const first = await insertRule(org, {
      name: 'A',
      position: 0,
      strategy: 'fixed',
      fixedUserId: boss.id,
    })
    const second = await insertRule(org, {
      name: 'B',
      position: 1,
      strategy: 'fixed',
      fixedUserId: boss.id,
    })
    ;(
      await write(client.post(`/crm/assignment/rules/${second}/move`), boss, { direction: 'up' })
    ).assertStatus(302)
    const order = await db
      .from('crm_assignment_rules')
      .where('organization_id', org.id)
      .orderBy('position')
    assert.deepEqual(
      order.map((r) => r.id),
      [second, first]
    )
    ;(
      await write(client.put('/crm/assignment/fallback'), boss, { fallbackUserId: boss.id })
    ).assertStatus(302)
    ;(
      await write(client.put('/crm/assignment/fallback'), boss, { fallbackUserId: null })
    ).assertStatus(302)
    const settings = await db.from('crm_assignment_settings').where('organization_id', org.id)
    assert.deepEqual(
      settings.map((s) => s.fallback_user_id),
      [null]
    )
    const other = await createOrganization(['crm'])
    const foreign = await insertRule(other, { strategy: 'fixed', fixedUserId: boss.id })
    ;(await write(client.delete(`/crm/assignment/rules/${foreign}`), boss)).assertStatus(404)
    ;(await client.get(`/crm/assignment/rules/${foreign}/edit`).loginAs(boss)).assertStatus(404)
    ;(await write(client.delete(`/crm/assignment/rules/${first}`), boss)).assertStatus(302)
    assert.equal(await countRows('crm_assignment_rules', org.id), 1)
  })

  test('dry run: who would get what, per rep and per lead, writing nothing', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await manager(org, { fullName: 'Berta Jefa' })
    const [ana, luis] = [
      await createUser(org, {}, { fullName: 'Ana' }),
      await createUser(org, {}, { fullName: 'Luis' }),
    ]
    await insertRule(org, {
      name: 'Web',
      strategy: 'round_robin',
      conditions: { sources: ['web'] },
      members: [{ userId: ana.id }, { userId: luis.id }],
    })
    await setFallback(org, boss.id)
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 19).replace('T', ' ')
    const leads = [
      await insertLead(org),
      await insertLead(org, { owner_id: luis.id }),
      await insertLead(org),
      await insertLead(org, { source: 'feria' }),
      await insertLead(org, { created_at: old }),
    ]
    const tables = ['crm_lead_assignments', 'timeline_events', 'audit_logs', 'crm_assignment_rules']
    const before = await Promise.all(tables.map((table) => countRows(table, org.id)))
    const pointer = async () =>
      (await db.from('crm_assignment_rules').where('organization_id', org.id).first()).rr_pointer

    const response = await client
      .get('/crm/assignment/dry-run?days=30')
      .loginAs(boss)
      .header('accept', 'application/json')
    response.assertStatus(200)
    const result = response.body()
    assert.equal(result.total, 4)
    assert.deepEqual(
      result.leads.map((l: any) => [l.id, l.wouldGet, l.fallback]),
      [
        [leads[0], 'Ana', false],
        [leads[1], 'Luis', false],
        [leads[2], 'Ana', false],
        [leads[3], 'Berta Jefa', true],
      ]
    )
    assert.deepEqual(
      result.perRep.map((r: any) => [r.name, r.count]),
      [
        ['Ana', 2],
        ['Luis', 1],
        ['Berta Jefa', 1],
      ]
    )
    assert.deepEqual(await Promise.all(tables.map((table) => countRows(table, org.id))), before)
    assert.deepEqual(await ownersOf(leads), [null, luis.id, null, null, null])
    assert.equal(await pointer(), 0)
    ;(await client.get('/crm/assignment/dry-run').loginAs(boss)).assertStatus(200)
  })

  test('reassign: the rules run again on an owned lead, its owner’s load aside', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const [ana, luis] = [await createUser(org), await createUser(org)]
    await insertRule(org, {
      strategy: 'least_loaded',
      members: [{ userId: ana.id }, { userId: luis.id, capacity: 1 }],
    })
    await insertLead(org, { owner_id: ana.id })
    const lead = await insertLead(org, { owner_id: luis.id })
    await db.transaction((trx) =>
      runAssignment(trx, org.id, [lead], { actorId: ana.id, includeOwned: true })
    )
    // Luis's own lead does not count against his capacity of 1: he is the least loaded.
    assert.deepEqual(await ownersOf([lead]), [luis.id])
    const stored = await db.from('crm_lead_assignments').where('lead_id', lead).firstOrFail()
    assert.equal(stored.created_by, ana.id)
  })
})
