import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import i18nManager from '@adonisjs/i18n/services/main'
import { cubeEngine, resetCubeEngine } from '../../engine/engine.js'
import { titleKey } from '../../engine/titles.js'
import { analyticsWorld } from '../world.js'
import { CUBE_API, LOAD, multi } from '../client.js'

test.group('Analytics · titles in the user language', (group) => {
  group.setup(async () => {
    await cubeEngine()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetCubeEngine())

  test('every public view and member has a title in English and Spanish', async ({ assert }) => {
    const { compilers } = await cubeEngine()
    const missing: string[] = []
    for (const { config } of compilers.metaTransformer.cubes as any[]) {
      if (!config.isVisible) continue
      const names = [config.name]
      for (const kind of ['measures', 'dimensions', 'segments'])
        for (const m of config[kind] ?? []) if (m.isVisible) names.push(m.name)
      for (const locale of ['en', 'es'])
        for (const name of names)
          if (!i18nManager.locale(locale).hasMessage(titleKey(name)))
            missing.push(`${locale}: ${name}`)
    }
    assert.deepEqual(missing, [], 'add them to modules/<module>/lang/cube/{en,es}.json')
  })

  test('/meta, annotations and the views page speak the user language', async ({
    client,
    assert,
  }) => {
    const { users } = await analyticsWorld()
    await users.rep.merge({ locale: 'en' }).save()
    const meta = await client.get(`${CUBE_API}/meta`).loginAs(users.rep)
    const pipeline = (meta.body().cubes as any[]).find((c) => c.name === 'crm_pipeline')
    assert.equal(pipeline.title, 'Opportunity pipeline')
    const amount = pipeline.measures.find((m: any) => m.name === 'crm_pipeline.amount_minor')
    assert.equal(amount.shortTitle, 'Amount')
    assert.equal(amount.title, 'Opportunity pipeline Amount')
    assert.deepEqual(amount.meta, { money: 'minor' })

    const query = {
      measures: ['crm_pipeline.won_amount_minor'],
      dimensions: ['crm_pipeline.stage'],
    }
    const load = await client.get(LOAD).qs(multi(query)).loginAs(users.rep)
    const annotation = load.body().results[0].annotation
    assert.equal(annotation.measures['crm_pipeline.won_amount_minor'].shortTitle, 'Won amount')
    assert.equal(annotation.dimensions['crm_pipeline.stage'].shortTitle, 'Stage')

    // The Spanish user keeps the yml's titles (and gets Spanish for members the yml leaves bare).
    const es = await client.get(`${CUBE_API}/meta`).loginAs(users.rep2)
    const esPipeline = (es.body().cubes as any[]).find((c) => c.name === 'crm_pipeline')
    assert.equal(esPipeline.title, 'Cartera de oportunidades')
    const owner = esPipeline.dimensions.find((d: any) => d.name === 'crm_pipeline.owner_id')
    assert.equal(owner.shortTitle, 'ID del responsable')

    const page = await client.get('/analytics').loginAs(users.rep).withInertia()
    page.assertStatus(200)
    const views = page.inertiaProps.views as any[]
    const leads = views.find((v) => v.name === 'crm_leads_overview')
    assert.equal(leads.title, 'Leads')
    assert.equal(leads.measures.find((m: any) => m.name.endsWith('.count')).title, 'Leads')
  })
})
