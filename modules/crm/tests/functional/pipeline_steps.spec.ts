import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { cachedCount } from '#app/support/cache'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

const stepsOf = (stageId: number) =>
  db.from('crm_pipeline_steps').where('stage_id', stageId).orderBy('position').select('id', 'name')

test.group('Pipeline · sales process steps', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('CRM › Equipos adds, renames, reorders and deletes the steps of a stage', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const rep = await pipelineUser(org, 'own')
    const stage = (await stagesByName(org))['En análisis'].id
    const send = (method: 'post' | 'put' | 'delete', url: string, body: object = {}, as = admin) =>
      client[method](url).json(body).withCsrfToken().loginAs(as).redirects(0)
    const base = '/crm/opportunities/teams/steps'
    ;(await send('post', base, { stageId: stage, name: 'Llamada de descubrimiento' })).assertStatus(
      302
    )
    await send('post', base, { stageId: stage, name: 'Visita' })
    // A rep without `configure` may not change the process.
    ;(await send('post', base, { stageId: stage, name: 'Intruso' }, rep)).assertStatus(403)
    let steps = await stepsOf(stage)
    assert.deepEqual(
      steps.map((s) => s.name),
      ['Llamada de descubrimiento', 'Visita']
    )
    await send('put', `${base}/${steps[0].id}`, { name: 'Llamada inicial' })
    await send('post', `${base}/${steps[1].id}/move`, { direction: 'up' })
    steps = await stepsOf(stage)
    assert.deepEqual(
      steps.map((s) => s.name),
      ['Visita', 'Llamada inicial']
    )
    const page = await client.get('/crm/opportunities/teams').loginAs(admin).withInertia()
    assert.deepEqual(
      (page.inertiaProps as any).steps.map((s: { name: string }) => s.name),
      ['Visita', 'Llamada inicial']
    )
    // Deleting a ticked step removes its ticks too.
    const id = await insertOpportunity(org, { stage_id: stage, owner_id: admin.id })
    await db.table('crm_opportunity_steps').insert({
      opportunity_id: id,
      step_id: steps[0].id,
      organization_id: org.id,
      done_by: admin.id,
      done_at: new Date(),
    })
    ;(await send('delete', `${base}/${steps[0].id}`)).assertStatus(302)
    assert.deepEqual(
      (await stepsOf(stage)).map((s) => s.name),
      ['Llamada inicial']
    )
    assert.lengthOf(await db.from('crm_opportunity_steps').where('opportunity_id', id), 0)
  })

  test('ticking and unticking a step stores who and writes the timeline; the page and the board show it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own', { fullName: 'Rosa Rep' })
    const s = await stagesByName(org)
    const first = s['En análisis'].id
    const second = s['Oferta presentada'].id
    const [a, b, c] = await Promise.all(
      [
        [first, 'Detectar necesidad', 0],
        [second, 'Enviar oferta', 0],
        [second, 'Confirmar recepción', 1],
      ].map(([stageId, name, position]) =>
        db
          .table('crm_pipeline_steps')
          .insert({
            organization_id: org.id,
            stage_id: stageId,
            name,
            position,
            created_at: new Date(),
          })
          .then(() => db.from('crm_pipeline_steps').where({ stage_id: stageId, name }).first())
      )
    )
    const id = await insertOpportunity(org, { stage_id: second, owner_id: rep.id })
    const tick = (stepId: number, done: boolean) =>
      client
        .patch(`/crm/opportunities/${id}/steps/${stepId}`)
        .json({ done })
        .withCsrfToken()
        .loginAs(rep)
    ;(await tick(b.id, true)).assertStatus(200)
    ;(await tick(a.id, true)).assertStatus(200)
    const row = await db
      .from('crm_opportunity_steps')
      .where({ opportunity_id: id, step_id: b.id })
      .first()
    assert.equal(Number(row.done_by), rep.id)
    const page = await client.get(`/crm/opportunities/${id}`).loginAs(rep).withInertia()
    const process = (page.inertiaProps as any).process
    assert.deepEqual(
      process.steps.map((p: any) => [p.name, p.done, p.doneByName]),
      [
        ['Enviar oferta', true, 'Rosa Rep'],
        ['Confirmar recepción', false, null],
      ]
    )
    assert.deepEqual(process.earlier, [{ stageId: first, name: 'En análisis', done: 1, total: 1 }])
    const board = await client.get('/crm/opportunities/board').loginAs(rep).withInertia()
    const column = (board.inertiaProps as any).columns.find((col: any) => col.stageId === second)
    assert.deepEqual(column.cards[0].steps, { done: 1, total: 2 })
    ;(await tick(b.id, false)).assertStatus(200)
    // Unticking an unticked step changes nothing (no second entry).
    ;(await tick(c.id, false)).assertStatus(200)
    assert.lengthOf(
      await db.from('crm_opportunity_steps').where({ opportunity_id: id, step_id: b.id }),
      0
    )
    const entries = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.opportunity', subject_id: id })
      .whereIn('kind', ['crm.opportunity_step_done', 'crm.opportunity_step_undone'])
      .orderBy('id')
      .select('kind', 'actor_id')
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['crm.opportunity_step_done', 'crm.opportunity_step_done', 'crm.opportunity_step_undone']
    )
    assert.equal(Number(entries[0].actor_id), rep.id)
  })

  test('a tick the step already has (the key decides) changes nothing; a tick touches the opportunity', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const stageId = (await stagesByName(org))['En análisis'].id
    await db.table('crm_pipeline_steps').insert({
      organization_id: org.id,
      stage_id: stageId,
      name: 'Detectar necesidad',
      position: 0,
      created_at: new Date(),
    })
    const step = await db.from('crm_pipeline_steps').where({ stage_id: stageId }).first()
    const id = await insertOpportunity(org, { stage_id: stageId, owner_id: rep.id })
    await db.from('crm_opportunities').where('id', id).update({ updated_at: '2020-01-01 00:00:00' })
    const probe = (n: number) =>
      cachedCount(org.id, 'crm.opportunities', 'tick probe', async () => n)
    assert.equal(await probe(1), 1)
    const tick = () =>
      client
        .patch(`/crm/opportunities/${id}/steps/${step.id}`)
        .json({ done: true })
        .withCsrfToken()
        .loginAs(rep)
    ;(await tick()).assertStatus(200)
    const touched = await db.from('crm_opportunities').where('id', id).first()
    assert.notEqual(new Date(touched.updated_at).getUTCFullYear(), 2020, 'updated_at touched')
    assert.equal(await probe(2), 2, 'the cached lists were told')
    // The second tick hits the unique key (as a simultaneous one would): no error, no entry.
    ;(await tick()).assertStatus(200)
    assert.lengthOf(
      await db.from('crm_opportunity_steps').where({ opportunity_id: id, step_id: step.id }),
      1
    )
    assert.lengthOf(
      await db
        .from('timeline_events')
        .where({ subject_type: 'crm.opportunity', subject_id: id })
        .where('kind', 'crm.opportunity_step_done'),
      1
    )
  })

  test("a rep cannot tick another rep's opportunity (404) nor a step of another pipeline", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const colleague = await pipelineUser(org, 'own')
    const stage = (await stagesByName(org))['En análisis'].id
    const foreignStage = (await stagesByName(other))['En análisis'].id
    const insertStep = async (organizationId: number, stageId: number) => {
      await db.table('crm_pipeline_steps').insert({
        organization_id: organizationId,
        stage_id: stageId,
        name: 'Paso',
        position: 0,
        created_at: new Date(),
      })
      return (await db.from('crm_pipeline_steps').where('stage_id', stageId).first()).id
    }
    const step = await insertStep(org.id, stage)
    const foreignStep = await insertStep(other.id, foreignStage)
    const theirs = await insertOpportunity(org, { stage_id: stage, owner_id: colleague.id })
    const mine = await insertOpportunity(org, { stage_id: stage, owner_id: rep.id })
    const tick = (id: number, stepId: number) =>
      client
        .patch(`/crm/opportunities/${id}/steps/${stepId}`)
        .json({ done: true })
        .withCsrfToken()
        .loginAs(rep)
    ;(await tick(theirs, step)).assertStatus(404)
    ;(await tick(mine, foreignStep)).assertStatus(404)
    assert.lengthOf(
      await db.from('crm_opportunity_steps').whereIn('opportunity_id', [theirs, mine]),
      0
    )
    ;(await tick(mine, step)).assertStatus(200)
  })

  test("copying the default pipeline to a team copies its stages' steps", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    const team = await createTeam(org, admin, [], 'Norte')
    const s = await stagesByName(org)
    for (const [stageName, name, position] of [
      ['En análisis', 'Detectar necesidad', 0],
      ['En negociación', 'Revisar contrato', 0],
      ['En negociación', 'Aprobar descuento', 1],
    ] as const)
      await db.table('crm_pipeline_steps').insert({
        organization_id: org.id,
        stage_id: s[stageName].id,
        name,
        position,
        created_at: new Date(),
      })
    await client
      .post(`/crm/opportunities/teams/${team.id}/copy`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    const copied = await db
      .from('crm_pipeline_steps as p')
      .join('crm_pipeline_stages as st', 'st.id', 'p.stage_id')
      .where('st.team_id', team.id)
      .orderBy('st.position')
      .orderBy('p.position')
      .select('st.name as stage', 'p.name')
    assert.deepEqual(
      copied.map((r) => `${r.stage}: ${r.name}`),
      [
        'En análisis: Detectar necesidad',
        'En negociación: Revisar contrato',
        'En negociación: Aprobar descuento',
      ]
    )
  })
})
