import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertCompany, insertContact } from '../helpers.js'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

const linksOf = (id: number) =>
  db
    .from('crm_opportunity_contacts')
    .where('opportunity_id', id)
    .orderBy('contact_id')
    .select('contact_id', 'role')
const kindsOf = async (id: number) =>
  (
    await db
      .from('timeline_events')
      .where({ subject_type: 'crm.opportunity', subject_id: id })
      .whereIn(
        'kind',
        [
          'contact_added',
          'contact_role',
          'contact_removed',
          'competitor_added',
          'competitor_removed',
        ].map((k) => `crm.opportunity_${k}`)
      )
      .orderBy('id')
      .select('kind', 'data')
  ).map((r) => {
    const data = typeof r.data === 'string' ? JSON.parse(r.data) : r.data
    return `${r.kind}:${data.summary}`
  })

test.group('Pipeline · contacts with roles and competitors', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form saves contacts with roles, replaces them and writes each change to the timeline', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const ana = await insertContact(org, { first_name: 'Ana', last_name: 'Ruiz', owner_id: rep.id })
    const luis = await insertContact(org, {
      first_name: 'Luis',
      last_name: 'Gil',
      owner_id: rep.id,
    })
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    await db.table('crm_opportunity_contacts').insert({
      organization_id: org.id,
      opportunity_id: id,
      contact_id: ana,
      role: 'decisor',
    })
    const put = (contacts: object[]) =>
      client
        .put(`/crm/opportunities/${id}`)
        .json({ name: 'Con contactos', contacts })
        .withCsrfToken()
        .loginAs(rep)
        .redirects(0)
    ;(
      await put([
        { contactId: ana, role: 'usuario' },
        { contactId: luis, role: 'decisor' },
      ])
    ).assertStatus(302)
    assert.deepEqual(
      (await linksOf(id)).map((r) => [Number(r.contact_id), r.role]),
      [
        [ana, 'usuario'],
        [luis, 'decisor'],
      ].sort((a, b) => Number(a[0]) - Number(b[0]))
    )
    ;(await put([{ contactId: luis, role: 'decisor' }])).assertStatus(302)
    assert.deepEqual(
      (await linksOf(id)).map((r) => Number(r.contact_id)),
      [luis]
    )
    assert.deepEqual(await kindsOf(id), [
      'crm.opportunity_contact_role:Ana Ruiz (usuario)',
      'crm.opportunity_contact_added:Luis Gil (decisor)',
      'crm.opportunity_contact_removed:Ana Ruiz (usuario)',
    ])
  })

  test('a contact or competitor the user cannot see is refused with a translated 422, unnamed', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const colleague = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const hidden = await insertContact(org, {
      first_name: 'Oculta',
      last_name: 'Secreta',
      owner_id: colleague.id,
    })
    const hiddenRival = await insertCompany(org, {
      name: 'Rival Oculto',
      type: 'competidor',
      owner_id: colleague.id,
    })
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    const put = (body: object) =>
      client.put(`/crm/opportunities/${id}/links`).json(body).withCsrfToken().loginAs(rep)
    const contact = await put({ contacts: [{ contactId: hidden, role: 'decisor' }] })
    contact.assertStatus(422)
    assert.equal(contact.body().field, 'contacts')
    assert.equal(contact.body().message, 'No existe o no tienes acceso')
    assert.notInclude(contact.text(), 'Secreta')
    const rival = await put({ competitors: [{ companyId: hiddenRival }] })
    rival.assertStatus(422)
    assert.equal(rival.body().field, 'competitors')
    assert.notInclude(rival.text(), 'Oculto')
    assert.lengthOf(await linksOf(id), 0)
    // The full form says the same under its contacts field.
    const form = await client
      .put(`/crm/opportunities/${id}`)
      .json({ name: 'Con oculto', contacts: [{ contactId: hidden, role: 'decisor' }] })
      .withCsrfToken()
      .loginAs(rep)
      .redirects(0)
    form.assertStatus(302)
    form.assertFlashMessage('inputErrorsBag', { contacts: ['No existe o no tienes acceso'] })
    assert.lengthOf(await linksOf(id), 0)
    // The contact picker never offers the hidden contact either.
    const options = await client.get('/crm/opportunities/contact-options?q=Oculta').loginAs(rep)
    options.assertStatus(200)
    assert.deepEqual(options.body(), [])
  })

  test('a competitor must be a company of type competidor; the picker offers only those', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'all', { locale: 'en' })
    const s = await stagesByName(org)
    const client1 = await insertCompany(org, { name: 'Cliente Normal', type: 'cliente' })
    const rival = await insertCompany(org, { name: 'Rival SL', type: 'competidor' })
    const id = await insertOpportunity(org, { stage_id: s['En análisis'].id, owner_id: rep.id })
    const put = (companyId: number) =>
      client
        .put(`/crm/opportunities/${id}/links`)
        .json({ competitors: [{ companyId, strengths: 'Precio', weaknesses: 'Plazos' }] })
        .withCsrfToken()
        .loginAs(rep)
    const refused = await put(client1)
    refused.assertStatus(422)
    assert.equal(refused.body().message, 'Only companies of type competitor can be added')
    ;(await put(rival)).assertStatus(200)
    const rows = await db.from('crm_opportunity_competitors').where('opportunity_id', id)
    assert.lengthOf(rows, 1)
    assert.include(rows[0], { strengths: 'Precio', weaknesses: 'Plazos' })
    assert.equal(Number(rows[0].company_id), rival)
    assert.deepEqual(await kindsOf(id), ['crm.opportunity_competitor_added:Rival SL'])
    const picker = await client.get('/crm/opportunities/competitor-options?q=').loginAs(rep)
    assert.deepEqual(
      picker.body().map((o: { label: string }) => o.label),
      ['Rival SL']
    )
  })

  test("the contact picker lists the opportunity company's people first", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'all')
    const company = await insertCompany(org, { name: 'Zeta SA' })
    await insertContact(org, { first_name: 'Alberto', last_name: 'Abad' })
    await insertContact(org, { first_name: 'Zoe', last_name: 'Zamora', company_id: company })
    const response = await client
      .get(`/crm/opportunities/contact-options?company=${company}`)
      .loginAs(rep)
    const labels = response.body().map((o: { label: string }) => o.label)
    assert.deepEqual(labels.slice(0, 2), ['Zoe Zamora', 'Alberto Abad'])
  })

  test("a rep cannot change another rep's opportunity links (404)", async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const rep = await pipelineUser(org, 'own')
    const colleague = await pipelineUser(org, 'own')
    const s = await stagesByName(org)
    const mine = await insertContact(org, { owner_id: rep.id })
    const id = await insertOpportunity(org, {
      stage_id: s['En análisis'].id,
      owner_id: colleague.id,
    })
    const response = await client
      .put(`/crm/opportunities/${id}/links`)
      .json({ contacts: [{ contactId: mine }] })
      .withCsrfToken()
      .loginAs(rep)
    response.assertStatus(404)
    assert.lengthOf(await linksOf(id), 0)
  })
})
