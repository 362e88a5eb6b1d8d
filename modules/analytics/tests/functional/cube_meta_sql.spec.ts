import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#tests/helpers/world'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'
import type User from '#models/user'
import { CUBE_API, LOAD, multi } from '../client.js'

test.group('Analytics · /meta, /sql and errors', (group) => {
  // The model compiles once (seconds on a busy machine), outside any test's timeout.
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  test('/meta lists the public views only, with their public members', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    const response = await client.get(`${CUBE_API}/meta`).loginAs(users.rep)
    response.assertStatus(200)
    const cubes = response.body().cubes as any[]
    const names = cubes.map((c) => c.name).sort()
    assert.includeMembers(names, [
      'crm_activities_overview',
      'crm_leads_overview',
      'crm_overview',
      'crm_pipeline',
      'crm_quota_attainment',
    ])
    assert.isTrue(cubes.every((c) => c.type === 'view' && c.public))
    // Private cubes (opportunities, leads, owners…) never appear: only the five views.
    assert.lengthOf(names, 5)
    const pipeline = cubes.find((c) => c.name === 'crm_pipeline')
    const members = [...pipeline.measures, ...pipeline.dimensions].map((m: any) => m.name)
    assert.includeMembers(members, ['crm_pipeline.amount_minor', 'crm_pipeline.stage'])
    assert.notInclude(members, 'crm_pipeline.created_day')
  })

  test('/sql is for administrators; it shows the scope filter', async ({ client, assert }) => {
    const { users } = await analyticsWorld()
    const query = JSON.stringify({ measures: ['crm_pipeline.count'] })
    const rep = await client.get(`${CUBE_API}/sql`).qs({ query }).loginAs(users.rep)
    rep.assertStatus(403)
    assert.equal(rep.body().error, 'Solo los administradores pueden ver el SQL de una consulta.')
    const admin = await client.get(`${CUBE_API}/sql`).qs({ query }).loginAs(users.admin)
    admin.assertStatus(200)
    const [sql, params] = admin.body().sql.sql
    assert.match(sql, /crm_opportunities/)
    assert.match(sql, /organization_id/)
    assert.include(params.map(String), String(users.admin.organizationId))
  })

  test('an unknown or private member, or a malformed query, is a 400 with a message', async ({
    client,
    assert,
  }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { org, users } = await analyticsWorld()
    const unknown = await loadAs(users.rep, { measures: ['crm_pipeline.nope'] })
    unknown.assertStatus(400)
    assert.equal(
      unknown.body().error,
      'La consulta pide un dato que no existe o no es público: crm_pipeline.nope'
    )
    // A private cube's member (it would bypass the view) is unknown to the client.
    const hidden = await loadAs(users.rep, { measures: ['crm_opportunities.count'] })
    hidden.assertStatus(400)
    assert.match(hidden.body().error, /crm_opportunities\.count/)
    const malformed = await loadAs(users.rep, { measures: 'crm_pipeline.count' })
    malformed.assertStatus(400)
    assert.match(malformed.body().error, /^La consulta de analítica no es válida/)
    // Member expressions (SQL from the client) are refused, as Cube's REST API does.
    const expression = await loadAs(users.rep, {
      measures: [{ cubeName: 'crm_pipeline', name: 'x', expression: '1', definition: '1' }],
    })
    expression.assertStatus(400)
    const filterExpression = await loadAs(users.rep, {
      measures: ['crm_pipeline.count'],
      filters: [{ operator: 'equals', values: ['1'], member: { sql: '1 = 1' } }],
    })
    filterExpression.assertStatus(400)
    // Ordering by a private cube's member is refused like naming it.
    const privateOrder = await loadAs(users.rep, {
      measures: ['crm_pipeline.count'],
      order: { 'crm_opportunities.amount_minor': 'desc' },
    })
    privateOrder.assertStatus(400)
    assert.match(privateOrder.body().error, /crm_opportunities\.amount_minor/)
    const notJson = await client.get(`${CUBE_API}/load`).qs({ query: '{nope' }).loginAs(users.rep)
    notJson.assertStatus(400)
    // English for an English-speaking user.
    const english = await createUser(org, { permissions: ['analytics.view'] }, { locale: 'en' })
    const inEnglish = await loadAs(english, { measures: ['crm_pipeline.nope'] })
    inEnglish.assertStatus(400)
    assert.equal(
      inEnglish.body().error,
      'The query asks for a member that does not exist or is not public: crm_pipeline.nope'
    )
  })

  test('analytics.view is required', async ({ client }) => {
    const loadAs = (user: User, query: unknown) => client.get(LOAD).qs(multi(query)).loginAs(user)
    const { org } = await analyticsWorld()
    const nobody = await createUser(org, { permissions: ['crm.opportunities.view'] })
    const response = await loadAs(nobody, { measures: ['crm_pipeline.count'] })
    response.assertStatus(403)
  })
})

test.group('Analytics · page', (group) => {
  // The model compiles once (seconds on a busy machine), outside any test's timeout.
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('/analytics lists the public views and their members', async ({ client, assert }) => {
    const { users } = await analyticsWorld()
    const page = await client.get('/analytics').loginAs(users.rep).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('analytics/views/index')
    const views = page.inertiaProps.views as any[]
    assert.deepEqual(
      views.map((v) => v.name),
      [
        'crm_activities_overview',
        'crm_leads_overview',
        'crm_overview',
        'crm_pipeline',
        'crm_quota_attainment',
      ]
    )
    const pipeline = views.find((v) => v.name === 'crm_pipeline')
    assert.deepInclude(pipeline.measures, {
      name: 'crm_pipeline.amount_minor',
      title: 'Importe',
      type: 'number',
      money: true,
    })
    assert.equal(pipeline.title, 'Cartera de oportunidades')
  })
})
