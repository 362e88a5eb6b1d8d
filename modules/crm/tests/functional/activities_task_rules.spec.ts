import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { emptyQueueTables, startWorker, stopWorkers, until } from '#tests/helpers/workers'
import { dbTimestamp, toDate } from '#app/support/dates'
import { taskRules as TaskRulesJob } from '../../jobs/activities.js'
import { runTaskRules } from '../../activities/task_rules.js'
import { activitiesUser, typeIds } from '../activities_helpers.js'
import { insertOpportunity, stagesByName } from '../pipeline_helpers.js'
import { removeOrganizations } from '../cleanup.js'

/*
 * Automatic task rules, without a global transaction: concurrent runs (and separate worker
 * processes) must see each other's rows. Organizations are removed when the group ends.
 */

const DAY = 86_400_000
const HOUR = 3_600_000
const ago = (ms: number) => dbTimestamp(new Date(Date.now() - ms))

async function rule(organizationId: number, values: Record<string, unknown>) {
  const [id] = await db.table('crm_task_rules').insert({
    organization_id: organizationId,
    name: 'Regla',
    active: true,
    position: 0,
    created_at: ago(HOUR),
    updated_at: ago(HOUR),
    ...values,
  })
  return Number(id)
}

const made = (organizationId: number) =>
  db.from('crm_activities').where('organization_id', organizationId).whereNotNull('rule_key')

test.group('Activities: automatic task rules', (group) => {
  const orgs: number[] = []
  group.teardown(() => removeOrganizations(orgs))

  test('an opportunity entering a stage gets its follow-up once, whatever the runs', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const owner = await activitiesUser(org, 'own')
    const types = await typeIds(org)
    const stages = Object.values(await stagesByName(org))
    const [first, offer] = stages
    const ruleId = await rule(org.id, {
      trigger: 'opportunity_stage_entered',
      stage_id: offer.id,
      days: 3,
      type_id: types.call,
    })
    const opp = await insertOpportunity(org, { stage_id: offer.id, owner_id: owner.id })
    await insertOpportunity(org, { stage_id: first.id, owner_id: owner.id })
    // Entered before the rule existed: not chased.
    await insertOpportunity(org, {
      stage_id: offer.id,
      owner_id: owner.id,
      stage_entered_at: ago(2 * HOUR),
    })
    await Promise.all([runTaskRules(), runTaskRules(), runTaskRules()])
    await runTaskRules()
    const rows = await made(org.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].rule_key, `rule:${ruleId}:opp:${opp}:stage:${offer.id}`)
    assert.equal(rows[0].subject_type, 'crm.opportunity')
    assert.equal(rows[0].assignee_id, owner.id)
    assert.equal(rows[0].type_id, types.call)
    const days = (toDate(rows[0].due_at).getTime() - Date.now()) / DAY
    assert.isAbove(days, 2.9)
    const planned = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.opportunity', subject_id: opp, kind: 'crm.activity_planned' })
    assert.lengthOf(planned, 1)
  })

  test('an idle opportunity gets one task; an unassigned lead one task and one notice', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const owner = await activitiesUser(org, 'own')
    const leader = await activitiesUser(org, 'team')
    const team = await createTeam(org, leader, [owner])
    const [stage] = Object.values(await stagesByName(org))
    await rule(org.id, { trigger: 'opportunity_idle', days: 14 })
    await rule(org.id, { trigger: 'lead_unassigned', hours: 1 })
    const idle = await insertOpportunity(org, {
      stage_id: stage.id,
      owner_id: owner.id,
      created_at: ago(30 * DAY),
    })
    await insertOpportunity(org, { stage_id: stage.id, owner_id: owner.id })
    const now = dbTimestamp()
    const [lead] = await db.table('crm_leads').insert({
      organization_id: org.id,
      title: 'Web: pide catálogo',
      status: 'new',
      owner_id: null,
      team_id: team.id,
      created_at: ago(2 * HOUR),
      updated_at: now,
    })
    await Promise.all([runTaskRules(), runTaskRules()])
    await runTaskRules()
    const rows = await made(org.id).orderBy('id')
    assert.sameMembers(
      rows.map((r) => `${r.subject_type}:${r.subject_id}:${r.assignee_id}`),
      [`crm.opportunity:${idle}:${owner.id}`, `crm.lead:${Number(lead)}:${leader.id}`]
    )
    const notices = await db
      .from('notifications')
      .where({ user_id: leader.id, kind: 'crm.lead_unassigned' })
    assert.lengthOf(notices, 1)
  })
})

test.group('Activities: automatic task rules under two worker processes', (group) => {
  const orgs: number[] = []
  group.each.setup(async () => {
    await emptyQueueTables()
    return async () => {
      await stopWorkers()
      await emptyQueueTables()
    }
  })
  group.teardown(() => removeOrganizations(orgs))

  test('two workers running the rules job at once create each task once', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    orgs.push(org.id)
    const owner = await activitiesUser(org, 'own')
    const stages = Object.values(await stagesByName(org))
    await rule(org.id, { trigger: 'opportunity_stage_entered', stage_id: stages[1].id, days: 1 })
    for (let i = 0; i < 20; i++)
      await insertOpportunity(org, { stage_id: stages[1].id, owner_id: owner.id })
    await Promise.all([startWorker(), startWorker()])
    for (let i = 0; i < 6; i++) await TaskRulesJob.dispatch({})
    await until(
      async () => Number((await db.from('queue_jobs').count('* as n').first()).n) === 0,
      60_000,
      'the queue drained'
    )
    const rows = await made(org.id)
    assert.lengthOf(rows, 20)
    assert.equal(new Set(rows.map((r) => r.subject_id)).size, 20)
  }).timeout(120_000)
})
