import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { leadsUser } from '../leads_helpers.js'

const FORM = {
  name: 'Contacto web',
  defaultSource: 'web',
  fields: ['title', 'firstName', 'email', 'phone'],
  thankYouText: 'Gracias, le llamamos.',
}

test.group('Leads: web forms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())

  async function world(client: any, form: Record<string, unknown> = FORM) {
    const org = await createOrganization(['crm'])
    const admin = await createUser(org, { isAdmin: true })
    ;(
      await client
        .post('/crm/web-forms')
        .json(form)
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    ).assertStatus(302)
    const page = await client.get('/crm/web-forms').loginAs(admin).withInertia()
    const created = (page.inertiaProps as any).forms[0]
    // The snippet's action: a signed path (relative without APP_URL).
    const url = String(created.actionUrl).replace(/^https?:\/\/[^/]+/, '')
    return { org, admin, form: created, url }
  }

  test('a valid post stores a lead with source web, its form and no owner', async ({
    client,
    assert,
  }) => {
    const { org, form, url } = await world(client)
    assert.match(url, new RegExp(`^/p/crm/${org.slug}/forms/[A-Za-z0-9_-]{43}\\?expires=`))
    const response = await client
      .post(url)
      .form({ title: 'Quiero una demo', firstName: 'Eva', email: 'Eva@Web.es', nif: 'B12345674' })
      .accept('json')
    response.assertStatus(201)
    response.assertBody({ ok: true, message: 'Gracias, le llamamos.' })
    const lead = await db.from('crm_leads').where('organization_id', org.id).firstOrFail()
    assert.include(lead, {
      title: 'Quiero una demo',
      first_name: 'Eva',
      email_normalized: 'eva@web.es',
      source: 'web',
      status: 'new',
      web_form_id: form.id,
    })
    assert.isNull(lead.owner_id)
    assert.isNull(lead.nif, 'a field the form does not ask for is ignored')
    const row = await db.from('crm_web_forms').where('id', form.id).first()
    assert.equal(Number(row.submissions), 1)
  })

  test('honeypot: answered like a success, nothing stored, counted', async ({ client, assert }) => {
    const { org, form, url } = await world(client)
    const response = await client
      .post(url)
      .form({ title: 'Compre ya', email: 'bot@spam.io', website_url: 'http://spam.io' })
      .accept('json')
    response.assertStatus(201)
    assert.lengthOf(await db.from('crm_leads').where('organization_id', org.id), 0)
    const row = await db.from('crm_web_forms').where('id', form.id).first()
    assert.deepEqual([Number(row.spam_caught), Number(row.submissions)], [1, 0])
  })

  test('validation errors as JSON and as an HTML page', async ({ client, assert }) => {
    const { org, url } = await world(client)
    const json = await client.post(url).form({ email: 'no-es-correo' }).accept('json')
    json.assertStatus(422)
    assert.equal(json.body().errors[0].field, 'email')
    const html = await client
      .post(url)
      .form({ email: 'no-es-correo' })
      .header('accept', 'text/html')
    html.assertStatus(422)
    assert.include(html.text(), '<ul role="alert">')
    assert.lengthOf(await db.from('crm_leads').where('organization_id', org.id), 0)
  })

  test('a plain form post is redirected when the form says where', async ({ client }) => {
    const { url } = await world(client, { ...FORM, redirectUrl: 'https://example.com/gracias' })
    const response = await client
      .post(url)
      .form({ title: 'Hola' })
      .header('accept', 'text/html')
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', 'https://example.com/gracias')
  })

  test('bad token: an inactive form 404, a tampered token 403', async ({ client, assert }) => {
    const { org, admin, form, url } = await world(client)
    const tampered = url.replace(/forms\/(.)/, (_, c) => `forms/${c === 'A' ? 'B' : 'A'}`)
    ;(await client.post(tampered).form({ title: 'x' }).accept('json')).assertStatus(403)
    await client
      .put(`/crm/web-forms/${form.id}`)
      .json({ ...FORM, active: false })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    const gone = await client.post(url).form({ title: 'Hola' }).accept('json')
    gone.assertStatus(404)
    assert.lengthOf(await db.from('crm_leads').where('organization_id', org.id), 0)
  })

  test('rate limit: the sixth post in a minute from one IP gets 429', async ({ client }) => {
    const { url } = await world(client)
    for (let i = 0; i < 5; i++)
      (
        await client
          .post(url)
          .form({ title: `Envío ${i}` })
          .accept('json')
      ).assertStatus(201)
    ;(await client.post(url).form({ title: 'Uno más' }).accept('json')).assertStatus(429)
  })

  test('only users with the forms permission manage them', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const rep = await leadsUser(org, 'own')
    ;(await client.get('/crm/web-forms').loginAs(rep).withInertia()).assertStatus(403)
  })
})
